import { describe, expect, it } from 'vitest';

import { verdict } from './document-output.js';

const structureOnly = { structure: true, officialRules: false };
const withOfficialRules = { structure: true, officialRules: true };

describe('the verdict of a check', () => {
  it('never says "conforme" when only the structure was checked, and says the official rules are not installed', () => {
    const said = verdict({ valid: true, checked: structureOnly });
    expect(`${said.fr} ${said.en}`).not.toMatch(/\bconforme\b|\bvalid\b/i);
    expect(said).toEqual({
      fr: 'Aucune erreur trouvée (structure vérifiée ; règles officielles de l’ANS non installées)',
      en: 'No error found (structure checked; official ANS rules not installed)',
    });
  });

  it('says "conforme" when the official rules ran and found no error', () => {
    expect(verdict({ valid: true, checked: withOfficialRules })).toEqual({
      fr: 'Document conforme (structure et règles officielles de l’ANS vérifiées)',
      en: 'Valid document (structure and official ANS rules checked)',
    });
  });

  it('says "non conforme" for a document that breaks a rule, with what was checked', () => {
    expect(verdict({ valid: false, checked: structureOnly })).toEqual({
      fr: 'Document non conforme (structure vérifiée ; règles officielles de l’ANS non installées)',
      en: 'Invalid document (structure checked; official ANS rules not installed)',
    });
  });
});
