import type { FastifyBaseLogger } from 'fastify';
import type { CryptoKey } from 'jose';
import type { TokenKey, TokenKeys } from '../jwt/tokens.js';
import { keyUnrevoked, listKeysWithPrivate } from './repository.js';
import { ensureSigningKey, importPublicKey, type SigningKeyDeps, openPrivateKey } from './service.js';
import { isPublished, type KeyOnTimeline, type KeyState, stateAt, timeline } from './timeline.js';

type Row = Awaited<ReturnType<typeof listKeysWithPrivate>>[number];

interface Entry {
  place: KeyOnTimeline<Row>;
  publicKey: CryptoKey;
  /** Opened only for keys that sign now or will. */
  privateKey?: CryptoKey;
}

/** A stored key this instance cannot use (SECRET_KEY differs, or the row is damaged). */
export class SigningKeyUnusable extends Error {
  override name = 'SigningKeyUnusable';
}

/** A key of the published set, as another signer of the service's tokens (the OpenID provider) takes it. */
export interface PublishedKey {
  kid: string;
  alg: string;
  publicKey: CryptoKey;
  /** Non-extractable; only the key that signs now has it here. */
  privateKey?: CryptoKey;
}

export interface SigningKeyRing extends TokenKeys {
  /**
   * Makes sure a key signs (the first start creates it) and reads the key set; again on
   * each call until it has succeeded once. Rejects with SigningKeyUnusable for a key it cannot use.
   */
  start(): Promise<void>;
  /** Reads the key set from the database again. */
  reload(): Promise<void>;
  close(): void;
  /**
   * The keys published now (as `/.well-known/jwks.json` has them), the signing one first;
   * `version` changes whenever the set or the signer does. After `signing()` has resolved.
   */
  published(): { version: string; keys: PublishedKey[] };
}

/** A kid with no usable row is not looked up again for this long: garbage, or a revoked key's, costs one indexed read a second. */
const ABSENT_KID_MS = 1_000;

/**
 * This instance's copy of the signing keys, read again every few seconds. That is soon
 * enough: a rotated-in key signs only JWKS_MAX_AGE_SECONDS after it is published, and
 * each instance switches to it by its own clock, having read it long before. Revocation
 * does not wait for a reload: the guard's session query checks the kid on every request.
 */
export function signingKeyRing(deps: SigningKeyDeps & { log: FastifyBaseLogger }): SigningKeyRing {
  let entries = new Map<string, Entry>();
  const absent = new Map<string, number>();
  let reloading: Promise<void> | undefined;
  let starting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  /** The first read fails on a key it cannot use; later reads skip that key and say so. */
  const load = async (strict: boolean) => {
    const now = new Date();
    const next = new Map<string, Entry>();
    for (const place of timeline(await listKeysWithPrivate(deps.db), deps.longestTokenTtlSeconds)) {
      const state = stateAt(place, now);
      if (!isPublished(state)) continue;
      const known = entries.get(place.key.kid);
      try {
        const publicKey = known?.publicKey ?? (await importPublicKey(place.key));
        const privateKey = known?.privateKey ?? (state === 'retired' ? undefined : await openPrivateKey(deps.secretKey, place.key));
        next.set(place.key.kid, { place, publicKey, ...(privateKey ? { privateKey } : {}) });
      } catch (err) {
        if (strict) throw new SigningKeyUnusable((err as Error).message);
        deps.log.error({ kid: place.key.kid, reason: (err as Error).message }, 'signing key skipped: it cannot be used');
      }
    }
    entries = next;
  };
  const reload = () => {
    reloading ??= load(false).finally(() => (reloading = undefined));
    return reloading;
  };
  const start = () => {
    starting ??= (async () => {
      const created = await ensureSigningKey(deps);
      if (created) deps.log.info({ kid: created.kid, algorithm: created.algorithm, signsFrom: created.signs_from }, 'signing key created');
      await load(true);
      timer = setInterval(() => {
        reload().catch((err: unknown) => deps.log.warn({ err }, 'reading the signing keys failed; keeping the ones read before'));
      }, Math.min(2_000, Math.max(250, deps.jwksMaxAgeSeconds * 500)));
      timer.unref();
    })().catch((err: unknown) => {
      starting = undefined;
      throw err;
    });
    return starting;
  };

  /**
   * A kid this instance has not read yet: another instance may have just made it (the key
   * that replaces a revoked one signs at once). If a row has it, the key set is read again,
   * by a read that starts after this one found the row.
   */
  const learn = async (kid: string) => {
    if ((absent.get(kid) ?? 0) > Date.now()) return;
    if (await keyUnrevoked(deps.db, kid).catch(() => false)) {
      await reload().catch(() => undefined);
      if (!entries.has(kid)) await reload().catch(() => undefined);
      if (entries.has(kid)) return;
    }
    if (absent.size >= 10_000) absent.clear();
    absent.set(kid, Date.now() + ABSENT_KID_MS);
  };

  const inState = (e: Entry, ...states: KeyState[]) => states.includes(stateAt(e.place, new Date()));
  const signer = () => [...entries.values()].find((e) => e.privateKey && inState(e, 'signing'));

  return {
    legacy: false,
    start,
    reload,
    close: () => clearInterval(timer),
    async signing(): Promise<TokenKey> {
      await start();
      let e = signer();
      if (!e) {
        await reload();
        e = signer();
      }
      if (!e?.privateKey) throw new Error('no signing key is in force: run `account-service keys rotate`');
      return { kid: e.place.key.kid, alg: e.place.key.algorithm, key: e.privateKey };
    },
    published() {
      const now = new Date();
      const keys = [...entries.values()]
        .map((e) => ({ e, state: stateAt(e.place, now) }))
        .filter(({ state }) => isPublished(state))
        .sort((a, b) => Number(b.state === 'signing') - Number(a.state === 'signing'))
        .map(({ e, state }) => ({
          kid: e.place.key.kid,
          alg: e.place.key.algorithm,
          publicKey: e.publicKey,
          ...(state === 'signing' && e.privateKey ? { privateKey: e.privateKey } : {}),
        }));
      return { version: keys.map((k) => `${k.kid}${k.privateKey ? '*' : ''}`).join(','), keys };
    },
    async verifying(kid) {
      if (kid === undefined) return undefined;
      await start();
      let e = entries.get(kid);
      if (!e) {
        await learn(kid);
        e = entries.get(kid);
      }
      if (!e || !inState(e, 'waiting', 'signing', 'retired')) return undefined;
      return { kid, alg: e.place.key.algorithm, key: e.publicKey };
    },
  };
}
