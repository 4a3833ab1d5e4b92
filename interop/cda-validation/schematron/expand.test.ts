import { describe, expect, it } from 'vitest';

import { substitute } from './expand.js';

describe('abstract pattern parameters', () => {
  it('replaces a parameter only where its name ends, as the reference compiler does', () => {
    const params = [
      { name: 'path_jdv', value: "'JDV.xml'" },
      { name: 'path', value: 'cda:code' },
    ];
    expect(substitute('doc($path_jdv)//x[@c = $path/@code]', params)).toBe("doc('JDV.xml')//x[@c = cda:code/@code]");
    expect(substitute('$path.x and $path-y', params)).toBe('$path.x and $path-y');
  });
});
