import { describe, expect, it } from 'vitest';

import { faultToError } from './fault-map.js';

describe('faultToError', () => {
  it('turns INSi’s refusal of a certificate not issued for it (DESIR_560, the mock’s CERTIFICAT_INSI_REQUIS) into plain words', () => {
    for (const code of ['DESIR_560', 'CERTIFICAT_INSI_REQUIS']) {
      const error = faultToError({ soapCode: 'soap:Sender', code, reason: 'Certificat non autorisé pour INSi' });
      expect(error.code).toBe('INSI_CERTIFICATE_REFUSED');
      expect(error.details.platformCode).toBe(code);
      expect(error.messageIn('fr')).toContain('INSI-AUTO');
      expect(error.messageIn('fr')).toContain('INSI-MANU');
      expect(error.messageIn('en')).toContain('accepts only an organisation certificate issued for INSi');
    }
  });
});
