import type { z } from 'zod';

import { appMethods } from './app-methods.js';
import { batchMethods } from './batch-methods.js';
import { cardMethods } from './card-methods.js';
import { consultMethods } from './consult-methods.js';
import { directoryMethods } from './directory-methods.js';
import { documentMethods } from './document-methods.js';
import { ecpsMethods } from './ecps-methods.js';
import { eventMethods } from './event-methods.js';
import { messageMethods } from './message-methods.js';
import { gpMethods } from './gp-methods.js';
import { patientMethods } from './patient-methods.js';
import { profileMethods } from './profile-methods.js';
import { settingsMethods } from './settings-methods.js';
import { rulesMethods } from './rules-methods.js';

export * from './app-methods.js';
export * from './batch-methods.js';
export * from './card-methods.js';
export * from './consult-methods.js';
export * from './directory-methods.js';
export * from './document-methods.js';
export * from './ecps-methods.js';
export * from './event-methods.js';
export * from './events.js';
export * from './message-methods.js';
export * from './gp-methods.js';
export * from './patient-methods.js';
export * from './profile-methods.js';
export * from './settings-methods.js';
export * from './rules-methods.js';
export type { MethodSpec } from './method.js';

/**
 * The UI↔core contract: every method the core answers, by `domain.verb` name. Adding a method is one entry
 * in a `<domain>-methods.ts` file spread here, plus its handler in `main/core` (the compiler asks for it).
 */
export const CONTRACT = {
  ...appMethods,
  ...batchMethods,
  ...cardMethods,
  ...consultMethods,
  ...directoryMethods,
  ...documentMethods,
  ...ecpsMethods,
  ...eventMethods,
  ...messageMethods,
  ...gpMethods,
  ...patientMethods,
  ...profileMethods,
  ...settingsMethods,
  ...rulesMethods,
} as const;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
/** What a caller sends (defaults not yet applied). */
export type RequestInput<M extends MethodName> = z.input<Contract[M]['request']>;
/** What a handler receives, once parsed. */
export type RequestOf<M extends MethodName> = z.output<Contract[M]['request']>;
/** What a handler returns and a caller receives. */
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;

export const METHOD_NAMES = Object.keys(CONTRACT) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(CONTRACT, name);
}

/** Where each method is reached over HTTP, on both transports. */
export function methodPath(method: MethodName): string {
  return `/api/${method}`;
}
