import type { DocumentSummaryView } from '../../../api/contract/index.js';

/** The properties the dialog changes: the three DMP visibility flags and archiving. */
export interface DocumentProperties {
  readonly masked: boolean;
  readonly invisiblePatient: boolean;
  readonly invisibleLegal: boolean;
  readonly archived: boolean;
}

/** One change the dialog sends. */
export type PropertyStep = { readonly key: keyof DocumentProperties; readonly on: boolean };

/** A document's properties as the list knows them. */
export function propertiesOf(document: Pick<DocumentSummaryView, 'visibility' | 'status'>): DocumentProperties {
  return {
    masked: document.visibility.includes('MASQUE_PS'),
    invisiblePatient: document.visibility.includes('INVISIBLE_PATIENT'),
    invisibleLegal: document.visibility.includes('INVISIBLE_REPRESENTANTS_LEGAUX'),
    archived: document.status === 'Archived',
  };
}

/**
 * The changes from one set of properties to another, in the order they are sent: unarchiving first (an
 * archived document's flags are changed once it is back), flags taken off before flags set (so that a
 * document is never both masked and hidden from the patient on the way), archiving last.
 */
export function stepsBetween(from: DocumentProperties, to: DocumentProperties): PropertyStep[] {
  const flags = (['masked', 'invisiblePatient', 'invisibleLegal'] as const).filter((key) => from[key] !== to[key]);
  const archive = from.archived !== to.archived ? [{ key: 'archived' as const, on: to.archived }] : [];
  return [
    ...archive.filter((step) => !step.on),
    ...flags.filter((key) => !to[key]).map((key) => ({ key, on: false })),
    ...flags.filter((key) => to[key]).map((key) => ({ key, on: true })),
    ...archive.filter((step) => step.on),
  ];
}
