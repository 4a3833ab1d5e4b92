/**
 * The document types the law asks to share by secure messaging as well as to file in the DMP: to the patient's
 * Mon espace santé mailbox and to the professionals who take part in her care. Sending them is offered
 * pre-ticked after filing; any other type may still be sent, unticked.
 *
 * Source: arrêté du 26 avril 2022 fixant la liste des documents soumis à l'obligation prévue à l'article
 * L. 1111-15 du code de la santé publique, modified by the arrêté du 23 mai 2024, as reproduced at
 * https://juriblio.fr/arretes/arrete-du-23-mai-2024/183810377/annexe/318028113 and summarised in
 * `shared/docs/mes-services.md` §1b. The rows due on 31 December 2024 and later (the 2024 annex) were not read
 * in full and are not here. Each row's type codes are those of JDV_J07 XdsTypeCode CI-SIS
 * (interop/value-sets/type-codes.ts) that name the document the arrêté names.
 */
export const SHARING_OBLIGATIONS: readonly SharingObligation[] = [
  {
    document: 'Lettre de liaison à l’entrée ou à la sortie d’un établissement de santé',
    typeCodes: ['11490-0', '18761-7'],
    inForceSince: 'already in force (L. 1112-1)',
  },
  {
    document: 'Compte rendu de biologie médicale (hors génétique constitutionnelle)',
    typeCodes: ['11502-2'],
    inForceSince: '2022-12-31',
  },
  {
    document: 'Compte rendu d’imagerie (radiodiagnostic)',
    typeCodes: ['18748-4'],
    inForceSince: '2022-12-31',
  },
  {
    document: 'Prescription de produits de santé (ordonnance)',
    typeCodes: ['57833-6'],
    inForceSince: '2022-12-31',
  },
  { document: 'Compte rendu opératoire', typeCodes: ['34874-8'], inForceSince: '2023-12-31' },
  {
    document: 'Prescription d’examens de biologie et demande d’examens d’imagerie',
    typeCodes: ['PRESC-BIO', '55115-0'],
    inForceSince: '2023-12-31',
  },
  {
    document: 'Certificats et déclarations (R. 4127-76), lettres adressées à un professionnel de santé',
    typeCodes: ['89601-9', 'CERT_DECL', '96349-6'],
    inForceSince: '2023-12-31',
  },
];

/** One line of the arrêtés' list: the document they name, its type codes, and since when. */
export interface SharingObligation {
  readonly document: string;
  readonly typeCodes: readonly string[];
  /** The day the obligation applies from (`YYYY-MM-DD`), or how the law already asked it. */
  readonly inForceSince: string;
}

/** Whether the arrêtés name documents of this type (its XDS typeCode) among those to share by messaging. */
export function isSharingObligation(typeCode: string): boolean {
  return SHARING_OBLIGATIONS.some((obligation) => obligation.typeCodes.includes(typeCode));
}
