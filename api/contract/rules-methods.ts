import { z } from 'zod';

import { defineMethods } from './method.js';

/** The official ANS rules of this workstation, as `passerelle rules status --json` prints them. */
export const RulesStatusSchema = z.object({
  /** A kit was installed in the home by `rules install`. */
  installed: z.boolean(),
  /** The installed kit's version (its name and the start of its checksums' digest), when one is installed. */
  version: z.string().nullable(),
  /** The rules in use are compiled: no check waits for a compilation. */
  compiled: z.boolean(),
  /** The rules folder in use (PASSERELLE_CDA_RULES, the settings, else the installed kit); null without rules. */
  folder: z.string().nullable(),
});
export type RulesStatus = z.infer<typeof RulesStatusSchema>;

/** Methods about the official ANS rules documents are checked with. */
export const rulesMethods = defineMethods({
  'rules.status': {
    summary: 'Whether the official ANS CDA rules are installed and compiled, their version and folder.',
    request: z.object({}),
    response: RulesStatusSchema,
  },
  'rules.install': {
    summary:
      'Installs ANS’s TestContenuCDA kit from a folder or ZIP archive of this machine, then compiles it (progress as rules.progress events).',
    request: z.object({ from: z.string().min(1) }),
    response: RulesStatusSchema,
  },
});
