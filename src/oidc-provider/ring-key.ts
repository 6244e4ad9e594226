import { KeyObject, webcrypto } from 'node:crypto';
import type { ExternalSigningKey } from 'oidc-provider';
import type { PublishedKey } from '../signing-keys/ring.js';

const PARAMS: Record<string, webcrypto.AlgorithmIdentifier | webcrypto.EcdsaParams> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
  EdDSA: { name: 'Ed25519' },
};

/**
 * A key of the service's ring as oidc-provider takes it (its experimental
 * externalSigningSupport): the public key, and a `sign` that uses the ring's non-extractable
 * private key, so no private JWK is ever opened again or copied into the library's keystore.
 * A retired key only verifies (an `id_token_hint` it signed).
 */
export function ringKeys(Base: typeof ExternalSigningKey, keys: PublishedKey[]): ExternalSigningKey[] {
  class RingKey extends Base {
    readonly #publicKey: KeyObject;
    readonly #privateKey: webcrypto.CryptoKey | undefined;
    readonly #params: webcrypto.AlgorithmIdentifier | webcrypto.EcdsaParams;

    constructor(key: PublishedKey) {
      super();
      const params = PARAMS[key.alg];
      if (!params) throw new Error(`signing key ${key.kid}: ${key.alg} is not an algorithm the OpenID provider signs with`);
      (this as unknown as { kid: string; alg: string }).kid = key.kid;
      (this as unknown as { kid: string; alg: string }).alg = key.alg;
      this.#publicKey = KeyObject.from(key.publicKey as webcrypto.CryptoKey);
      this.#privateKey = key.privateKey as webcrypto.CryptoKey | undefined;
      this.#params = params;
    }

    override keyObject(): KeyObject {
      return this.#publicKey;
    }

    override async sign(data: Uint8Array): Promise<Uint8Array> {
      if (!this.#privateKey) throw new Error(`signing key ${this.kid} only verifies`);
      // WebCrypto's ECDSA signature is already JWS's r||s.
      return new Uint8Array(await webcrypto.subtle.sign(this.#params, this.#privateKey, data));
    }
  }
  return keys.map((key) => new RingKey(key));
}
