import { createHash } from 'node:crypto';

import { pkcs11js, type Template } from './pkcs11js.js';

import { PasserelleError } from '../../api/errors/index.js';
import { cardError, ckrOf } from './ckr-errors.js';
import type { Pkcs11Module, TokenSlot } from './module.js';
import type { PinPolicy, PinStatus } from './pin-policy.js';

/** DER prefix of a SHA-256 DigestInfo, for modules that only offer raw CKM_RSA_PKCS. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A CPS PIN is four digits: anything else is refused before it can cost a try on the card. Checked character
 * by character: a regular expression would keep the PIN as its last input (`RegExp.input`) until the next match.
 */
export function checkPinFormat(pin: string): void {
  const digits = pin.length === 4 && [...pin].every((character) => character >= '0' && character <= '9');
  if (!digits) throw new PasserelleError('PIN_FORMAT');
}

/**
 * One PKCS#11 session on one token: login under a PIN policy, objects by label, signatures. Read-only: the
 * product never writes to a card.
 */
export class TokenSession {
  private loggedIn = false;

  private constructor(
    private readonly module: Pkcs11Module,
    readonly token: TokenSlot,
    private readonly handle: Buffer,
  ) {}

  static open(module: Pkcs11Module, token: TokenSlot, readWrite = false): TokenSession {
    try {
      const flags = pkcs11js.CKF_SERIAL_SESSION | (readWrite ? pkcs11js.CKF_RW_SESSION : 0);
      return new TokenSession(module, token, module.api.C_OpenSession(token.slot, flags));
    } catch (error) {
      throw cardError(error, token.label, 'C_OpenSession');
    }
  }

  get label(): string {
    return this.token.label;
  }

  /**
   * Presents the PIN once. Never retried here; the last remaining try only with `confirmLastTry`; the PIN is
   * passed to the module and not kept.
   */
  login(pin: string, policy: PinPolicy, options: { confirmLastTry?: boolean } = {}): PinStatus {
    checkPinFormat(pin);
    const before = policy.status(this.label, this.token.flags);
    if (before.locked) throw new PasserelleError('PIN_LOCKED', { label: this.label });
    if (before.lastTry && !options.confirmLastTry) throw new PasserelleError('PIN_LAST_TRY_CONFIRMATION_REQUIRED');
    try {
      this.module.api.C_Login(this.handle, pkcs11js.CKU_USER, pin);
    } catch (error) {
      const code = ckrOf(error);
      if (code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN) {
        this.loggedIn = true;
        policy.succeeded(this.label);
        return policy.status(this.label, this.token.flags);
      }
      if (
        code === pkcs11js.CKR_PIN_INCORRECT ||
        code === pkcs11js.CKR_PIN_INVALID ||
        code === pkcs11js.CKR_PIN_LEN_RANGE
      ) {
        const after = policy.failed(this.label, this.currentFlags());
        if (after.locked) throw new PasserelleError('PIN_LOCKED', { label: this.label });
        throw new PasserelleError('PIN_INCORRECT', { triesLeft: after.triesLeft });
      }
      throw cardError(error, this.label, 'C_Login');
    }
    this.loggedIn = true;
    policy.succeeded(this.label);
    return policy.status(this.label, this.token.flags);
  }

  /** The SO login, used by the emulator to provision and to unblock with the PUK. */
  loginSecurityOfficer(puk: string): void {
    try {
      this.module.api.C_Login(this.handle, pkcs11js.CKU_SO, puk);
      this.loggedIn = true;
    } catch (error) {
      if (ckrOf(error) === pkcs11js.CKR_PIN_INCORRECT) throw new PasserelleError('PUK_INCORRECT');
      throw cardError(error, this.label, 'C_Login(SO)');
    }
  }

  initPin(pin: string): void {
    checkPinFormat(pin);
    try {
      this.module.api.C_InitPIN(this.handle, pin);
    } catch (error) {
      throw cardError(error, this.label, 'C_InitPIN');
    }
  }

  get isLoggedIn(): boolean {
    return this.loggedIn;
  }

  private currentFlags(): number {
    try {
      return this.module.api.C_GetTokenInfo(this.token.slot).flags;
    } catch {
      return this.token.flags;
    }
  }

  /** Handles of the objects matching a template. */
  find(template: Template): Buffer[] {
    const api = this.module.api;
    try {
      api.C_FindObjectsInit(this.handle, template);
      try {
        return api.C_FindObjects(this.handle, 64);
      } finally {
        api.C_FindObjectsFinal(this.handle);
      }
    } catch (error) {
      throw cardError(error, this.label, 'C_FindObjects');
    }
  }

  /** The value of the one object of a class with this label; undefined when there is none. */
  readValue(objectClass: number, label: string): Buffer | undefined {
    const [object] = this.find([
      { type: pkcs11js.CKA_CLASS, value: objectClass },
      { type: pkcs11js.CKA_LABEL, value: label },
    ]);
    if (!object) return undefined;
    try {
      const [attribute] = this.module.api.C_GetAttributeValue(this.handle, object, [{ type: pkcs11js.CKA_VALUE }]);
      return attribute?.value;
    } catch (error) {
      throw cardError(error, this.label, 'C_GetAttributeValue');
    }
  }

  /** A certificate (DER) by label, as PEM. */
  readCertificatePem(label: string): string | undefined {
    const der = this.readValue(pkcs11js.CKO_CERTIFICATE, label);
    if (!der) return undefined;
    const body = der
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n');
    return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
  }

  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 by the private key with this label. Where the module has no combined
   * mechanism, the hash is made in Node and the DigestInfo signed raw: the card still signs.
   */
  signSha256(keyLabel: string, data: Uint8Array): Buffer {
    const [key] = this.find([
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_LABEL, value: keyLabel },
    ]);
    if (!key) throw new PasserelleError('TOKEN_CORRUPT', { label: this.label, reason: `no key ${keyLabel}` });
    const api = this.module.api;
    const out = Buffer.alloc(1024);
    try {
      api.C_SignInit(this.handle, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
      return Buffer.from(api.C_Sign(this.handle, Buffer.from(data), out));
    } catch (error) {
      if (ckrOf(error) !== pkcs11js.CKR_MECHANISM_INVALID) throw cardError(error, this.label, 'C_Sign');
    }
    try {
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(data).digest()]);
      api.C_SignInit(this.handle, { mechanism: pkcs11js.CKM_RSA_PKCS }, key);
      return Buffer.from(api.C_Sign(this.handle, digestInfo, out));
    } catch (error) {
      throw cardError(error, this.label, 'C_Sign');
    }
  }

  /** Creates a token object (emulator provisioning only). */
  create(template: Template): void {
    try {
      this.module.api.C_CreateObject(this.handle, template);
    } catch (error) {
      throw cardError(error, this.label, 'C_CreateObject');
    }
  }

  logout(): void {
    if (!this.loggedIn) return;
    this.loggedIn = false;
    try {
      this.module.api.C_Logout(this.handle);
    } catch {
      // The card may be gone already: the session is over either way.
    }
  }

  close(): void {
    this.logout();
    try {
      this.module.api.C_CloseSession(this.handle);
    } catch {
      // Same: a pulled card has closed it for us.
    }
  }
}
