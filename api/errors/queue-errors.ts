import { defineCatalogue } from '../i18n/catalogue.js';

/**
 * Errors of the batch: reading and checking import manifests, and the durable queue. Details name a manifest
 * line by its number and a field by its name, never by its value: a value may be a patient's name or NIR.
 */
export const queueErrors = defineCatalogue(
  {
    MANIFEST_UNREADABLE: 'Le manifeste {file} est illisible : {reason}',
    MANIFEST_FORMAT_INVALID: 'Le manifeste {file} n’a pas le format attendu : {reason}. Voir docs/batch-manifest.md.',
    MANIFEST_FIELD_MISSING: 'Le champ « {field} » manque ou est vide.',
    MANIFEST_FIELD_INVALID: 'La valeur du champ « {field} » n’est pas valide.',
    MANIFEST_DATE_INVALID:
      'Le champ « {field} » doit être une date réelle AAAA-MM-JJ (ou une date-heure ISO 8601 avec fuseau).',
    MANIFEST_FLAG_INVALID: 'Le champ « {field} » doit valoir oui ou non (true/false, 1/0).',
    INS_MATRICULE_INVALID: 'Le matricule INS doit compter 15 caractères (NIR ou NIA avec sa clé).',
    INS_KEY_INVALID: 'La clé du matricule INS est fausse (erreur de saisie probable). Rien n’a été mis en file.',
    INS_OID_INVALID: 'L’OID de l’INS n’est pas celui d’une autorité INS (1.2.250.1.213.1.4.8, .9, .10 ou .11).',
    INS_NOT_QUALIFIED:
      'L’identité du patient n’est pas qualifiée (statut {status}) ; seul un INS qualifié (QUAL) peut alimenter le DMP.',
    DOCUMENT_TYPE_UNKNOWN:
      'Le type de document {code} n’est pas un type accepté par le DMP (code LOINC, par exemple 11490-0).',
    DOCUMENT_TYPE_DIFFERS: 'Le type indiqué ({stated}) diffère de celui du document CDA ({found}).',
    AUTHOR_ID_INVALID:
      'L’identifiant national de l’auteur doit être un RPPS ou ADELI préfixé (par exemple 810012345678).',
    SERVICE_DATES_INVERTED: 'La fin de la prise en charge précède son début.',
    IMPORT_FILE_OUTSIDE_FOLDER: 'Le fichier doit se trouver dans le dossier du manifeste ou l’un de ses sous-dossiers.',
    IMPORT_LINK_OUTSIDE_FOLDER:
      '{file} est un lien (ou passe par un dossier lien) qui mène hors du dossier du lot : il n’est pas lu. Placez le fichier lui-même dans le dossier du lot.',
    IMPORT_DOCUMENT_UNDESCRIBED:
      'Le document {file} n’est décrit par aucune ligne de manifeste ni aucun fichier compagnon ({file}.json).',
    IMPORT_FILE_TWICE: 'Le lot contient deux fichiers nommés {file} : renommez l’un d’eux puis importez de nouveau.',
    BATCH_ALREADY_SENDING:
      'Le lot est déjà en cours d’envoi dans ce lancement de Passerelle : suivez-le, ou attendez qu’il s’arrête.',
    BATCH_NOT_RUNNING:
      'Les envois du lot ne sont pas démarrés : démarrez-les avec le code PIN du jeton de l’établissement.',
    ESTABLISHMENT_SETTINGS_MISSING:
      'Le fichier de configuration de l’établissement {path} est absent : il nomme le jeton ORG, les FINESS juridique et géographique, le compte local de la secrétaire et le médecin auteur par défaut (voir le README, section « Hospital batch »).',
    ESTABLISHMENT_SETTINGS_INVALID: 'Le fichier {path} est invalide : le champ « {field} » {problemFr}.',
    ESTABLISHMENT_FINESS_MISMATCH:
      'Le champ « {field} » de {path} ({configured}) n’est pas le FINESS du certificat de l’établissement {token} ({certificate}) : la plateforme refuserait chaque envoi. Corrigez {field} ou choisissez le jeton ORG de ce site.',
    AUTHOR_NAME_UNKNOWN:
      'Le nom du médecin auteur {authorId} est inconnu : indiquez author_family_name et author_given_name dans le manifeste, ou déclarez-le dans la configuration de l’établissement (defaultAuthor ou physicians).',
    BATCH_PATIENT_MIXED:
      'Un lot de dépôt ne peut concerner qu’un seul patient : les documents de ce groupe en nomment plusieurs.',
    QUEUE_STORAGE_FAILED:
      'La file d’envoi {path} ne peut pas être écrite ({reason}) : rien n’a été perdu, libérez de la place ou vérifiez les droits puis reprenez.',
    QUEUE_DOCUMENT_ID_TAKEN:
      'Un autre document de la file porte déjà l’identifiant {documentId} : un document corrigé doit recevoir un nouvel identifiant (et remplacer l’ancien une fois déposé).',
    QUEUE_ITEM_NOT_FOUND: 'Aucun document de la file ne porte l’identifiant {id}.',
    QUEUE_ITEM_IN_FLIGHT: 'Le document {id} est en cours d’envoi : il ne peut plus être annulé.',
    QUEUE_ITEM_ALREADY_SENT:
      'Le document {id} est déjà déposé dans le DMP : l’annuler ici ne le retirerait pas du dossier.',
    QUEUE_SEND_INTERRUPTED:
      'L’envoi a été interrompu (arrêt du programme) ; il est repris avec le même identifiant de document.',
    QUEUE_GROUP_SPLIT:
      'Le lot groupé a été refusé ; ses documents sont renvoyés un par un pour isoler celui qui pose problème.',
    QUEUE_OUTCOME_MISSING: 'L’envoi n’a rendu aucun résultat pour ce document ; il sera renvoyé.',
    QUEUE_SUPERSEDED: 'Remplacé par une importation plus récente du même fichier.',
    QUEUE_CANCELLED: 'Envoi annulé à la demande de l’utilisateur.',
  },
  {
    en: {
      MANIFEST_UNREADABLE: 'The manifest {file} cannot be read: {reason}',
      MANIFEST_FORMAT_INVALID:
        'The manifest {file} does not have the expected format: {reason}. See docs/batch-manifest.md.',
      MANIFEST_FIELD_MISSING: 'The field “{field}” is missing or empty.',
      MANIFEST_FIELD_INVALID: 'The value of the field “{field}” is not valid.',
      MANIFEST_DATE_INVALID:
        'The field “{field}” must be a real YYYY-MM-DD date (or an ISO 8601 date-time with its offset).',
      MANIFEST_FLAG_INVALID: 'The field “{field}” must be yes or no (true/false, 1/0).',
      INS_MATRICULE_INVALID: 'The INS matricule must be 15 characters (NIR or NIA with its key).',
      INS_KEY_INVALID: 'The key of the INS matricule is wrong (a typing error, most likely). Nothing was queued.',
      INS_OID_INVALID: 'The INS OID is not one of the INS authorities (1.2.250.1.213.1.4.8, .9, .10 or .11).',
      INS_NOT_QUALIFIED:
        'The patient’s identity is not qualified (status {status}); only a qualified INS (QUAL) may feed the record.',
      DOCUMENT_TYPE_UNKNOWN: 'The document type {code} is not a type the record accepts (a LOINC code, e.g. 11490-0).',
      DOCUMENT_TYPE_DIFFERS: 'The stated type ({stated}) differs from the CDA document’s ({found}).',
      AUTHOR_ID_INVALID: 'The author’s national id must be a prefixed RPPS or ADELI number (e.g. 810012345678).',
      SERVICE_DATES_INVERTED: 'The end of care comes before its start.',
      IMPORT_FILE_OUTSIDE_FOLDER: 'The file must be in the manifest’s folder or one of its sub-folders.',
      IMPORT_LINK_OUTSIDE_FOLDER:
        '{file} is a link (or goes through a linked folder) leading outside the batch folder: it is not read. Put the file itself in the batch folder.',
      IMPORT_DOCUMENT_UNDESCRIBED:
        'The document {file} is described by no manifest line and no sidecar file ({file}.json).',
      IMPORT_FILE_TWICE: 'The batch holds two files named {file}: rename one of them, then import again.',
      BATCH_ALREADY_SENDING:
        'The batch is already sending in this launch of Passerelle: follow it, or wait for it to stop.',
      BATCH_NOT_RUNNING: 'The batch is not sending: start it with the PIN of the establishment’s token.',
      ESTABLISHMENT_SETTINGS_MISSING:
        'The establishment settings file {path} is missing: it names the ORG token, the legal-entity and site FINESS, the secretary’s local account and the default author (see the README, “Hospital batch”).',
      ESTABLISHMENT_SETTINGS_INVALID: 'The file {path} is not valid: the field “{field}” {problemEn}.',
      ESTABLISHMENT_FINESS_MISMATCH:
        'The field “{field}” of {path} ({configured}) is not the FINESS of the establishment certificate {token} ({certificate}): the platform would refuse every upload. Correct {field} or use this site’s ORG token.',
      AUTHOR_NAME_UNKNOWN:
        'The name of the authoring physician {authorId} is unknown: give author_family_name and author_given_name in the manifest, or declare him in the establishment settings (defaultAuthor or physicians).',
      BATCH_PATIENT_MIXED: 'A submission set may concern one patient only: the documents of this group name several.',
      QUEUE_STORAGE_FAILED:
        'The upload queue {path} cannot be written ({reason}): nothing was lost; free some space or check the permissions, then resume.',
      QUEUE_DOCUMENT_ID_TAKEN:
        'Another document of the queue already has the id {documentId}: a corrected document needs a new id (and to replace the old one once filed).',
      QUEUE_ITEM_NOT_FOUND: 'No document of the queue has the id {id}.',
      QUEUE_ITEM_IN_FLIGHT: 'The document {id} is being sent: it can no longer be cancelled.',
      QUEUE_ITEM_ALREADY_SENT:
        'The document {id} is already filed in the record: cancelling it here would not remove it from the record.',
      QUEUE_SEND_INTERRUPTED:
        'The upload was interrupted (the program stopped); it is resumed with the same document id.',
      QUEUE_GROUP_SPLIT:
        'The grouped submission was refused; its documents are sent again one by one to single out the faulty one.',
      QUEUE_OUTCOME_MISSING: 'The upload gave no result for this document; it will be sent again.',
      QUEUE_SUPERSEDED: 'Superseded by a later import of the same file.',
      QUEUE_CANCELLED: 'Upload cancelled by the user.',
    },
  },
);
