/**
 * The repositoryUniqueId of the mock's repository, set on every document it stores (ITI-43 will be addressed to
 * it). The real platform's is not public; this OID sits under the fictional arc the test samples use.
 */
export const MOCK_REPOSITORY_UNIQUE_ID = '1.2.250.1.999.9.1';
