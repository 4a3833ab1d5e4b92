import type { ProfessionalIdentity } from '../../../api/contract/index.js';

/** The parts of TD0.2's answer that decide what the window may ask the platform for. */
interface RecordAccessState {
  readonly record: { readonly status: 'ACTIF' | 'FERME' | 'INEXISTANT' };
  readonly authorization: 'VALIDE' | 'EXPIRE' | 'INTERDIT' | 'NON_EXISTE';
  readonly emergencyAccess?: { readonly end: string } | undefined;
}

/** How the professional may read the record now: her authorization, an emergency access, or not at all. */
export type ReadAccess = 'authorized' | 'emergency' | 'none';

/**
 * Whether the record may be searched: an active record with the professional's authorization VALIDE, or an
 * emergency access still running. Anything else would be a refused search written in the patient's history.
 */
export function readAccessOf(state: RecordAccessState, now: number): ReadAccess {
  if (state.record.status !== 'ACTIF') return 'none';
  if (state.authorization === 'VALIDE') return 'authorized';
  if (state.emergencyAccess && Date.parse(state.emergencyAccess.end) > now) return 'emergency';
  return 'none';
}

/** The CPS profession code of physicians (médecins): only they may be declared médecin traitant. */
const PHYSICIAN = '10';

/** Whether the professional signed in may be offered to become the patient's médecin traitant. */
export function mayBeMedecinTraitant(session: ProfessionalIdentity | null): boolean {
  return session?.profession?.code === PHYSICIAN;
}
