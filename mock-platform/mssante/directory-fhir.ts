import type { IncomingMessage, ServerResponse } from 'node:http';

import type { DirectoryEntry, ProfessionalDirectory } from './directory.js';

/** Where the directory answers on the platform's port, as the Annuaire Santé FHIR API does (no client certificate). */
export const DIRECTORY_PREFIX = '/annuaire/fhir/';

/** The national id's system (RPPS/ADELI national identifiers, IDNPS). */
export const NATIONAL_ID_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
/** The extension naming a telecom as an MSSanté address, as the Annuaire Santé writes it. */
export const MSSANTE_TELECOM_EXTENSION = 'https://annuaire.sante.fr/fhir/StructureDefinition/ContactPointMSSanteType';

const practitionerId = (entry: DirectoryEntry): string => `pra-${entry.nationalId}`;

function practitioner(entry: DirectoryEntry): Record<string, unknown> {
  return {
    resourceType: 'Practitioner',
    id: practitionerId(entry),
    identifier: [{ system: NATIONAL_ID_SYSTEM, value: entry.nationalId }],
    name: [{ family: entry.lastName, given: [entry.firstName] }],
    telecom: [mssTelecom(entry)],
  };
}

function mssTelecom(entry: DirectoryEntry): Record<string, unknown> {
  return {
    extension: [{ url: MSSANTE_TELECOM_EXTENSION, valueCodeableConcept: { coding: [{ code: 'PER' }] } }],
    system: 'email',
    value: entry.address,
  };
}

function practitionerRole(entry: DirectoryEntry): Record<string, unknown> {
  return {
    resourceType: 'PractitionerRole',
    id: `rol-${entry.nationalId}-${entry.structure.id}`,
    active: true,
    practitioner: {
      reference: `Practitioner/${practitionerId(entry)}`,
      display: `${entry.firstName} ${entry.lastName}`,
    },
    organization: { identifier: { value: entry.structure.id }, display: entry.structure.name },
    code: [
      {
        coding: [
          {
            system: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante',
            code: entry.profession.code,
            display: entry.profession.label,
          },
        ],
      },
    ],
    telecom: [mssTelecom(entry)],
  };
}

/**
 * The operator's directory as a FHIR search (the shape of ANS's Annuaire Santé API): `GET
 * /annuaire/fhir/PractitionerRole` or `/Practitioner` with `name` (part of the names, case and accents
 * aside) and/or `identifier` (the national id, `system|value` or the value); a searchset Bundle whose roles
 * include their practitioner. The MSSanté address is the telecom whose extension says so.
 */
export function createDirectoryHandler(
  directory: ProfessionalDirectory,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'https://platform.invalid');
    const resource = url.pathname.slice(DIRECTORY_PREFIX.length);
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        'Content-Type': 'application/fhir+json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
      });
      response.end(text);
    };
    if (request.method !== 'GET' || (resource !== 'PractitionerRole' && resource !== 'Practitioner')) {
      reply(404, outcome('not-found', 'Ressource inconnue : PractitionerRole ou Practitioner.'));
      return Promise.resolve();
    }
    const name = url.searchParams.get('name') ?? undefined;
    const identifier = url.searchParams.get('identifier')?.split('|').pop();
    if (name === undefined && identifier === undefined) {
      reply(400, outcome('required', 'Critère de recherche requis : name ou identifier.'));
      return Promise.resolve();
    }
    const found = directory.search({
      ...(name === undefined ? {} : { name }),
      ...(identifier === undefined ? {} : { identifier }),
    });
    const resources =
      resource === 'Practitioner'
        ? found.map(practitioner)
        : found.flatMap((entry) => [practitionerRole(entry), practitioner(entry)]);
    reply(200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: found.length,
      entry: resources.map((item) => ({
        fullUrl: `${DIRECTORY_PREFIX}${String(item.resourceType)}/${String(item.id)}`,
        resource: item,
        search: { mode: item.resourceType === resource ? 'match' : 'include' },
      })),
    });
    return Promise.resolve();
  };
}

function outcome(code: string, text: string): Record<string, unknown> {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] };
}
