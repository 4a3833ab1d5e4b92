import { z } from 'zod';

import type { DirectoryEntry } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { DirectoryDesk } from '../router/directory-port.js';
import { getJson, MSSANTE_TELECOM } from './directory-client.js';
import type { MessagingTarget } from './operator-target.js';

/** More than a professional picks from: the search asks the directory for this many roles at most. */
const MAX_ROLES = 20;

const Coding = z.object({ display: z.string().optional() });
const Telecom = z.object({
  value: z.string().optional(),
  extension: z.array(z.object({ url: z.string() })).optional(),
});
const Resource = z.object({
  resourceType: z.string(),
  id: z.string().optional(),
  identifier: z.array(z.object({ value: z.string().optional() })).optional(),
  name: z.array(z.object({ family: z.string().optional(), given: z.array(z.string()).optional() })).optional(),
  practitioner: z.object({ reference: z.string().optional(), display: z.string().optional() }).optional(),
  organization: z.object({ display: z.string().optional() }).optional(),
  code: z.array(z.object({ coding: z.array(Coding).optional() })).optional(),
  telecom: z.array(Telecom).optional(),
});
type Resource = z.infer<typeof Resource>;
const Bundle = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: Resource })).default([]),
});

const mssAddressOf = (resource: Resource): string | undefined =>
  resource.telecom?.find((telecom) => telecom.extension?.some((extension) => extension.url === MSSANTE_TELECOM))?.value;

const namesOf = (practitioner: Resource | undefined): string | undefined => {
  const [name] = practitioner?.name ?? [];
  if (!name) return undefined;
  return [...(name.given ?? []), name.family ?? ''].join(' ').trim() || undefined;
};

/**
 * Entries of a FHIR searchset of PractitionerRole with their Practitioner included (the Annuaire Santé's
 * shape): one per role carrying an MSSanté address, the practitioner's national id and names from the
 * included resource, else from the role's reference display.
 */
export function directoryEntriesOf(bundle: unknown): DirectoryEntry[] {
  const parsed = Bundle.safeParse(bundle);
  if (!parsed.success) throw new PasserelleError('MSS_DIRECTORY_UNREACHABLE', { reason: 'not a FHIR Bundle' });
  const resources = parsed.data.entry.map((entry) => entry.resource);
  const practitioners = new Map(
    resources
      .filter((resource) => resource.resourceType === 'Practitioner' && resource.id !== undefined)
      .map((resource) => [`Practitioner/${resource.id!}`, resource]),
  );
  return resources.flatMap((role) => {
    const address = role.resourceType === 'PractitionerRole' ? mssAddressOf(role) : undefined;
    if (address === undefined) return [];
    const practitioner = practitioners.get(role.practitioner?.reference ?? '');
    const nationalId = practitioner?.identifier?.find((identifier) => identifier.value)?.value;
    const name = namesOf(practitioner) ?? role.practitioner?.display;
    if (nationalId === undefined || name === undefined) return [];
    return [
      {
        nationalId,
        name,
        profession: role.code?.flatMap((code) => code.coding ?? []).find((coding) => coding.display)?.display ?? null,
        structure: role.organization?.display ?? null,
        address,
      },
    ];
  });
}

/**
 * The directory search the window offers to find a colleague: a FHIR `PractitionerRole` search by name with
 * the practitioners included, against the public directory (no client certificate, its server judged against
 * the platform's anchors).
 */
export function directoryDesk(context: {
  readonly messaging: Pick<MessagingTarget, 'directoryUrl'>;
  readonly platform: { trust(): readonly string[] };
}): DirectoryDesk {
  return {
    async search(name: string): Promise<DirectoryEntry[]> {
      const url = new URL('PractitionerRole', context.messaging.directoryUrl);
      url.searchParams.set('name', name);
      url.searchParams.set('_include', 'PractitionerRole:practitioner');
      url.searchParams.set('_count', String(MAX_ROLES));
      let answer: unknown;
      try {
        answer = await getJson(url, context.platform.trust());
      } catch (error) {
        throw new PasserelleError(
          'MSS_DIRECTORY_UNREACHABLE',
          { reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message },
          { cause: error },
        );
      }
      return directoryEntriesOf(answer).slice(0, MAX_ROLES);
    },
  };
}
