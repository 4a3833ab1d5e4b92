import { createHash } from 'node:crypto';

import { pkcs11js, type Template } from './pkcs11js.js';

import { PasserelleError } from '../../api/errors/index.js';
import { cardError, ckrOf } from './ckr-errors.js';
import type { Pkcs11Module, TokenSlot } from './module.js';
import type { PinPolicy, PinStatus } from './pin-policy.js';

/** DER prefix of a SHA-256 DigestInfo, for modules that only offer raw CKM_RSA_PKCS. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** Handles asked of each C_FindObjects: more than a card holds, so that one call returns them all. */
const FIND_BATCH = 256;

/** What `TokenSession.readObjects` finds, by label. */
export interface TokenObjects {
  /** Data objects' values. */
  readonly data: ReadonlyMap<string, Buffer>;
  /** Certificates' values (DER). */
  readonly certificates: ReadonlyMap<string, Buffer>;
  /** Private keys' handles: valid as long as the session that read them. */
  readonly privateKeys: ReadonlyMap<string, Buffer>;
}

/** A certificate's DER value as PEM. */
export function certificatePem(der: Buffer): string {
  const body = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/**
 * A CPS PIN is four digits: anything else is refused before it can cost a try on the card. Checked character
 * by character: a regular expression would keep the PIN as its last input (`RegExp.input`) until the next match.
 */
export function checkPinFormat(pin: string): void {
  const digits = pin.length === 4 && [...pin].every((character) => character >= '0' && character <= '9');
  if (!digits) throw new PasserelleError('PIN_FORMAT');
}

/**
 * One PKCS#11 session on one token: login under a PIN policy, its objects read at once, signatures. Read-only: the
 * product never writes to a card.
 */
export class TokenSession {
  private loggedIn = false;
  /** False once the module refused CKM_SHA256_RSA_PKCS: signatures then hash in Node and sign raw. */
  private combinedMechanism = true;
  /** C_Sign's output, reused: a signature is copied out of it. */
  private readonly signatureBuffer = Buffer.alloc(1024);

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

  /**
   * Every object the session sees, read in one search: data objects and certificates with their values,
   * private keys as handles. Each object costs one C_GetAttributeValue (class, label, value); an object without
   * a readable value (a key) is read again for its class and label alone. On a card every call is an exchange
   * with the chip, so this replaces a search per label (three calls) and a read per value.
   */
  readObjects(): TokenObjects {
    const objects = {
      data: new Map<string, Buffer>(),
      certificates: new Map<string, Buffer>(),
      privateKeys: new Map<string, Buffer>(),
    };
    try {
      for (const handle of this.findAll()) {
        const { objectClass, label, value } = this.readObject(handle);
        if (objectClass === pkcs11js.CKO_PRIVATE_KEY) objects.privateKeys.set(label, handle);
        else if (value && objectClass === pkcs11js.CKO_DATA) objects.data.set(label, value);
        else if (value && objectClass === pkcs11js.CKO_CERTIFICATE) objects.certificates.set(label, value);
      }
    } catch (error) {
      throw cardError(error, this.label, 'C_GetAttributeValue');
    }
    return objects;
  }

  /** The handles of every object, in as few C_FindObjects as the module allows. */
  private findAll(): Buffer[] {
    const api = this.module.api;
    const handles: Buffer[] = [];
    try {
      api.C_FindObjectsInit(this.handle, []);
      try {
        let batch: Buffer[];
        do {
          batch = api.C_FindObjects(this.handle, FIND_BATCH);
          handles.push(...batch);
        } while (batch.length === FIND_BATCH);
      } finally {
        api.C_FindObjectsFinal(this.handle);
      }
    } catch (error) {
      throw cardError(error, this.label, 'C_FindObjects');
    }
    return handles;
  }

  /** An object's class, label and value; no value for an object that has none or keeps it secret (a key). */
  private readObject(handle: Buffer): { objectClass: number; label: string; value?: Buffer } {
    const api = this.module.api;
    let attributes: Template;
    try {
      attributes = api.C_GetAttributeValue(this.handle, handle, [
        { type: pkcs11js.CKA_CLASS },
        { type: pkcs11js.CKA_LABEL },
        { type: pkcs11js.CKA_VALUE },
      ]);
    } catch (error) {
      const code = ckrOf(error);
      if (code !== pkcs11js.CKR_ATTRIBUTE_SENSITIVE && code !== pkcs11js.CKR_ATTRIBUTE_TYPE_INVALID) throw error;
      attributes = api.C_GetAttributeValue(this.handle, handle, [
        { type: pkcs11js.CKA_CLASS },
        { type: pkcs11js.CKA_LABEL },
      ]);
    }
    const [objectClass, label, value] = attributes.map((attribute) => attribute.value);
    return {
      // A CK_ULONG in the machine's byte order, little-endian on every platform the product ships for.
      objectClass: Buffer.isBuffer(objectClass) ? objectClass.readUIntLE(0, Math.min(objectClass.length, 6)) : -1,
      label: Buffer.isBuffer(label) ? label.toString('utf8') : '',
      ...(Buffer.isBuffer(value) ? { value } : {}),
    };
  }

  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 by a private key of `readObjects()`: C_SignInit and C_Sign, nothing else.
   * Where the module has no combined mechanism, the hash is made in Node and the DigestInfo signed raw (the
   * card still signs); the session remembers it, so that later signatures skip the refused mechanism.
   */
  signSha256(key: Buffer, data: Uint8Array): Buffer {
    if (this.combinedMechanism) {
      try {
        return this.sign(pkcs11js.CKM_SHA256_RSA_PKCS, key, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        if (ckrOf(error) !== pkcs11js.CKR_MECHANISM_INVALID) throw cardError(error, this.label, 'C_Sign');
        this.combinedMechanism = false;
      }
    }
    try {
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(data).digest()]);
      return this.sign(pkcs11js.CKM_RSA_PKCS, key, digestInfo);
    } catch (error) {
      throw cardError(error, this.label, 'C_Sign');
    }
  }

  private sign(mechanism: number, key: Buffer, data: Buffer): Buffer {
    const api = this.module.api;
    api.C_SignInit(this.handle, { mechanism }, key);
    return Buffer.from(api.C_Sign(this.handle, data, this.signatureBuffer));
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
