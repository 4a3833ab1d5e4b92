import { mayRead } from '../../interop/habilitations/access-matrix.js';
import type { VisibilityCode } from '../../interop/value-sets/index.js';
import type { AccessMode } from '../../interop/vihf/index.js';
import type { DocumentEntry } from '../../interop/xds/index.js';
import type { PatientRecord } from '../store/patient-store.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';

/** What identifies a professional caller for authorship: the VIHF's actor, mode and structure. */
export type Professional = Pick<VerifiedVihf, 'actor' | 'authMode' | 'structure'>;

/** Who looks at a patient's documents. */
export type Viewer =
  | {
      readonly kind: 'professional';
      readonly professional: Professional;
      /** He is the patient's médecin traitant DMP (declared by TD0.3 or designated on the portal). */
      readonly medecinTraitant: boolean;
      /** How he entered the record (the VIHF's purposeOfUse); `normal` when not said. */
      readonly accessMode?: AccessMode;
    }
  | { readonly kind: 'patient' }
  | { readonly kind: 'representative' };

export type ProfessionalViewer = Extract<Viewer, { kind: 'professional' }>;

const VISIBILITY_SYSTEM = '1.2.250.1.213.1.1.4.13';

/**
 * Whether a document the patient masked (MASQUE_PS) shows to a professional who is neither its author nor her
 * médecin traitant, by access mode. Nowhere, break-glass and centre 15 included:
 * - CSP R. 1111-49 lets the holder make data inaccessible to professionals and lists who keeps access: the
 *   professional or structure that filed it; L. 1111-16 adds the médecin traitant ("par dérogation"). Neither
 *   text, nor L. 1111-17 I which opens the record in an emergency, makes an exception for emergency access.
 * - The CNIL's conclusions on the first DMP's experiment list among the "situations contradictoires" with
 *   break-glass the professional's access to the whole record "y compris … les documents masqués"
 *   (aide.hypermed.online, fiche "mode bris de glace"): the old DMP did show them, and was criticised for it.
 * Our reading, then: the current platform does not; which it does is not published (dmp-protocol.md §3).
 */
export const MASKED_SHOWN_IN_MODE: Readonly<Record<AccessMode, boolean>> = {
  normal: false,
  bris_de_glace: false,
  centre_15: false,
};

/** True when the entry carries one of the DMP's visibility flags. */
export function hasFlag(entry: DocumentEntry, flag: VisibilityCode): boolean {
  return entry.confidentialityCodes.some((c) => c.code === flag && c.codeSystem === VISIBILITY_SYSTEM);
}

/**
 * True when the caller is one of the document's authors: in direct mode the professional named by
 * authorPerson; in indirect mode the structure named by authorInstitution, since there the platform knows
 * the establishment, not the person behind the local account.
 */
export function isAuthor(entry: DocumentEntry, caller: Professional): boolean {
  return caller.authMode === 'DIRECTE'
    ? entry.authors.some((author) => author.person.id === caller.actor)
    : entry.authors.some((author) => author.institutions.some((institution) => institution.id === caller.structure));
}

/** The professional behind a VIHF as a viewer of a patient's documents. */
export function professionalViewer(patient: PatientRecord, caller: VerifiedVihf): ProfessionalViewer {
  return {
    kind: 'professional',
    professional: caller,
    medecinTraitant: patient.medecinTraitant === caller.holder,
    accessMode: caller.accessMode,
  };
}

/**
 * Whether a document is shown to a viewer, by its visibility flags. MASQUE_PS hides it from every
 * professional but its authors and the patient's médecin traitant — "le médecin traitant … accède à l'ensemble
 * des informations contenues dans le dossier médical partagé, y compris celles rendues inaccessibles par son
 * titulaire" (CSP, regulatory part as worded in 2016, legal.tricoteuses.fr LEGIARTI000032844408; L. 1111-16
 * today, "par dérogation" to the holder's masking) — and, by access mode, as
 * MASKED_SHOWN_IN_MODE says. INVISIBLE_PATIENT hides it from the patient and therefore from those who act for
 * her; INVISIBLE_REPRESENTANTS_LEGAUX from a minor's legal representatives only.
 */
export function isVisibleTo(entry: DocumentEntry, viewer: Viewer): boolean {
  switch (viewer.kind) {
    case 'professional':
      return (
        !hasFlag(entry, 'MASQUE_PS') ||
        viewer.medecinTraitant ||
        isAuthor(entry, viewer.professional) ||
        MASKED_SHOWN_IN_MODE[viewer.accessMode ?? 'normal']
      );
    case 'patient':
      return !hasFlag(entry, 'INVISIBLE_PATIENT');
    case 'representative':
      return !hasFlag(entry, 'INVISIBLE_PATIENT') && !hasFlag(entry, 'INVISIBLE_REPRESENTANTS_LEGAUX');
  }
}

/**
 * The one rule of what a professional sees of a document, for every query, retrieve and update: a type his
 * profession (TRE_G15) may read — the habilitation matrix, whatever the access mode: break-glass opens the
 * record, not the matrix — and not hidden from him by its flags.
 */
export function professionalSees(entry: DocumentEntry, viewer: ProfessionalViewer, profession: string): boolean {
  return mayRead(profession, entry.typeCode.code) && isVisibleTo(entry, viewer);
}
