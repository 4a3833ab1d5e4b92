import { isNirKeyValid } from '../../interop/ins/nir.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';

/** INS-NIR OIDs of the test and demonstration environments: the only ones a test platform accepts. */
const TEST_INS_OIDS: readonly string[] = ['1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.11'];

/** An INS as a request names it. */
export interface InsReference {
  readonly matricule: string;
  readonly oid: string;
}

/** Refuses an INS the platform cannot hold: wrong shape, wrong key (2A/2B rule included), non-test OID. */
export function checkIns(ins: InsReference): InsReference {
  if (!/^[12378]\d{4}(\d{2}|2[AB])\d{8}$/.test(ins.matricule))
    throw new PlatformFault('INS_INVALIDE', { raison: 'matricule de 15 caractères attendu' });
  if (!isNirKeyValid(ins.matricule)) throw new PlatformFault('INS_INVALIDE', { raison: 'clé du matricule incorrecte' });
  if (!TEST_INS_OIDS.includes(ins.oid))
    throw new PlatformFault('INS_INVALIDE', { raison: `OID ${ins.oid.slice(0, 40)} refusé sur la plateforme de test` });
  return ins;
}

/**
 * The patient a DMP call is about: the VIHF's `resource-id` must name her, and when the body names a patient
 * too, both must be the same person — a token issued for one patient never opens another's record.
 */
export function targetPatient(vihf: VerifiedVihf, fromBody?: InsReference): InsReference {
  if (!vihf.patient)
    throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', {
      attribut: 'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
    });
  if (fromBody && (fromBody.matricule !== vihf.patient.matricule || fromBody.oid !== vihf.patient.oid))
    throw new PlatformFault('VIHF_PATIENT_DIFFERENT');
  return checkIns(vihf.patient);
}
