/** Where the DMP's SOAP services live, as on the national platform (`/si-dmp-server/v2/services/<service>`). */
export const DMP_SERVICE_PATHS = {
  patients: '/si-dmp-server/v2/services/patients',
  habilitations: '/si-dmp-server/v2/services/habilitations',
  registry: '/si-dmp-server/v2/services/registry',
  repository: '/si-dmp-server/v2/services/repository',
} as const;

export type DmpServiceName = keyof typeof DMP_SERVICE_PATHS;

/**
 * The repositoryUniqueId of the mock's repository, set on every document it stores (ITI-43 will be addressed to
 * it). The real platform's is not public; this OID sits under the fictional arc the test samples use.
 */
export const MOCK_REPOSITORY_UNIQUE_ID = '1.2.250.1.999.9.1';
