import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { KIT_DIR } from '../../../interop/cda-validation/test-support/rules.js';
import { createDocumentChecker } from './document-check.js';

const ldl = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');

describe('the document checker without the official rules', () => {
  it('says which checks ran: the structure, not the official ANS rules', async () => {
    const check = await (await createDocumentChecker(undefined)).check(ldl);
    expect(check).toEqual({
      valid: true,
      official: false,
      checked: { structure: true, officialRules: false },
      findings: [],
    });
  });

  it('refuses what filing refuses: an unknown type, and templates without a format code', async () => {
    const checker = await createDocumentChecker(undefined);
    const unknownType = await checker.check(ldl.replace('<code code="11490-0"', '<code code="99999-9"'));
    expect(unknownType.valid).toBe(false);
    expect(unknownType.findings).toEqual([expect.objectContaining({ rule: 'CDA-TYPE-CODE', severity: 'error' })]);

    const noFormat = await checker.check(
      ldl.replace('<templateId root="1.2.250.1.213.1.1.1.29" extension="2022.01"/>', ''),
    );
    expect(noFormat.valid).toBe(false);
    expect(noFormat.findings).toEqual([expect.objectContaining({ rule: 'XDS_CODE_UNKNOWN', severity: 'error' })]);
    expect(noFormat.findings[0]?.message).toContain('JDV_J60');
  });
});
