import { renderToString } from 'react-dom/server';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { describe, expect, it } from 'vitest';

import './workspaces.js';

/** The panel's opening tag, as the server renders it (no effect runs there: the hook's first answer). */
function panel(hasTabbableContent: boolean): string {
  const html = renderToString(
    <Tabs defaultSelectedKey="a">
      <TabList aria-label="vues">
        <Tab id="a">A</Tab>
      </TabList>
      <TabPanel id="a" hasTabbableContent={hasTabbableContent}>
        texte seul
      </TabPanel>
    </Tabs>,
  );
  return /<div[^>]*role="tabpanel"[^>]*>/.exec(html)?.[0] ?? '';
}

describe("React Aria's tab panel, as patched (patches/react-aria+3.53.1.patch)", () => {
  it('takes a panel declared to hold tabbable content at its word, and looks for itself otherwise', () => {
    // Unpatched, both panels would be tab stops (tabindex 0) until a walk of their content found a control.
    expect(panel(true)).toMatch(/role="tabpanel"/);
    expect(panel(true)).not.toMatch(/tabindex/);
    expect(panel(false)).toMatch(/tabindex="0"/);
  });
});
