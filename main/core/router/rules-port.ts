import type { RulesStatus } from '../../../api/contract/index.js';

/** How far the compilation of installed rules went. */
export interface RulesProgress {
  readonly done: number;
  readonly total: number;
  readonly schematron: string;
}

/** The official ANS rules of the workstation, as the core's `rules.*` methods reach them. */
export interface RulesDesk {
  status(): RulesStatus;
  /** Installs the kit at `from` (folder or ZIP), then compiles it, telling `onProgress` as it goes. */
  install(from: string, onProgress: (progress: RulesProgress) => void): Promise<RulesStatus>;
}
