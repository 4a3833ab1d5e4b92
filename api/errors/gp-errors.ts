import { defineCatalogue } from '../i18n/catalogue.js';

/**
 * Errors of the médecin traitant's follow-up: the medical synthesis (VSM), prevention reminders, her patients'
 * list and the patient's agenda. Details name sections, fields, codes and value sets, never a patient.
 */
export const gpErrors = defineCatalogue(
  {
    VSM_SECTION_MISSING:
      'La synthèse médicale n’a pas la section obligatoire « {section} » ({field}) : ajoutez-la (une liste vide seulement si le modèle le permet), puis recommencez.',
    VSM_CODE_UNKNOWN:
      'Le code « {code} » de {field} n’est pas dans le jeu de valeurs {valueSet} que le modèle VSM exige : choisissez un code de ce jeu de valeurs (passerelle vsm example en montre un).',
    VSM_INPUT_INVALID:
      'La synthèse médicale décrite est invalide ({reason}) : corrigez le fichier (passerelle vsm example montre le format attendu).',
    VSM_FILE_UNREADABLE:
      'Le fichier de synthèse {file} ne peut pas être lu comme du JSON ({reason}) : donnez un fichier au format de passerelle vsm example.',
    PATIENT_NOT_FOLLOWED:
      'Vous n’êtes pas le médecin traitant déclaré de ce patient dans son DMP : seule la patientèle du médecin traitant est suivie ici (déclarez-vous médecin traitant avec son accord).',
    AGENDA_DATE_PAST:
      'Le rendez-vous commence dans le passé ({start}) : seul un rendez-vous à venir peut être partagé avec l’agenda du patient.',
    AGENDA_END_BEFORE_START:
      'La fin du rendez-vous ({end}) n’est pas après son début ({start}) : corrigez les horaires.',
    AGENDA_PATIENT_OPPOSED:
      'Le patient s’est opposé au partage de rendez-vous dans l’agenda de Mon espace santé : rien n’a été envoyé. Convenez du rendez-vous avec lui par un autre moyen.',
    AGENDA_REFUSED: 'La plateforme a refusé le rendez-vous ({reason}) : rien n’a été ajouté à l’agenda du patient.',
  },
  {
    en: {
      VSM_SECTION_MISSING:
        'The medical synthesis lacks the mandatory section “{section}” ({field}): add it (an empty list only where the model allows one), then try again.',
      VSM_CODE_UNKNOWN:
        'The code “{code}” of {field} is not in the value set {valueSet} the VSM model requires: choose a code of that value set (passerelle vsm example shows one).',
      VSM_INPUT_INVALID:
        'The medical synthesis described is invalid ({reason}): fix the file (passerelle vsm example shows the expected format).',
      VSM_FILE_UNREADABLE:
        'The synthesis file {file} cannot be read as JSON ({reason}): give a file in the format of passerelle vsm example.',
      PATIENT_NOT_FOLLOWED:
        'You are not this patient’s declared médecin traitant in her record: only the médecin traitant’s patients are followed here (declare yourself médecin traitant with her agreement).',
      AGENDA_DATE_PAST:
        'The appointment starts in the past ({start}): only an appointment to come can be shared with the patient’s agenda.',
      AGENDA_END_BEFORE_START: 'The appointment’s end ({end}) is not after its start ({start}): fix the times.',
      AGENDA_PATIENT_OPPOSED:
        'The patient opposed sharing appointments in her Mon espace santé agenda: nothing was sent. Agree on the appointment with her another way.',
      AGENDA_REFUSED: 'The platform refused the appointment ({reason}): nothing was added to the patient’s agenda.',
    },
  },
);
