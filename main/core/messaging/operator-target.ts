import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { DEFAULT_MSS_IMAP_PORT, DEFAULT_MSS_SMTP_PORT } from '../../../interop/mssante/addresses.js';
import type { MailServer } from '../platform/engine-tls-relay.js';

/** The MSSanté operator this workstation sends through, and what every message says of the software. */
export interface MessagingTarget {
  /** The operator's SMTP submission server (STARTTLS). */
  readonly smtp: MailServer;
  /** The operator's IMAP server (STARTTLS): the professional's mailbox, replies and receipts. */
  readonly imap: MailServer;
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

/** A `host:port` setting, else the platform's host on the default port. */
function serverOf(name: string, value: string | undefined, host: string, port: number): MailServer {
  if (value === undefined || value === '') return { host, port };
  const parsed = HostPortSchema.safeParse(value);
  if (!parsed.success)
    throw new PasserelleError('INVALID_INPUT', { reason: `${name}: ${z.prettifyError(parsed.error)}` });
  return parsed.data;
}

/**
 * The operator to use: `PASSERELLE_MSSANTE_SMTP` and `PASSERELLE_MSSANTE_IMAP` (`host:port`), else the
 * platform's host on the mock operator's ports (the bundled mock serves all); `PASSERELLE_MSS_NIL` for the
 * reference number; `PASSERELLE_DIRECTORY_URL` for the directory, else the platform's.
 */
export function resolveMessagingTarget(
  env: Readonly<Record<string, string | undefined>>,
  platformUrl: string,
): MessagingTarget {
  const host = new URL(platformUrl).hostname;
  const smtp = serverOf('PASSERELLE_MSSANTE_SMTP', env.PASSERELLE_MSSANTE_SMTP, host, DEFAULT_MSS_SMTP_PORT);
  const imap = serverOf('PASSERELLE_MSSANTE_IMAP', env.PASSERELLE_MSSANTE_IMAP, host, DEFAULT_MSS_IMAP_PORT);
  const directory = env.PASSERELLE_DIRECTORY_URL?.trim() || new URL('/annuaire/fhir/', platformUrl).href;
  return {
    smtp,
    imap,
    nil: env.PASSERELLE_MSS_NIL?.trim() || TEST_NIL,
    directoryUrl: directory.endsWith('/') ? directory : `${directory}/`,
  };
}
