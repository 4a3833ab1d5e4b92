import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { stringify } from 'csv-stringify';

import { errorMessage, type Language } from '../../../api/errors/index.js';
import { findConcept, TYPE_CODES } from '../../../interop/value-sets/index.js';
import type { DurableQueue } from './durable-queue.js';
import type { QueueItem } from './queue-types.js';
import type { QueueState } from './queue-schema.js';

const HEADERS: Readonly<Record<Language, readonly string[]>> = {
  fr: [
    'fichier',
    'manifeste',
    'ligne',
    'patient_ins',
    'patient_nom',
    'type',
    'type_libelle',
    'etat',
    'code_etat',
    'tentatives',
    'reference_plateforme',
    'code_erreur',
    'erreur',
  ],
  en: [
    'file',
    'manifest',
    'line',
    'patient_ins',
    'patient_name',
    'type',
    'type_label',
    'state',
    'state_code',
    'attempts',
    'platform_reference',
    'error_code',
    'error',
  ],
};

const STATE_LABELS: Readonly<Record<QueueState, Readonly<Record<Language, string>>>> = {
  queued: { fr: 'en attente', en: 'queued' },
  sending: { fr: 'en cours d’envoi', en: 'sending' },
  sent: { fr: 'déposé', en: 'filed' },
  'failed-retryable': { fr: 'en échec, nouvel essai', en: 'failed, will retry' },
  'failed-final': { fr: 'en échec', en: 'failed' },
  'to-fix': { fr: 'à corriger', en: 'to fix' },
  cancelled: { fr: 'annulé', en: 'cancelled' },
};

/** The patient as the report names her: INS and birth name with first names, from the document or the raw line. */
function patientOf(item: QueueItem): { ins: string; name: string } {
  const document = item.description.document;
  if (document) {
    return {
      ins: document.patient.matricule,
      name: `${document.patient.traits.birthName} ${document.patient.traits.firstNames.join(' ')}`,
    };
  }
  const patient = item.description.raw?.patient;
  const field = (name: string): string => {
    const value =
      typeof patient === 'object' && patient !== null ? (patient as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : '';
  };
  return { ins: field('insMatricule'), name: `${field('birthName')} ${field('firstNames')}`.trim() };
}

function typeOf(item: QueueItem): string {
  const code = item.description.document?.typeCode ?? item.description.raw?.typeCode;
  return typeof code === 'string' ? code : '';
}

/** One item's line of the report, in the given language. */
function reportRecord(item: QueueItem, language: Language): (string | number | undefined)[] {
  const patient = patientOf(item);
  const type = typeOf(item);
  const { source } = item.description;
  return [
    source.file,
    source.manifest,
    source.line,
    patient.ins,
    patient.name,
    type,
    type ? findConcept(TYPE_CODES, type)?.displayName : undefined,
    STATE_LABELS[item.state][language],
    item.state,
    item.attempts,
    item.state === 'sent' ? item.reference : undefined,
    item.error?.code,
    item.error ? errorMessage(item.error.code, item.error.details, language) : undefined,
  ];
}

/**
 * Writes the batch report as CSV for a spreadsheet: UTF-8 with a byte-order mark (so that Excel reads the
 * accents), `;` between cells (the separator French spreadsheets expect), CRLF line ends, cells quoted when
 * they hold a separator, a quote or a line break, and defused when a spreadsheet would read them as a formula
 * (a name in a manifest could start with `=`). One line per item: file, manifest line, patient, type, state,
 * attempts, the platform's reference or the error in words. The report names patients: it is health data,
 * written where the user asks. A stream given is written to and left open.
 */
export async function writeCsvReport(
  queue: DurableQueue,
  out: string | Writable,
  language: Language = 'fr',
): Promise<{ readonly rows: number }> {
  let rows = 0;
  function* records(): Generator<readonly (string | number | undefined)[]> {
    yield HEADERS[language];
    for (const item of queue.iterate()) {
      yield reportRecord(item, language);
      rows += 1;
    }
  }
  const csv = stringify({
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    // Set explicitly: with a record delimiter given, csv-stringify would no longer quote a lone LF or CR.
    quote_record_delimiter: true,
    escape_formulas: true,
  });
  if (typeof out === 'string') await pipeline(Readable.from(records()), csv, createWriteStream(out, { mode: 0o600 }));
  else await pipeline(Readable.from(records()), csv, out, { end: false });
  return { rows };
}
