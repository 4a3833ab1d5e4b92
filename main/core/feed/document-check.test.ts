import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { KIT_NEEDS } from '../../../interop/cda-validation/index.js';
import { KIT_DIR, TEST_RULES } from '../../../interop/cda-validation/test-support/rules.js';
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

describe('the document checker with the official rules', () => {
  it('loads the rules again for the next document after its threads failed to load them', async () => {
    // A folder laid out as a kit, its files unreadable as rules, then the real kit in its place.
    const root = mkdtempSync(join(tmpdir(), 'passerelle-rules-'));
    const broken = join(root, 'broken');
    for (const need of [...KIT_NEEDS, 'schematrons/CI-SIS_LDL-SES_2022.01.sch']) {
      const path = join(broken, need);
      mkdirSync(need.endsWith('.xsd') || need.endsWith('.sch') ? dirname(path) : path, { recursive: true });
      if (need.endsWith('.xsd') || need.endsWith('.sch')) writeFileSync(path, 'no XML');
    }
    const kit = join(root, 'kit');
    symlinkSync(broken, kit);
    const checker = await createDocumentChecker({ rulesDir: kit, cacheDir: TEST_RULES.cacheDir }, { ruleThreads: 2 });
    try {
      await expect(checker.check(ldl)).rejects.toMatchObject({ code: 'CDA_RULES_UNREADABLE' });
      rmSync(kit);
      symlinkSync(KIT_DIR, kit);
      const check = await checker.check(ldl.replace('<birthTime value="19790328"/>', ''));
      expect(check.valid).toBe(false);
      expect(check.findings).toContainEqual(expect.objectContaining({ rule: 'Entete_LDL-SES', severity: 'error' }));
    } finally {
      await checker.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
