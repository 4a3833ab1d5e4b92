import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import type { AuditLog } from '../audit/audit-log.js';
import { readBody } from '../http/read-body.js';
import type { PatientStore } from '../store/patient-store.js';
import type { TrustedCertificate } from '../trust/trust-anchors.js';
import type { PscIntrospection } from '../vihf/vihf-guard.js';
import type { AgendaStore } from './agenda-store.js';

/** Where the agenda's FHIR API lives on the platform's port (mutual TLS, a professional's card). */
export const FHIR_PREFIX = '/fhir/';

/** The INS-NIR OIDs (production, test, demo) and the professionals' national id OID, as FHIR systems. */
const INS_SYSTEMS = ['urn:oid:1.2.250.1.213.1.4.8', 'urn:oid:1.2.250.1.213.1.4.10', 'urn:oid:1.2.250.1.213.1.4.11'];
const PRACTITIONER_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
const MAX_BODY = 32 * 1024;

const Identifier = z.object({ system: z.string(), value: z.string().min(1).max(64) });
const Participant = z.object({
  actor: z.object({ identifier: Identifier, display: z.string().trim().min(1).max(200).optional() }),
  status: z.enum(['accepted', 'declined', 'tentative', 'needs-action']),
});

/**
 * The FHIR Appointment the mock takes, after the CI-SIS shared-agenda guide (ansforge/IG-fhir-gestion-agendas-
 * partages, FrAppointment): a booked appointment with its start, end and description, the patient (by INS) and
 * the practitioner (by national id) as participants.
 */
const AppointmentSchema = z.object({
  resourceType: z.literal('Appointment'),
  status: z.literal('booked'),
  description: z.string().trim().min(1).max(500),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  participant: z.array(Participant).min(2).max(5),
});

function outcome(response: ServerResponse, status: number, code: string, text: string): void {
  const body = JSON.stringify({
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: status === 403 ? 'forbidden' : 'invalid', details: { coding: [{ code }], text } },
    ],
  });
  response.writeHead(status, { 'Content-Type': 'application/fhir+json; charset=utf-8' }).end(body);
}

/**
 * Who the professional posting is: the card's holder on a card's certificate (DIRECTE); on the structure's ORG
 * certificate (AIR), whom a live Pro Santé Connect token (Authorization: Bearer) names at eIDAS level 1, the
 * token bound to that very certificate (RFC 8705) as the DMP's services check it in the VIHF.
 */
function professionalOf(
  request: IncomingMessage,
  caller: TrustedCertificate,
  introspect: PscIntrospection | undefined,
): { nationalId: string; authMode: 'DIRECTE' | 'INDIRECTE_RENFORCEE' } | undefined {
  if (caller.family === 'persons') return { nationalId: caller.commonName, authMode: 'DIRECTE' };
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer === undefined ? undefined : introspect?.(bearer);
  const thumbprint = createHash('sha256').update(caller.certificate.raw).digest('base64url');
  if (!token || token.acr !== 'eidas1' || token.certificateThumbprint !== thumbprint) return undefined;
  return { nationalId: token.nationalId, authMode: 'INDIRECTE_RENFORCEE' };
}

/**
 * `POST /fhir/Appointment`: a professional shares an appointment with a patient's Mon espace santé agenda. The
 * practitioner must be the card's holder (or the e-CPS's, see {@link professionalOf}), the patient known with an open account who did not oppose, the
 * appointment to come and its end after its start; each refusal is an OperationOutcome, each call audited.
 */
export function createAgendaService(deps: {
  readonly agenda: AgendaStore;
  readonly store: PatientStore;
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** Pro Santé Connect's introspection, for calls in AIR mode. */
  readonly introspect?: PscIntrospection;
}): (request: IncomingMessage, response: ServerResponse, caller: TrustedCertificate) => Promise<void> {
  return async (request, response, caller) => {
    const path = new URL(request.url ?? '/', 'https://platform.invalid').pathname;
    if (request.method !== 'POST' || path !== `${FHIR_PREFIX}Appointment`) {
      outcome(response, 404, 'NOT_FOUND', 'Ressource inconnue.');
      return;
    }
    let patient = '-';
    let result = 'OK';
    const professional = professionalOf(request, caller, deps.introspect);
    const refuse = (status: number, code: string, text: string): void => {
      result = code;
      outcome(response, status, code, text);
    };
    try {
      const body = await readBody(request, MAX_BODY);
      let json: unknown;
      try {
        json = JSON.parse(body ?? '');
      } catch {
        return refuse(400, 'JSON_ILLISIBLE', 'JSON illisible.');
      }
      const parsed = AppointmentSchema.safeParse(json);
      if (!parsed.success) return refuse(422, 'RENDEZ_VOUS_INVALIDE', z.prettifyError(parsed.error));
      const appointment = parsed.data;
      const subject = appointment.participant.find((p) => INS_SYSTEMS.includes(p.actor.identifier.system));
      const practitioner = appointment.participant.find((p) => p.actor.identifier.system === PRACTITIONER_SYSTEM);
      if (!subject || !practitioner) return refuse(422, 'PARTICIPANT_MANQUANT', 'Patient et professionnel attendus.');
      patient = subject.actor.identifier.value;
      const practitionerId = practitioner.actor.identifier.value;
      if (!professional || practitionerId !== professional.nationalId)
        return refuse(403, 'PROFESSIONNEL_NON_CONFORME', "Le professionnel n'est pas le porteur de la carte.");
      const record = deps.store.find(patient);
      if (!record || !record.mesAccountOpen) return refuse(404, 'PATIENT_INCONNU', 'Aucun agenda pour ce patient.');
      if (deps.agenda.opposed(patient))
        return refuse(403, 'OPPOSITION_PATIENT', "Le patient s'est opposé au partage de rendez-vous.");
      if (Date.parse(appointment.start) <= deps.now().getTime())
        return refuse(422, 'DATE_PASSEE', 'Le rendez-vous commence dans le passé.');
      if (Date.parse(appointment.end) <= Date.parse(appointment.start))
        return refuse(422, 'FIN_AVANT_DEBUT', 'La fin du rendez-vous précède son début.');
      const saved = deps.agenda.add(patient, {
        start: new Date(appointment.start).toISOString(),
        end: new Date(appointment.end).toISOString(),
        description: appointment.description,
        practitioner: { id: practitionerId, name: practitioner.actor.display ?? practitionerId },
      });
      response
        .writeHead(201, {
          'Content-Type': 'application/fhir+json; charset=utf-8',
          Location: `${FHIR_PREFIX}Appointment/${saved.id}`,
        })
        .end(JSON.stringify({ ...appointment, id: saved.id }));
    } finally {
      deps.audit.append({
        actor: professional?.nationalId ?? caller.commonName,
        profession: '-',
        structure: '-',
        authMode: professional?.authMode ?? 'DIRECTE',
        accessMode: '-',
        patient,
        action: 'agenda.rendez-vous',
        outcome: result,
      });
    }
  };
}
