import { schChildren, type SchElement } from './model.js';

/**
 * The concrete patterns a phase runs: `phase`, else the schema's `defaultPhase`; every concrete pattern when
 * neither names one or the phase is `#ALL`. A phase named but not declared is an error, as in the skeleton.
 */
export function activePatterns(schema: SchElement, phase?: string): SchElement[] {
  const phaseId = phase ?? schema.attrs.defaultPhase ?? '';
  const chosen = schChildren(schema, 'phase').find((p) => p.attrs.id === phaseId);
  if (phaseId !== '' && phaseId !== '#ALL' && chosen === undefined) throw new Error(`no phase named ${phaseId}`);
  const active = chosen ? new Set(schChildren(chosen, 'active').map((a) => a.attrs.pattern)) : undefined;
  return schChildren(schema, 'pattern').filter(
    (p) => p.attrs.abstract !== 'true' && (active === undefined || active.has(p.attrs.id)),
  );
}
