import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { DEFAULT_MSS_SMTP_PORT } from '../../../interop/mssante/addresses.js';
import type { MailServer } from '../platform/engine-tls-relay.js';

/** The MSSanté operator this workstation sends through, and what every message says of the software. */
export interface MessagingTarget {
  /** The operator's SMTP submission server (STARTTLS). */
  readonly smtp: MailServer;
  /** The software's reference number (`X-MSS-NIL`), from the ANS convergence service. */
  readonly nil: string;
  /** The professionals' directory (FHIR, the Annuaire Santé's shape), ending with `/`. */
  readonly directoryUrl: string;
}

/** The reference number of the test environment; a production build receives its own from the ANS. */
const TEST_NIL = 'PASSERELLE-TEST-NIL';

const HostPortSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
  .transform((value) => {
    const at = value.lastIndexOf(':');
    return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
  })
  .refine(({ port }) => port >= 1 && port <= 65535, 'port 1-65535');

/**
 * The operator to use: `PASSERELLE_MSSANTE_SMTP` (`host:port`), else the platform's host on the mock operator's
 * port (the bundled mock serves both); `PASSERELLE_MSS_NIL` for the reference number; `PASSERELLE_DIRECTORY_URL`
 * for the directory, else the platform's.
 */
export function resolveMessagingTarget(
  env: Readonly<Record<string, string | undefined>>,
  platformUrl: string,
): MessagingTarget {
  const named = env.PASSERELLE_MSSANTE_SMTP;
  let smtp: MailServer = { host: new URL(platformUrl).hostname, port: DEFAULT_MSS_SMTP_PORT };
  if (named !== undefined && named !== '') {
    const parsed = HostPortSchema.safeParse(named);
    if (!parsed.success)
      throw new PasserelleError('INVALID_INPUT', {
        reason: `PASSERELLE_MSSANTE_SMTP: ${z.prettifyError(parsed.error)}`,
      });
    smtp = parsed.data;
  }
  const directory = env.PASSERELLE_DIRECTORY_URL?.trim() || new URL('/annuaire/fhir/', platformUrl).href;
  return {
    smtp,
    nil: env.PASSERELLE_MSS_NIL?.trim() || TEST_NIL,
    directoryUrl: directory.endsWith('/') ? directory : `${directory}/`,
  };
}
