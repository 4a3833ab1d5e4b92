import { PasserelleError } from '../../api/errors/index.js';

/** A two-way table between our short names and the URNs that stand for them on the wire. */
export interface UrnNames<K extends string> {
  urn(name: K): string;
  /** The name of a URN; a typed XDS_METADATA_INVALID error naming `field` for an unknown one. */
  name(urn: string): K;
}

/** Builds the two-way table of `field` (statuses, association types, response statuses…). */
export function urnNames<K extends string>(field: string, table: Readonly<Record<K, string>>): UrnNames<K> {
  const names = new Map(Object.entries(table).map(([name, urn]) => [urn as string, name as K]));
  return {
    urn: (name) => table[name],
    name: (urn) => {
      const found = names.get(urn.trim());
      if (found === undefined) throw new PasserelleError('XDS_METADATA_INVALID', { field, reason: 'unknown value' });
      return found;
    },
  };
}
