import { z } from 'zod';

import { defineMethods } from './method.js';

/** Which national platform the client talks to; the UI colours its band after it. */
export const EnvironmentSchema = z.enum(['mock', 'test', 'production']);
export type Environment = z.infer<typeof EnvironmentSchema>;

export const AppInfoSchema = z.object({
  name: z.literal('Passerelle'),
  version: z.string(),
  environment: EnvironmentSchema,
  platformUrl: z.url(),
  /** True when the demo controls (emulated card insertion) are offered. */
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Methods about the application itself. */
export const appMethods = defineMethods({
  'app.info': {
    summary: 'Version, environment and platform address of this Passerelle.',
    request: z.object({}),
    response: AppInfoSchema,
  },
});
