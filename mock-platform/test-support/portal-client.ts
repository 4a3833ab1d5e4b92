import type { TestPlatform } from '../testing.js';
import { httpsRequest, type RawAnswer } from './https-client.js';

/** A request to the patient portal: its method (GET unless told), its body and the patient signed in. */
export interface PortalRequest {
  readonly method?: string;
  /** Sent as `contentType`, JSON unless told. */
  readonly body?: string;
  readonly contentType?: string;
  /** The INS matricule of the patient (or legal representative) signed in. */
  readonly as: string;
}

/** One request to the test platform's patient portal, signed in as `request.as`. */
export function portalRequest(platform: TestPlatform, path: string, request: PortalRequest): Promise<RawAnswer> {
  return httpsRequest(platform.port, platform.pki.rootPem, {
    method: request.method ?? 'GET',
    path,
    headers: {
      Authorization: platform.portal.authorization(request.as),
      ...(request.body === undefined ? {} : { 'Content-Type': request.contentType ?? 'application/json' }),
    },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}
