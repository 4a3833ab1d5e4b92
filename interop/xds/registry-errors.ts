import { PasserelleError } from '../../api/errors/index.js';
import type { RegistryError, RegistryResponse } from './messages.js';

/**
 * The IHE XDS error codes (ITI TF-3 §4.2.4, table of error codes) that the platform and its mock answer with,
 * each with the French text the DMP shows the professional. The DMP's own code catalogue is not public
 * (dmp-protocol.md §1.1, UNCONFIRMED): these texts are ours, written in its style.
 */
export const REGISTRY_ERROR_TEXTS = {
  XDSRegistryError: 'Erreur interne du registre : la demande n’a pas pu être traitée.',
  XDSRepositoryError: 'Erreur interne de l’entrepôt : le document n’a pas pu être enregistré.',
  XDSRegistryMetadataError: 'Les métadonnées du lot sont invalides.',
  XDSRepositoryMetadataError: 'Les métadonnées d’un document sont invalides.',
  XDSRegistryBusy: 'Le registre est momentanément surchargé ; réessayez plus tard.',
  XDSRegistryNotAvailable: 'Le registre est momentanément indisponible ; réessayez plus tard.',
  XDSRepositoryBusy: 'L’entrepôt est momentanément surchargé ; réessayez plus tard.',
  XDSDuplicateUniqueIdInRegistry: 'Un autre document porte déjà cet identifiant unique.',
  XDSPatientIdDoesNotMatch: 'Le patient d’un document ne correspond pas à celui du lot.',
  XDSUnknownPatientId: 'Aucun dossier n’existe pour cet identifiant de patient.',
  XDSNonIdenticalHash: 'L’empreinte (hash) déclarée ne correspond pas au document reçu.',
  XDSNonIdenticalSize: 'La taille déclarée ne correspond pas au document reçu.',
  XDSMissingDocument: 'Un document décrit dans les métadonnées est absent du message.',
  XDSMissingDocumentMetadata: 'Un document du message n’est décrit par aucune métadonnée.',
  XDSDocumentUniqueIdError: 'Document introuvable.',
  XDSUnknownRepositoryId: 'Entrepôt de documents inconnu.',
  XDSUnknownStoredQuery: 'Requête de recherche inconnue.',
  XDSStoredQueryParamNumber: 'Un paramètre de la recherche est répété ou en trop.',
  XDSStoredQueryMissingParam: 'Un paramètre obligatoire de la recherche manque.',
  XDSTooManyResults: 'La recherche renvoie trop de résultats ; précisez-la.',
  XDSResultNotSinglePatient: 'La réponse concerne plusieurs patients.',
  XDSMetadataUpdateError: 'La mise à jour des métadonnées est refusée.',
  XDSMetadataVersionError: 'La version du document à mettre à jour n’est plus la dernière.',
  UnresolvedReferenceException: 'Les métadonnées font référence à un objet inconnu.',
} as const;
export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_TEXTS;

/** A RegistryError with its French text, or `codeContext` when a more precise one is given. */
export function registryError(
  errorCode: RegistryErrorCode,
  options: { codeContext?: string; location?: string; severity?: RegistryError['severity'] } = {},
): RegistryError {
  return {
    errorCode,
    codeContext: options.codeContext ?? REGISTRY_ERROR_TEXTS[errorCode],
    severity: options.severity ?? 'Error',
    ...(options.location === undefined ? {} : { location: options.location }),
  };
}

/**
 * The typed error a refused response stands for (status Failure, or an Error in a PartialSuccess), carrying
 * the first error's code and text for the user and the support desk; undefined when the platform accepted.
 */
export function registryFailure(response: RegistryResponse): PasserelleError | undefined {
  const first = response.errors.find((e) => e.severity === 'Error');
  if (response.status === 'Success' || (response.status === 'PartialSuccess' && !first)) return undefined;
  return new PasserelleError('XDS_REQUEST_REFUSED', {
    errorCode: first?.errorCode ?? 'XDSRegistryError',
    context: first?.codeContext ?? REGISTRY_ERROR_TEXTS.XDSRegistryError,
  });
}
