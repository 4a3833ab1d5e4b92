/**
 * The WS-Addressing actions of the DMP's XDS transactions (IHE ITI TF-2b): ITI-41 and ITI-43 to the
 * repository, ITI-18 and ITI-57 to the registry. An answer's action is the request's followed by `Response`.
 */
export const XDS_ACTIONS = {
  provideAndRegister: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
  retrieveDocumentSet: 'urn:ihe:iti:2007:RetrieveDocumentSet',
  registryStoredQuery: 'urn:ihe:iti:2007:RegistryStoredQuery',
  updateDocumentSet: 'urn:ihe:iti:2010:UpdateDocumentSet',
} as const;
