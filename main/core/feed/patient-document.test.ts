import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { checkCdaStructure, readCdaHeader } from '../../../interop/cda/index.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import { ZEPHIRINE } from '../queue/test-support/queue-fixtures.js';
import type { ProfessionalIdentity } from '../session/credentials.js';
import { newDocumentOid, wrapForPatientBytes, wrapPdfForPatient, type WrapOptions } from './patient-document.js';

const PATIENT: PatientIdentity = { ins: { ...ZEPHIRINE, history: [] }, status: 'QUAL' };
const AUTHOR: ProfessionalIdentity = {
  nationalId: '810100000001',
  lastName: 'MEDECIN',
  firstName: 'ALICE',
  profession: { code: '10', label: 'Médecin' },
  structure: { id: '10B0012345', name: 'Cabinet du Parc', sector: 'SA07' },
};

/** A PDF of exactly `size` bytes (the header, then random bytes). */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n', 'latin1');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]).subarray(0, size);
}

const options = (): WrapOptions => ({
  typeCode: '11490-0',
  title: 'Lettre d’hospitalisation',
  now: new Date('2026-11-23T17:00:00Z'),
  id: { root: newDocumentOid() },
});

describe('wrapPdfForPatient', () => {
  // Sizes around the shell’s 6 bytes and the 3-byte groups of base64, and over several pieces of 192 kB.
  it.each([6, 7, 8, 9, 10, 11, 200 * 1024 + 1, 3 * 192 * 1024 + 50 * 1024 + 2])(
    'writes a %i-byte PDF as the very document the builder writes whole, each time it is read',
    (size) => {
      const bytes = pdf(size);
      const wrap = options();
      const whole = wrapForPatientBytes({ kind: 'pdf', content: new Uint8Array(bytes) }, PATIENT, AUTHOR, wrap);
      const { content } = wrapPdfForPatient(bytes, PATIENT, AUTHOR, wrap);
      expect(content.byteLength).toBe(whole.byteLength);
      expect(Buffer.concat([...content.chunks()]).equals(whole)).toBe(true);
      expect(Buffer.concat([...content.chunks()]).equals(whole)).toBe(true);
    },
  );

  it('gives the header and the checks the same document with the PDF’s first bytes only as its body', () => {
    const bytes = pdf(300 * 1024);
    const wrap = options();
    const whole = wrapForPatientBytes({ kind: 'pdf', content: new Uint8Array(bytes) }, PATIENT, AUTHOR, wrap).toString(
      'utf8',
    );
    const { text } = wrapPdfForPatient(bytes, PATIENT, AUTHOR, wrap);
    const base64 = bytes.toString('base64');
    expect(whole).toContain(base64);
    expect(text).toBe(whole.replace(base64, bytes.subarray(0, 6).toString('base64')));
    expect(readCdaHeader(text)).toEqual(readCdaHeader(whole));
    expect(checkCdaStructure(text)).toEqual(checkCdaStructure(whole));
  });
});
