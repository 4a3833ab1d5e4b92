import type { RulesStatus } from '../../../api/contract/index.js';
import { cdaRulesCompiled, prepareCdaRules, type CdaRulesOptions } from '../../../interop/cda-validation/index.js';
import type { RulesDesk } from '../router/rules-port.js';
import { installedKit, installKit, type RulesPlaces } from './installed-rules.js';

/** What the rules desk needs of the workstation. */
export interface RulesStation {
  readonly places: RulesPlaces;
  /** The rules in use now (an override, the settings, else the installed kit), read anew on each call. */
  rules(): CdaRulesOptions | undefined;
  readonly clock: () => Date;
}

/**
 * The official rules of a workstation: their state, and their install. An install checks and copies the kit,
 * then compiles its generic rules into the cache before answering, its progress told as it goes; the
 * compilation runs in child processes, so the thread that answers the window stays free meanwhile.
 */
export function rulesDesk(station: RulesStation): RulesDesk {
  const status = (): RulesStatus => {
    const installed = installedKit(station.places);
    const rules = station.rules();
    let compiled = false;
    try {
      compiled = rules !== undefined && cdaRulesCompiled(rules);
    } catch {
      // A folder that is no kit (a wrong PASSERELLE_CDA_RULES) has nothing compiled: `validate` says what is wrong.
    }
    return {
      installed: installed !== undefined,
      version: installed?.version ?? null,
      compiled,
      folder: rules?.rulesDir ?? null,
    };
  };
  return {
    status,
    async install(from, onProgress) {
      const installed = await installKit(from, station.places, station.clock);
      // The kit just installed is compiled, even where an override (PASSERELLE_CDA_RULES) is in use today.
      const rules = station.rules();
      if (rules) await prepareCdaRules({ ...rules, rulesDir: installed.folder }, [], onProgress);
      return status();
    },
  };
}
