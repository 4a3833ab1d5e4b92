import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { AuthorizationStatusSchema, type AuthorizationStatus } from '../hl7v3/td02.js';
import { childText } from '../xml/dom.js';
import { XML_NS } from '../xml/namespaces.js';
import { element, serializeXml } from '../xml/writer.js';

const HABILITATIONS_NS = XML_NS.habilitations;
export const TD03_ACTION = 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization';

/**
 * TD0.3 `setAuthorization`: the caller adds or removes his own authorization on the VIHF's patient,
 * optionally as médecin traitant. The patient is not in the body: the VIHF's resource-id names her.
 */
export function buildTd03Request(action: 'AJOUT' | 'SUPPRESSION', medecinTraitant: boolean): string {
  return serializeXml(
    element(
      'setAuthorization',
      { xmlns: HABILITATIONS_NS },
      element('action', {}, action),
      medecinTraitant && element('role', {}, 'MEDECIN_TRAITANT'),
    ),
  );
}

/** The authorization status after the change (the answer's `context`). */
export function readTd03Answer(payload: Element, url: string): AuthorizationStatus {
  const status =
    payload.localName === 'setAuthorizationResponse' ? childText(payload, HABILITATIONS_NS, 'status') : undefined;
  const context = AuthorizationStatusSchema.safeParse(childText(payload, HABILITATIONS_NS, 'context'));
  if (status !== 'OK' || !context.success) {
    throw new PasserelleError('PLATFORM_BAD_REPLY', {
      url,
      reason: 'setAuthorizationResponse with status OK expected',
    });
  }
  return context.data;
}
