/** Where the DMP's SOAP services live, as on the national platform (`/si-dmp-server/v2/services/<service>`). */
export const DMP_SERVICE_PATHS = {
  patients: '/si-dmp-server/v2/services/patients',
  habilitations: '/si-dmp-server/v2/services/habilitations',
  registry: '/si-dmp-server/v2/services/registry',
  repository: '/si-dmp-server/v2/services/repository',
} as const;

export type DmpServiceName = keyof typeof DMP_SERVICE_PATHS;
