import { bufferAttachment } from '../../interop/mtom/index.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import {
  buildRetrieveResponse,
  parseProvideAndRegisterRequest,
  parseRetrieveRequest,
  XDS_ACTIONS,
} from '../../interop/xds/index.js';
import type { Consultation } from '../rules/consultation.js';
import { asRefusal } from '../rules/feed-refusal.js';
import {
  provideAndRegister,
  type ProvideAndRegisterDependencies,
  type ProvideAndRegisterResult,
} from '../rules/provide-and-register.js';
import type { SoapOperation, SoapService } from '../soap/soap-service.js';
import type { VihfGuard } from '../vihf/vihf-guard.js';
import { dmpFaultDetail } from './dmp-fault.js';
import { registryFailure, registrySuccess } from './xds-answer.js';

/**
 * ITI-43 (TD3.2): each document the caller may see goes back as an MTOM part streamed from its
 * content-addressed file; the others are XDSDocumentUniqueIdError, as if they did not exist (PartialSuccess
 * when some were found). The patient is told of what was read. An admission refusal is a Failure with its code.
 * Every answer that gets this far is MTOM/XOP, documents or not, as ITI-43 responses are (ITI TF-2b 3.43.5).
 */
function retrieveOperation(
  deps: ProvideAndRegisterDependencies,
  consultation: Consultation,
  vihf: VihfGuard,
): SoapOperation {
  const answer = `${XDS_ACTIONS.retrieveDocumentSet}Response`;
  return {
    action: XDS_ACTIONS.retrieveDocumentSet,
    auditName: 'ITI-43',
    handle(call) {
      const token = vihf.admitForRecord(call);
      try {
        const request = parseRetrieveRequest(call.request.payload);
        const reader = consultation.admit(token);
        const outcomes = consultation.retrieve(reader, request.documents, deps.repositoryUniqueId);
        const found = outcomes.flatMap((outcome) => (outcome.kind === 'found' ? [outcome] : []));
        const errors = outcomes.flatMap((outcome) => (outcome.kind === 'refused' ? [outcome.error] : []));
        const documents = found.map(({ uniqueId, document }, i) => ({
          repositoryUniqueId: deps.repositoryUniqueId,
          documentUniqueId: uniqueId,
          mimeType: document.entry.mimeType,
          contentId: `document${i}@mock-platform.dmp`,
        }));
        const attachments = found.map(({ document }, i) =>
          bufferAttachment(deps.content.read(document.sha256), documents[i]!.contentId, document.entry.mimeType),
        );
        const status = errors.length === 0 ? 'Success' : found.length === 0 ? 'Failure' : 'PartialSuccess';
        return {
          action: answer,
          bodyXml: buildRetrieveResponse({ status, errors, documents }),
          attachments,
          ...(errors[0] === undefined ? {} : { audit: { outcome: errors[0].errorCode } }),
          ...(found.length === 0
            ? {}
            : {
                withAudit: () =>
                  consultation.notifyAccess(reader, { retrieved: found.map(({ document }) => document) }),
              }),
        };
      } catch (error) {
        const refusal = asRefusal(error);
        return {
          action: answer,
          bodyXml: buildRetrieveResponse({ status: 'Failure', errors: [...refusal.errors], documents: [] }),
          attachments: [],
          audit: { outcome: refusal.errors[0].errorCode },
        };
      }
    },
  };
}

/**
 * The DMP `repository` service: ITI-41 Provide and Register (TD2.1, TD2.2), over SOAP 1.2 with MTOM/XOP, the
 * documents streamed to files as they arrive, and ITI-43 Retrieve Document Set (TD3.2), answered in MTOM/XOP.
 * The VIHF is checked first (a SOAP fault when it fails, as on every service); every later refusal is an XDS
 * answer with status Failure and its code.
 */
export function createRepositoryService(
  deps: ProvideAndRegisterDependencies,
  consultation: Consultation,
  vihf: VihfGuard,
): SoapService {
  const answer = `${XDS_ACTIONS.provideAndRegister}Response`;
  return {
    path: SERVICE_PATHS.repository,
    name: 'repository',
    acceptsMtom: true,
    faultDetail: dmpFaultDetail,
    operations: [
      {
        action: XDS_ACTIONS.provideAndRegister,
        auditName: 'ITI-41',
        async handle(call) {
          const token = vihf.admitForRecord(call);
          let register: () => ProvideAndRegisterResult;
          try {
            const request = parseProvideAndRegisterRequest(call.request.payload);
            register = await provideAndRegister(deps, request, call.attachments, token);
          } catch (error) {
            return registryFailure(answer, error);
          }
          return {
            // The registry's writes and the audit entry that says what they were: one commit.
            commit() {
              try {
                const result = register();
                return registrySuccess(
                  answer,
                  result.warnings,
                  result.stored === 0
                    ? 'ITI-41.renvoi-identique'
                    : token.secretConnection
                      ? 'ITI-41.connexion-secrete'
                      : undefined,
                );
              } catch (error) {
                return registryFailure(answer, error);
              }
            },
          };
        },
      },
      retrieveOperation(deps, consultation, vihf),
    ],
  };
}
