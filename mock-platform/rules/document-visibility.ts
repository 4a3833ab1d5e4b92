import type { DocumentEntry } from '../../interop/xds/index.js';
import type { VisibilityCode } from '../../interop/value-sets/index.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';

/** What identifies a professional caller for authorship: the VIHF's actor, mode and structure. */
export type Professional = Pick<VerifiedVihf, 'actor' | 'authMode' | 'structure'>;

/** Who looks at a patient's documents. */
export type Viewer =
  | { readonly kind: 'professional'; readonly professional: Professional }
  | { readonly kind: 'patient' }
  | { readonly kind: 'representative' };

const VISIBILITY_SYSTEM = '1.2.250.1.213.1.1.4.13';

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

/**
 * Whether a document in force is shown to a viewer. MASQUE_PS hides it from every professional but its
 * authors (whether the médecin traitant or break-glass see through it is unconfirmed; here they do not).
 * INVISIBLE_PATIENT hides it from the patient and therefore from those who act for her;
 * INVISIBLE_REPRESENTANTS_LEGAUX from a minor's legal representatives only.
 */
export function isVisibleTo(entry: DocumentEntry, viewer: Viewer): boolean {
  switch (viewer.kind) {
    case 'professional':
      return !hasFlag(entry, 'MASQUE_PS') || isAuthor(entry, viewer.professional);
    case 'patient':
      return !hasFlag(entry, 'INVISIBLE_PATIENT');
    case 'representative':
      return !hasFlag(entry, 'INVISIBLE_PATIENT') && !hasFlag(entry, 'INVISIBLE_REPRESENTANTS_LEGAUX');
  }
}
