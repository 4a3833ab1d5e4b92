import { describe, expect, it } from 'vitest';

import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes what could open a tag, an entity or leave a quoted attribute, and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Zoé</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Zoé&lt;/a&gt;',
    );
  });
});
