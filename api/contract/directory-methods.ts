import { z } from 'zod';

import { defineMethods } from './method.js';

/** A professional as the national directory publishes her: who she is, where she practises, her MSSanté address. */
export const DirectoryEntrySchema = z.object({
  /** The national id (IDNPS: `8` + RPPS, or ADELI). */
  nationalId: z.string(),
  /** Her names as the directory writes them (first names, then family name). */
  name: z.string(),
  /** Her profession's label (Médecin, Infirmier…), when the directory gives it. */
  profession: z.string().nullable(),
  /** The structure of this role (cabinet, hospital), when the directory gives it. */
  structure: z.string().nullable(),
  /** Her MSSanté address in that role. */
  address: z.string(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

/** The professionals' directory (the Annuaire Santé's FHIR search), to find a colleague's MSSanté address. */
export const directoryMethods = defineMethods({
  'directory.search': {
    summary:
      'Professionals whose names contain the words typed (case and accents aside), each role with its MSSanté address, from the directory’s FHIR PractitionerRole search.',
    request: z.object({ name: z.string().trim().min(2).max(100) }),
    response: z.object({ professionals: z.array(DirectoryEntrySchema) }),
  },
});
