import { PasserelleError } from '../../api/errors/index.js';

/** A code with the code system it belongs to (an OID) and its French display name. */
export interface CodedValue {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

/**
 * One of our reviewed value-set tables: the concepts the product writes and the mock accepts for one XDS
 * attribute. `id` is the OID of the official value set (JDV) it follows, so that tests can compare the two.
 */
export interface ValueSet {
  readonly id: string;
  readonly name: string;
  readonly concepts: readonly CodedValue[];
}

/** The concept with this code (and code system, when given), or undefined. */
export function findConcept(valueSet: ValueSet, code: string, codeSystem?: string): CodedValue | undefined {
  return valueSet.concepts.find((c) => c.code === code && (codeSystem === undefined || c.codeSystem === codeSystem));
}

/** The concept with this code (and code system, when given); a typed XDS_CODE_UNKNOWN error otherwise. */
export function requireConcept(valueSet: ValueSet, code: string, codeSystem?: string): CodedValue {
  const concept = findConcept(valueSet, code, codeSystem);
  if (!concept) throw new PasserelleError('XDS_CODE_UNKNOWN', { code, valueSet: valueSet.name });
  return concept;
}

/** Builds a table's concepts from `[code, displayName]` pairs that share one code system. */
export function conceptsOf(codeSystem: string, pairs: readonly (readonly [string, string])[]): CodedValue[] {
  return pairs.map(([code, displayName]) => ({ code, codeSystem, displayName }));
}
