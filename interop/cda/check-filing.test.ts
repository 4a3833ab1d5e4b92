import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { documentEntryFromCda } from './xds-entry.js';
import { checkCdaFiling } from './check-filing.js';
import { readCdaHeader } from './read-header.js';
import { ANS_KIT } from '../test-support/cda-xsd.js';

const ldl = readFileSync(`${ANS_KIT}ExemplesCDA/LDL-SES_2022.01.xml`, 'utf8');
const errors = (xml: string) => checkCdaFiling(xml).filter((f) => f.severity === 'error');

describe('checkCdaFiling', () => {
  it('finds nothing to say about an ANS example that is filed as it is', () => {
    expect(errors(ldl)).toEqual([]);
  });

  it('refuses a document whose templates give no format code, as filing would, with filing’s own code and words', () => {
    // Without its model's template, a document keeps the CI-SIS one our structure asks for, but has no formatCode.
    const anonymous = ldl.replace('<templateId root="1.2.250.1.213.1.1.1.29" extension="2022.01"/>', '');
    expect(() => documentEntryFromCda(readCdaHeader(anonymous), { content: new Uint8Array(0) })).toThrow(
      expect.objectContaining({ code: 'XDS_CODE_UNKNOWN' }),
    );
    const [finding] = errors(anonymous);
    expect(finding).toMatchObject({ rule: 'XDS_CODE_UNKNOWN', severity: 'error', location: '/' });
    expect(finding?.message.fr).toContain("n'appartient pas au jeu de valeurs");
    expect(finding?.message.en).toContain('is not in the value set');
  });

  it('refuses a header value our structure does not look at, naming its element', () => {
    const [finding] = errors(ldl.replace(/(<languageCode code=")[^"]*"/, '$1fr"'));
    expect(finding).toMatchObject({ rule: 'CDA_HEADER_INVALID', location: 'languageCode/@code' });
    expect(finding?.message.fr).toContain('languageCode/@code doit être un code de langue et de pays comme fr-FR');
  });

  it('says an unknown document type once, by the structural rule, before any derivation', () => {
    const findings = errors(ldl.replace('<code code="11490-0"', '<code code="99999-9"'));
    expect(findings.map((f) => f.rule)).toEqual(['CDA-TYPE-CODE']);
  });

  it('says malformed XML once', () => {
    expect(errors(ldl.slice(0, 2000)).map((f) => f.rule)).toEqual(['CDA-XML']);
  });
});
