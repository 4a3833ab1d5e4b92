import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import type { ProfessionalIdentity } from '../session/credentials.js';

/** One work situation PSC knows for the professional: an activity of one of her exercises. */
export interface WorkSituation {
  readonly structureId: string;
  readonly structureName: string;
  readonly sector: string;
  readonly profession: { readonly code: string; readonly label: string };
  readonly specialty?: { readonly code: string; readonly label: string };
  readonly medicalRegulation: boolean;
}

const ActivitySchema = z.object({
  ancienIdentifiantDeLaStructure: z.string().min(1),
  raisonSocialeSite: z.string().default(''),
  codeSecteurDactivite: z.string().regex(/^SA\d{2}$/),
  regulationMedicale: z.boolean().optional(),
});

const ExerciseSchema = z.object({
  codeProfession: z.string().min(1),
  libelleProfession: z.string().optional(),
  codeSavoirFaire: z.string().optional(),
  libelleSavoirFaire: z.string().optional(),
  nomDexercice: z.string().min(1),
  prenomDexercice: z.string().min(1),
  activities: z.array(ActivitySchema),
});

/** The part of PSC's userinfo Passerelle reads (scope_all). */
const UserinfoSchema = z.object({
  SubjectNameID: z.string().regex(/^\d{12}$/),
  SubjectRefPro: z.object({ exercices: z.array(ExerciseSchema).min(1) }),
});

/** Who PSC says signed in: her national id, names, and every work situation of hers. */
export interface PscProfessional {
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly situations: readonly WorkSituation[];
}

/** Reads PSC's userinfo; a shape Passerelle cannot trust is refused, never guessed at. */
export function readUserinfo(claims: unknown): PscProfessional {
  const parsed = UserinfoSchema.safeParse(claims);
  if (!parsed.success) throw new PasserelleError('ECPS_TOKEN_INVALID', { reason: 'userinfo' });
  const { exercices } = parsed.data.SubjectRefPro;
  const situations = exercices.flatMap((exercise) =>
    exercise.activities.map((activity): WorkSituation => ({
      structureId: activity.ancienIdentifiantDeLaStructure,
      structureName: activity.raisonSocialeSite,
      sector: activity.codeSecteurDactivite,
      profession: { code: exercise.codeProfession, label: exercise.libelleProfession ?? exercise.codeProfession },
      ...(exercise.codeSavoirFaire
        ? {
            specialty: {
              code: exercise.codeSavoirFaire,
              label: exercise.libelleSavoirFaire ?? exercise.codeSavoirFaire,
            },
          }
        : {}),
      medicalRegulation: activity.regulationMedicale ?? false,
    })),
  );
  return {
    nationalId: parsed.data.SubjectNameID,
    lastName: exercices[0]!.nomDexercice,
    firstName: exercices[0]!.prenomDexercice,
    situations,
  };
}

/**
 * The work situation the session acts in: the one chosen (1-based), else the only one there is. It must be in
 * the structure this workstation's certificates belong to: the structure carries the call.
 */
export function chooseSituation(
  professional: PscProfessional,
  choice: number | undefined,
  installedStructure: string,
): { readonly situation: WorkSituation; readonly index: number } {
  const { situations } = professional;
  if (choice === undefined && situations.length > 1) {
    throw new PasserelleError('ECPS_ACTIVITY_REQUIRED', {
      count: situations.length,
      // Structures only, never the person: the window offers the choice from these fields, the message from labels.
      activities: situations.map((s, i) => ({
        label: `${s.structureName} (${s.structureId})`,
        activity: i + 1,
        structureId: s.structureId,
        structureName: s.structureName,
      })),
    });
  }
  const index = choice ?? 1;
  const situation = situations[index - 1];
  if (!situation) throw new PasserelleError('ECPS_ACTIVITY_UNKNOWN', { activity: index, count: situations.length });
  if (situation.structureId !== installedStructure)
    throw new PasserelleError('ECPS_STRUCTURE_MISMATCH', { installed: installedStructure });
  return { situation, index };
}

/** The session's identity, as the VIHF and the use cases above read it. */
export function identityOf(professional: PscProfessional, situation: WorkSituation): ProfessionalIdentity {
  return {
    nationalId: professional.nationalId,
    lastName: professional.lastName,
    firstName: professional.firstName,
    profession: situation.profession,
    ...(situation.specialty ? { specialty: situation.specialty } : {}),
    structure: {
      id: situation.structureId,
      name: situation.structureName,
      sector: situation.sector,
      ...(situation.medicalRegulation ? { medicalRegulation: true } : {}),
    },
  };
}
