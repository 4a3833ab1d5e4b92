import { describe, expect, it } from 'vitest';

import { verdictLine } from './document-output.js';

const structureOnly = { structure: true, officialRules: false };
const withOfficialRules = { structure: true, officialRules: true };

describe('the verdict of a check', () => {
  it('never says "conforme" when only the structure was checked, and says the official rules are not installed', () => {
    const line = verdictLine({ valid: true, checked: structureOnly });
    expect(line).not.toMatch(/\bconforme\b|\bvalid\b/);
    expect(line).toBe(
      'Aucune erreur trouvée (structure vérifiée ; règles officielles de l’ANS non installées) / no error found (structure checked; official ANS rules not installed)',
    );
  });

  it('says "conforme" when the official rules ran and found no error', () => {
    expect(verdictLine({ valid: true, checked: withOfficialRules })).toBe(
      'Document conforme (structure et règles officielles de l’ANS vérifiées) / valid document (structure and official ANS rules checked)',
    );
  });

  it('says "non conforme" for a document that breaks a rule, with what was checked', () => {
    expect(verdictLine({ valid: false, checked: structureOnly })).toBe(
      'Document non conforme (structure vérifiée ; règles officielles de l’ANS non installées) / invalid document (structure checked; official ANS rules not installed)',
    );
  });
});
