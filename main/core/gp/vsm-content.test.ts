import { beforeAll, describe, expect, it } from 'vitest';

import { VsmContentSchema, type VsmContent } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { buildVsm, readCdaHeader } from '../../../interop/cda/index.js';
import { SAMPLE_HEADER } from '../../../interop/cda/sample-input.js';
import { TEST_RULES } from '../../../interop/cda-validation/test-support/rules.js';
import { createDocumentChecker, type DocumentChecker } from '../feed/document-check.js';
import { checkVsmContent, vsmInput } from './vsm-content.js';
import { VSM_EXAMPLE } from './vsm-example.js';

const example = (): VsmContent => VsmContentSchema.parse(VSM_EXAMPLE);

function refusal(content: VsmContent): PasserelleError {
  try {
    checkVsmContent(content);
  } catch (error) {
    if (error instanceof PasserelleError) return error;
    throw error;
  }
  throw new Error('the content was accepted');
}

describe('the medical synthesis content', () => {
  let checker: DocumentChecker;
  beforeAll(async () => {
    checker = await createDocumentChecker(TEST_RULES);
  }, 600_000);

  it('builds from the example a VSM 2023.01 that the official rules accept', async () => {
    const xml = buildVsm(vsmInput(checkVsmContent(example()), SAMPLE_HEADER));
    const header = readCdaHeader(xml);
    expect(header.templateIds).toContain('1.2.250.1.213.1.1.1.13');
    expect(header.document.typeCode).toMatchObject({ code: 'SYNTH', codeSystem: '1.2.250.1.213.1.1.4.12' });
    for (const section of ['1.2.250.1.213.1.1.2.29', '1.3.6.1.4.1.19376.1.5.3.1.3.27', '1.2.250.1.213.1.1.2.32'])
      expect(xml).toContain(`<templateId root="${section}"/>`);
    const check = await checker.check(xml);
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(check).toMatchObject({ valid: true, official: true });
  });

  it('is found out by the official VSM rules when a mandatory section is taken out of the document', async () => {
    const xml = buildVsm(vsmInput(checkVsmContent(example()), SAMPLE_HEADER)).replace(
      '<templateId root="1.3.6.1.4.1.19376.1.5.3.1.3.27"/>',
      '',
    );
    const check = await checker.check(xml);
    expect(check.valid).toBe(false);
    expect(check.findings.map((f) => f.message).join('\n')).toContain('La section "Résultats"');
  });

  it('refuses a synthesis without its long-term treatment section, naming the section', () => {
    const { treatments: _, ...rest } = example();
    const error = refusal(rest);
    expect(error.code).toBe('VSM_SECTION_MISSING');
    expect(error.messageIn('fr')).toContain('Traitement au long cours');
    expect(error.messageIn('en')).toContain('mandatory section');
  });

  it('refuses a synthesis without results or pathologies, and an empty treatment list', () => {
    const { results: _, ...noResults } = example();
    expect(refusal(noResults).details).toMatchObject({ field: 'results', section: 'Résultats' });
    const { pathologies: __, ...noPathologies } = example();
    expect(refusal(noPathologies).details.field).toBe('pathologies');
    expect(refusal({ ...example(), treatments: [] }).details.field).toBe('treatments');
  });

  it('refuses an allergy type outside JDV_TypeEvenementIndesirablePrevisible, in French and English', () => {
    const content = example();
    const allergy = { ...content.pathologies!.allergies[0]!, type: '123456' };
    const error = refusal({ ...content, pathologies: { ...content.pathologies!, allergies: [allergy] } });
    expect(error.code).toBe('VSM_CODE_UNKNOWN');
    expect(error.messageIn('fr')).toContain('« 123456 » de pathologies.allergies[0].type');
    expect(error.messageIn('fr')).toContain('JDV_TypeEvenementIndesirablePrevisible');
    expect(error.messageIn('en')).toContain('is not in the value set');
  });

  it('refuses a pathology whose code is no CIM-10 code', () => {
    const content = example();
    const problem = { ...content.pathologies!.active[0]!, cim10: 'HTA' };
    const error = refusal({ ...content, pathologies: { ...content.pathologies!, active: [problem] } });
    expect(error.details).toMatchObject({ code: 'HTA', field: 'pathologies.active[0].cim10', valueSet: 'CIM-10' });
  });
});
