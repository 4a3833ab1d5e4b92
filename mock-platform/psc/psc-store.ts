import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * How long a record is kept past its end: the provider checks every record's own expiry, and must find an expired
 * sign-in request to answer `expired_token` rather than "unknown".
 */
const KEPT_AFTER_EXPIRY_MS = 10 * 60 * 1000;

interface Stored {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds after which the record is gone. */
  readonly expiresAt: number;
}

/**
 * The provider's storage, in memory: the mock's PSC forgets its sessions when it stops, as a restarted test
 * platform should. One store holds every model; {@link PscStore.peek} lets the platform's services read a
 * token synchronously, the way a resource server next to the authorization server introspects it.
 */
export class PscStore {
  private readonly records = new Map<string, Stored>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The adapter oidc-provider asks for, one per model name. */
  adapter(model: string): Adapter {
    const key = (id: string): string => `${model}:${id}`;
    return {
      upsert: (id, payload, expiresIn) => {
        const expiresAt =
          expiresIn === undefined ? Number.MAX_SAFE_INTEGER : this.now() + expiresIn * 1000 + KEPT_AFTER_EXPIRY_MS;
        this.records.set(key(id), { payload, expiresAt });
        if (payload.uid) this.records.set(`${model}:uid:${payload.uid}`, { payload: { jti: id }, expiresAt });
        if (payload.userCode)
          this.records.set(`${model}:user:${payload.userCode}`, { payload: { jti: id }, expiresAt });
        if (payload.grantId) {
          const grantKey = `grant:${payload.grantId}`;
          const ids = (this.records.get(grantKey)?.payload.ids as string[] | undefined) ?? [];
          this.records.set(grantKey, { payload: { ids: [...ids, key(id)] }, expiresAt: Number.MAX_SAFE_INTEGER });
        }
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(this.live(key(id))),
      findByUid: (uid) => {
        const jti = this.live(`${model}:uid:${uid}`)?.jti;
        return Promise.resolve(jti === undefined ? undefined : this.live(key(jti)));
      },
      findByUserCode: (userCode) => {
        const jti = this.live(`${model}:user:${userCode}`)?.jti;
        return Promise.resolve(jti === undefined ? undefined : this.live(key(jti)));
      },
      consume: (id) => {
        const stored = this.records.get(key(id));
        if (stored) stored.payload.consumed = Math.floor(this.now() / 1000);
        return Promise.resolve();
      },
      destroy: (id) => {
        this.records.delete(key(id));
        return Promise.resolve();
      },
      revokeByGrantId: (grantId) => {
        const grantKey = `grant:${grantId}`;
        for (const id of (this.records.get(grantKey)?.payload.ids as string[] | undefined) ?? [])
          this.records.delete(id);
        this.records.delete(grantKey);
        return Promise.resolve();
      },
    };
  }

  /** A record of a model by id, if it is still kept (its own `exp` says whether it is live): what the platform's services read. */
  peek(model: string, id: string): AdapterPayload | undefined {
    return this.live(`${model}:${id}`);
  }

  private live(key: string): AdapterPayload | undefined {
    const stored = this.records.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt <= this.now()) {
      this.records.delete(key);
      return undefined;
    }
    return stored.payload;
  }
}
