import { defineErrors } from './catalogue.js';

/**
 * Errors of the batch: reading and checking import manifests, and the durable queue. Details name a manifest
 * line by its number and a field by its name, never by its value: a value may be a patient's name or NIR.
 */
export const queueErrors = defineErrors({
  MANIFEST_UNREADABLE: {
    fr: 'Le manifeste {file} est illisible : {reason}',
    en: 'The manifest {file} cannot be read: {reason}',
  },
  MANIFEST_FORMAT_INVALID: {
    fr: 'Le manifeste {file} n’a pas le format attendu : {reason}. Voir docs/batch-manifest.md.',
    en: 'The manifest {file} does not have the expected format: {reason}. See docs/batch-manifest.md.',
  },
  MANIFEST_FIELD_MISSING: {
    fr: 'Le champ « {field} » manque ou est vide.',
    en: 'The field “{field}” is missing or empty.',
  },
  MANIFEST_FIELD_INVALID: {
    fr: 'La valeur du champ « {field} » n’est pas valide.',
    en: 'The value of the field “{field}” is not valid.',
  },
  MANIFEST_DATE_INVALID: {
    fr: 'Le champ « {field} » doit être une date réelle AAAA-MM-JJ (ou une date-heure ISO 8601 avec fuseau).',
    en: 'The field “{field}” must be a real YYYY-MM-DD date (or an ISO 8601 date-time with its offset).',
  },
  MANIFEST_FLAG_INVALID: {
    fr: 'Le champ « {field} » doit valoir oui ou non (true/false, 1/0).',
    en: 'The field “{field}” must be yes or no (true/false, 1/0).',
  },
  INS_MATRICULE_INVALID: {
    fr: 'Le matricule INS doit compter 15 caractères (NIR ou NIA avec sa clé).',
    en: 'The INS matricule must be 15 characters (NIR or NIA with its key).',
  },
  INS_KEY_INVALID: {
    fr: 'La clé du matricule INS est fausse (erreur de saisie probable). Rien n’a été mis en file.',
    en: 'The key of the INS matricule is wrong (a typing error, most likely). Nothing was queued.',
  },
  INS_OID_INVALID: {
    fr: 'L’OID de l’INS n’est pas celui d’une autorité INS (1.2.250.1.213.1.4.8, .9, .10 ou .11).',
    en: 'The INS OID is not one of the INS authorities (1.2.250.1.213.1.4.8, .9, .10 or .11).',
  },
  INS_NOT_QUALIFIED: {
    fr: 'L’identité du patient n’est pas qualifiée (statut {status}) ; seul un INS qualifié (QUAL) peut alimenter le DMP.',
    en: 'The patient’s identity is not qualified (status {status}); only a qualified INS (QUAL) may feed the record.',
  },
  DOCUMENT_TYPE_UNKNOWN: {
    fr: 'Le type de document {code} n’est pas un type accepté par le DMP (code LOINC, par exemple 11490-0).',
    en: 'The document type {code} is not a type the record accepts (a LOINC code, e.g. 11490-0).',
  },
  DOCUMENT_TYPE_DIFFERS: {
    fr: 'Le type indiqué ({stated}) diffère de celui du document CDA ({found}).',
    en: 'The stated type ({stated}) differs from the CDA document’s ({found}).',
  },
  AUTHOR_ID_INVALID: {
    fr: 'L’identifiant national de l’auteur doit être un RPPS ou ADELI préfixé (par exemple 810012345678).',
    en: 'The author’s national id must be a prefixed RPPS or ADELI number (e.g. 810012345678).',
  },
  SERVICE_DATES_INVERTED: {
    fr: 'La fin de la prise en charge précède son début.',
    en: 'The end of care comes before its start.',
  },
  IMPORT_FILE_OUTSIDE_FOLDER: {
    fr: 'Le fichier doit se trouver dans le dossier du manifeste ou l’un de ses sous-dossiers.',
    en: 'The file must be in the manifest’s folder or one of its sub-folders.',
  },
  IMPORT_LINK_OUTSIDE_FOLDER: {
    fr: '{file} est un lien (ou passe par un dossier lien) qui mène hors du dossier du lot : il n’est pas lu. Placez le fichier lui-même dans le dossier du lot.',
    en: '{file} is a link (or goes through a linked folder) leading outside the batch folder: it is not read. Put the file itself in the batch folder.',
  },
  IMPORT_DOCUMENT_UNDESCRIBED: {
    fr: 'Le document {file} n’est décrit par aucune ligne de manifeste ni aucun fichier compagnon ({file}.json).',
    en: 'The document {file} is described by no manifest line and no sidecar file ({file}.json).',
  },
  IMPORT_FILE_TWICE: {
    fr: 'Le lot contient deux fichiers nommés {file} : renommez l’un d’eux puis importez de nouveau.',
    en: 'The batch holds two files named {file}: rename one of them, then import again.',
  },
  BATCH_NOT_RUNNING: {
    fr: 'Les envois du lot ne sont pas démarrés : démarrez-les avec le code PIN du jeton de l’établissement.',
    en: 'The batch is not sending: start it with the PIN of the establishment’s token.',
  },
  BATCH_ALREADY_SENDING: {
    fr: 'Le lot est déjà en cours d’envoi dans ce lancement de Passerelle : suivez-le, ou attendez qu’il s’arrête.',
    en: 'The batch is already sending in this launch of Passerelle: follow it, or wait for it to stop.',
  },
  ESTABLISHMENT_SETTINGS_MISSING: {
    fr: 'Le fichier de configuration de l’établissement {path} est absent : il nomme le jeton ORG, les FINESS juridique et géographique, le compte local de la secrétaire et le médecin auteur par défaut (voir le README, section « Hospital batch »).',
    en: 'The establishment settings file {path} is missing: it names the ORG token, the legal-entity and site FINESS, the secretary’s local account and the default author (see the README, “Hospital batch”).',
  },
  ESTABLISHMENT_SETTINGS_INVALID: {
    fr: 'Le fichier {path} est invalide : le champ « {field} » {problemFr}.',
    en: 'The file {path} is not valid: the field “{field}” {problemEn}.',
  },
  ESTABLISHMENT_FINESS_MISMATCH: {
    fr: 'Le champ « {field} » de {path} ({configured}) n’est pas le FINESS du certificat de l’établissement {token} ({certificate}) : la plateforme refuserait chaque envoi. Corrigez {field} ou choisissez le jeton ORG de ce site.',
    en: 'The field “{field}” of {path} ({configured}) is not the FINESS of the establishment certificate {token} ({certificate}): the platform would refuse every upload. Correct {field} or use this site’s ORG token.',
  },
  AUTHOR_NAME_UNKNOWN: {
    fr: 'Le nom du médecin auteur {authorId} est inconnu : indiquez author_family_name et author_given_name dans le manifeste, ou déclarez-le dans la configuration de l’établissement (defaultAuthor ou physicians).',
    en: 'The name of the authoring physician {authorId} is unknown: give author_family_name and author_given_name in the manifest, or declare him in the establishment settings (defaultAuthor or physicians).',
  },
  BATCH_PATIENT_MIXED: {
    fr: 'Un lot de dépôt ne peut concerner qu’un seul patient : les documents de ce groupe en nomment plusieurs.',
    en: 'A submission set may concern one patient only: the documents of this group name several.',
  },
  QUEUE_STORAGE_FAILED: {
    fr: 'La file d’envoi {path} ne peut pas être écrite ({reason}) : rien n’a été perdu, libérez de la place ou vérifiez les droits puis reprenez.',
    en: 'The upload queue {path} cannot be written ({reason}): nothing was lost; free some space or check the permissions, then resume.',
  },
  QUEUE_DOCUMENT_ID_TAKEN: {
    fr: 'Un autre document de la file porte déjà l’identifiant {documentId} : un document corrigé doit recevoir un nouvel identifiant (et remplacer l’ancien une fois déposé).',
    en: 'Another document of the queue already has the id {documentId}: a corrected document needs a new id (and to replace the old one once filed).',
  },
  QUEUE_ITEM_NOT_FOUND: {
    fr: 'Aucun document de la file ne porte l’identifiant {id}.',
    en: 'No document of the queue has the id {id}.',
  },
  QUEUE_ITEM_IN_FLIGHT: {
    fr: 'Le document {id} est en cours d’envoi : il ne peut plus être annulé.',
    en: 'The document {id} is being sent: it can no longer be cancelled.',
  },
  QUEUE_ITEM_ALREADY_SENT: {
    fr: 'Le document {id} est déjà déposé dans le DMP : l’annuler ici ne le retirerait pas du dossier.',
    en: 'The document {id} is already filed in the record: cancelling it here would not remove it from the record.',
  },
  QUEUE_SEND_INTERRUPTED: {
    fr: 'L’envoi a été interrompu (arrêt du programme) ; il est repris avec le même identifiant de document.',
    en: 'The upload was interrupted (the program stopped); it is resumed with the same document id.',
  },
  QUEUE_GROUP_SPLIT: {
    fr: 'Le lot groupé a été refusé ; ses documents sont renvoyés un par un pour isoler celui qui pose problème.',
    en: 'The grouped submission was refused; its documents are sent again one by one to single out the faulty one.',
  },
  QUEUE_OUTCOME_MISSING: {
    fr: 'L’envoi n’a rendu aucun résultat pour ce document ; il sera renvoyé.',
    en: 'The upload gave no result for this document; it will be sent again.',
  },
  QUEUE_SUPERSEDED: {
    fr: 'Remplacé par une importation plus récente du même fichier.',
    en: 'Superseded by a later import of the same file.',
  },
  QUEUE_CANCELLED: {
    fr: 'Envoi annulé à la demande de l’utilisateur.',
    en: 'Upload cancelled by the user.',
  },
});
