import { request } from 'node:https';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';

/** The extension that marks a telecom as an MSSanté address in the Annuaire Santé's FHIR resources. */
export const MSSANTE_TELECOM = 'https://annuaire.sante.fr/fhir/StructureDefinition/ContactPointMSSanteType';
const MAX_REPLY_BYTES = 1024 * 1024;

const TelecomSchema = z.object({
  system: z.string().optional(),
  value: z.string().optional(),
  extension: z.array(z.object({ url: z.string() })).optional(),
});
const BundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z
    .array(
      z.object({
        resource: z.object({
          resourceType: z.string(),
          identifier: z.array(z.object({ value: z.string().optional() })).optional(),
          telecom: z.array(TelecomSchema).optional(),
        }),
      }),
    )
    .default([]),
});

/** A GET of the public directory, its server judged against `trust`, its JSON answer bounded in size. */
export function getJson(url: URL, trust: readonly string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', ca: [...trust], minVersion: 'TLSv1.2', timeout: 15_000 }, (reply) => {
      const chunks: Buffer[] = [];
      let size = 0;
      reply.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_REPLY_BYTES) req.destroy(new Error('reply too large'));
        else chunks.push(chunk);
      });
      reply.on('end', () => {
        if (reply.statusCode !== 200) return reject(new Error(`HTTP ${reply.statusCode ?? 0}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error('the answer is not JSON'));
        }
      });
      reply.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * A professional's MSSanté address as the directory publishes it (a FHIR PractitionerRole search by national
 * id, the Annuaire Santé's shape): the telecom marked as an MSSanté address. The directory is public: no
 * client certificate, the server judged against the platform's anchors.
 */
export async function directoryAddressOf(
  directoryUrl: string,
  trust: readonly string[],
  nationalId: string,
): Promise<string> {
  const url = new URL('PractitionerRole', directoryUrl);
  url.searchParams.set('identifier', `urn:oid:1.2.250.1.71.4.2.1|${nationalId}`);
  let answer: unknown;
  try {
    answer = await getJson(url, trust);
  } catch (error) {
    throw new PasserelleError(
      'MSS_DIRECTORY_UNREACHABLE',
      { reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message },
      { cause: error },
    );
  }
  const bundle = BundleSchema.safeParse(answer);
  if (!bundle.success) throw new PasserelleError('MSS_DIRECTORY_UNREACHABLE', { reason: 'not a FHIR Bundle' });
  const address = bundle.data.entry
    .flatMap(({ resource }) => (resource.resourceType === 'PractitionerRole' ? (resource.telecom ?? []) : []))
    .find((telecom) => telecom.extension?.some((extension) => extension.url === MSSANTE_TELECOM))?.value;
  if (!address) throw new PasserelleError('MSS_OWN_ADDRESS_UNKNOWN', { nationalId });
  return address;
}
