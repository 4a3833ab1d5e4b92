import { existsSync } from 'node:fs';

import { pkcs11js, type PKCS11 } from './pkcs11js.js';

import { PasserelleError } from '../../api/errors/index.js';
import { cardError, ckrOf } from './ckr-errors.js';

/**
 * Where PKCS#11 modules usually live:
 * - SoftHSM2 (emulated cards): `/usr/lib/softhsm/libsofthsm2.so` (Debian), `/usr/lib64/pkcs11/libsofthsm2.so`
 *   (Fedora), `/opt/homebrew/lib/softhsm/libsofthsm2.so` (macOS), `C:\SoftHSM2\lib\softhsm2-x64.dll` (Windows);
 * - ANS CPS Cryptolib (real CPS/CPE cards): `cps3_pkcs11_w64.dll` / `cps3_pkcs11_w32.dll` on Windows; the
 *   Linux and macOS file names (`libcps3_pkcs11_lux.so`, `libcps3_pkcs11_osx.dylib` in ANS packages) are
 *   unconfirmed from public sources;
 * - OpenSC: `/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so`, `/Library/OpenSC/lib/opensc-pkcs11.so`,
 *   `C:\Windows\System32\opensc-pkcs11.dll`.
 * `PASSERELLE_PKCS11_MODULE` names a vendor module for the card commands; `PASSERELLE_SOFTHSM_MODULE` the
 * SoftHSM2 library of the emulated cards when it is not in one of these places.
 */
export const DEFAULT_SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** The slot flag of a reader whose card can be taken out (PKCS#11 `CKF_REMOVABLE_DEVICE`), not in pkcs11js's types. */
const CKF_REMOVABLE_DEVICE = 0x2;

export interface TokenSlot {
  readonly slot: Buffer;
  readonly label: string;
  readonly flags: number;
}

/**
 * One loaded PKCS#11 module, initialised once for the process. `refresh()` re-initialises it: SoftHSM2 (and
 * some vendor modules) freeze their token list at C_Initialize, so a card provisioned or inserted later is
 * seen only after a new C_Initialize.
 */
export class Pkcs11Module {
  readonly path: string;
  readonly api: PKCS11;
  private initialized = false;
  private fixed: boolean | undefined;

  private constructor(path: string, api: PKCS11) {
    this.path = path;
    this.api = api;
  }

  /** Loads and initialises a module, turning a missing file or a non-PKCS#11 library into typed errors. */
  static open(path: string): Pkcs11Module {
    if (!existsSync(path)) throw new PasserelleError('MODULE_NOT_FOUND', { path });
    const api = new pkcs11js.PKCS11();
    try {
      api.load(path);
    } catch (cause) {
      throw new PasserelleError('NOT_A_PKCS11_MODULE', { path, reason: firstLine(cause) }, { cause });
    }
    const module = new Pkcs11Module(path, api);
    module.initialize();
    return module;
  }

  private initialize(): void {
    try {
      this.api.C_Initialize();
    } catch (error) {
      // Another part of the process (or a host like a browser) initialised the module first: that is fine.
      if (ckrOf(error) !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw new PasserelleError(
          'NOT_A_PKCS11_MODULE',
          { path: this.path, reason: firstLine(error) },
          { cause: error },
        );
      }
    }
    this.initialized = true;
  }

  /**
   * Whether the module shows a card put in only after a new C_Initialize. A reader's slot is a removable device
   * (CKF_REMOVABLE_DEVICE) whose token comes and goes in the slot list as the card does; a module without any
   * such slot (SoftHSM2) fixes its tokens when it starts. Asked once: the slots' nature does not change.
   */
  get fixesTokensAtInitialize(): boolean {
    this.fixed ??= this.api
      .C_GetSlotList(false)
      .every((slot) => (this.api.C_GetSlotInfo(slot).flags & CKF_REMOVABLE_DEVICE) === 0);
    return this.fixed;
  }

  /** Re-reads the token list (C_Finalize + C_Initialize); every open session becomes invalid. */
  refresh(): void {
    if (this.initialized) {
      try {
        this.api.C_Finalize();
      } catch {
        // A finalize that fails leaves nothing to undo; the initialise below tells whether the module works.
      }
      this.initialized = false;
    }
    this.initialize();
  }

  /** Every slot holding an initialised token, with its label (trailing blanks trimmed, as PKCS#11 pads them). */
  tokens(): TokenSlot[] {
    try {
      return this.api.C_GetSlotList(true).flatMap((slot) => this.tokenIn(slot) ?? []);
    } catch (error) {
      throw cardError(error, '-', 'C_GetSlotList');
    }
  }

  /**
   * The token with this label — never found by slot index, which changes as tokens come and go. The slots are
   * read up to the one that holds it: on a card every C_GetTokenInfo is an exchange with the reader.
   */
  findToken(label: string): TokenSlot | undefined {
    try {
      for (const slot of this.api.C_GetSlotList(true)) {
        const token = this.answering(slot);
        if (token?.label === label) return token;
      }
      return undefined;
    } catch (error) {
      throw cardError(error, '-', 'C_GetSlotList');
    }
  }

  /**
   * The tokens in the readers now, as a poll sees them: a slot whose token no longer answers (pulled, or a
   * SoftHSM2 token folder taken away) is an empty reader, not an error.
   */
  presentTokens(): TokenSlot[] {
    let slots: Buffer[];
    try {
      slots = this.api.C_GetSlotList(true);
    } catch (error) {
      throw cardError(error, '-', 'C_GetSlotList');
    }
    return slots.flatMap((slot) => this.answering(slot) ?? []);
  }

  /** The token in a slot, or undefined when the slot holds none or its token no longer answers. */
  private answering(slot: Buffer): TokenSlot | undefined {
    try {
      return this.tokenIn(slot);
    } catch {
      return undefined;
    }
  }

  private tokenIn(slot: Buffer): TokenSlot | undefined {
    const info = this.api.C_GetTokenInfo(slot);
    if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) return undefined;
    return { slot, label: info.label.trim(), flags: info.flags };
  }

  close(): void {
    try {
      if (this.initialized) this.api.C_Finalize();
    } catch {
      // Closing a module that already lost its tokens is not an error worth reporting.
    }
    this.initialized = false;
    this.api.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}
