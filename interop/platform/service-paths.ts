/**
 * Where each SOAP service lives under the platform's address: the DMP's as on the national platform
 * (`/si-dmp-server/v2/services/<service>`, dmp-protocol.md §1.1), INSi where the bundled mock serves it. The
 * client calls them there and the mock mounts them there.
 */
export const SERVICE_PATHS = {
  patients: '/si-dmp-server/v2/services/patients',
  habilitations: '/si-dmp-server/v2/services/habilitations',
  registry: '/si-dmp-server/v2/services/registry',
  repository: '/si-dmp-server/v2/services/repository',
  insi: '/insi',
} as const;

export type ServiceName = keyof typeof SERVICE_PATHS;
