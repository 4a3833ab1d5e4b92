import { describe, expect, it } from 'vitest';

import type { Catalogue } from '../i18n/catalogue.js';

import { cardErrors } from './card-errors.js';
import { cdaErrors } from './cda-errors.js';
import { cdaValidationErrors } from './cda-validation-errors.js';
import { consultErrors } from './consult-errors.js';
import { documentErrors } from './document-errors.js';
import { ecpsErrors } from './ecps-errors.js';
import { generalErrors } from './general-errors.js';
import { gpErrors } from './gp-errors.js';
import { ERROR_CODES, ErrorBodySchema, errorMessage, PasserelleError } from './index.js';
import { messagingErrors } from './messaging-errors.js';
import { platformErrors } from './platform-errors.js';
import { queueErrors } from './queue-errors.js';
import { serviceErrors } from './service-errors.js';
import { transportErrors } from './transport-errors.js';
import { xdsErrors } from './xds-errors.js';

const DOMAINS: Readonly<Record<string, Catalogue<object>>> = {
  cardErrors,
  cdaErrors,
  cdaValidationErrors,
  consultErrors,
  documentErrors,
  ecpsErrors,
  generalErrors,
  messagingErrors,
  gpErrors,
  platformErrors,
  queueErrors,
  serviceErrors,
  transportErrors,
  xdsErrors,
};

describe('error catalogues', () => {
  it('define each code in one domain only, so that no message silently hides another', () => {
    const domainsOf = new Map<string, string[]>();
    for (const [domain, catalogue] of Object.entries(DOMAINS)) {
      for (const code of Object.keys(catalogue.fr)) domainsOf.set(code, [...(domainsOf.get(code) ?? []), domain]);
    }
    expect([...domainsOf].filter(([, domains]) => domains.length > 1)).toEqual([]);
    expect([...domainsOf.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('give every code a message in French and in English', () => {
    const missing = ERROR_CODES.filter(
      (code) => errorMessage(code, {}, 'fr').trim() === '' || errorMessage(code, {}, 'en').trim() === '',
    );
    expect(missing).toEqual([]);
  });

  it('carry an error over the wire as its code, its message in both languages with the details filled, and the details', () => {
    const error = new PasserelleError('PIN_INCORRECT', { triesLeft: 2 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'PIN_INCORRECT',
      message: {
        fr: 'Code PIN incorrect. Il reste 2 essai(s) avant le blocage de la carte.',
        en: 'Wrong PIN. 2 try(ies) left before the card locks.',
      },
      details: { triesLeft: 2 },
    });
    expect(error.message).toBe(error.messageIn('en'));
  });

  it('carry a list to choose from as data over the wire, and in the message as its labels numbered from 1', () => {
    const activities = [
      { label: 'Hôpital (1)', activity: 1, structureId: '1' },
      { label: 'Cabinet (2)', activity: 2, structureId: '2' },
    ];
    const error = new PasserelleError('ECPS_ACTIVITY_REQUIRED', { count: 2, activities });
    expect(error.messageIn('en')).toContain('(1 to 2): 1. Hôpital (1) ; 2. Cabinet (2).');
    expect(ErrorBodySchema.parse(JSON.parse(JSON.stringify(error))).details).toEqual({ count: 2, activities });
  });
});
