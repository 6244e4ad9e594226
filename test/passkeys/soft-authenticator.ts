/*
 * A software authenticator for API tests: a real P-256 (or RSA) key that makes real WebAuthn
 * registration and authentication responses, as a browser would send them to the service
 * (the JSON of @simplewebauthn/browser's startRegistration()/startAuthentication()).
 *
 * Self-contained: node:crypto, and the CBOR encoder @simplewebauthn/server exports from its
 * `/helpers` entry point (isoCBOR, on @levischuck/tiny-cbor), so no CBOR package is added.
 * Checked against @simplewebauthn/server 14.1.0 (and 13.3.x) by /tmp/pk-scratch/check.ts.
 *
 * What it makes, byte for byte (WebAuthn L3 §6.1 authenticator data, §6.5.4 "none"):
 *   authData   = sha256(rpId) | flags | signCount (uint32 BE) | [aaguid | len (uint16 BE) | credId | COSE key]
 *   flags      = UP 0x01, UV 0x04, BE 0x08, BS 0x10, AT 0x40 (registration only)
 *   attObj     = CBOR {"fmt": "none", "attStmt": {}, "authData": bytes}
 *   assertion  = DER ECDSA (or PKCS#1 v1.5) signature over authData | sha256(clientDataJSON)
 *
 * Every knob an attack test needs is an option: the origin it claims, the RP ID it hashes,
 * the counter it reports, UV off, a corrupted signature, another user handle, ignoring the
 * allow list (a credential the server did not ask for).
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const ES256 = -7;
const RS256 = -257;

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

/** What the authenticator keeps of a credential it made; tests hold it between calls. */
export interface SoftCredential {
  /** base64url of the credential ID, as the server stores it. */
  id: string;
  alg: typeof ES256 | typeof RS256;
  privateKey: KeyObject;
  rpId: string;
  /** base64url of the user.id the options carried: the userHandle of every assertion. */
  userHandle: string;
  /** The signature counter it reported last; 0 stays 0 (a synced passkey) unless a test sets one. */
  counter: number;
  /** Backup eligible and backed up (BE and BS), as a synced passkey reports. */
  backedUp: boolean;
}

export interface CreateOptions {
  /** Backup eligible and backed up, as an iCloud Keychain / Google Password Manager passkey. Default true. */
  backedUp?: boolean;
  /** The first signature counter. Default 0 (what synced passkeys report, forever). */
  counter?: number;
  /** User verification done. Default true. */
  uv?: boolean;
  /** Hash this RP ID instead of the one in the options (the wrong-RP-ID attack). */
  rpId?: string;
  /** Prefer RS256 even when ES256 is offered. */
  rsa?: boolean;
  /** Credentials this authenticator already holds: one in excludeCredentials refuses, as a browser does. */
  existing?: SoftCredential[];
  /** Another challenge in clientDataJSON than the options' (a replay across ceremonies). */
  challenge?: string;
  /** Make this credential again, its id and key, as an authenticator that ignores excludeCredentials would. */
  again?: SoftCredential;
}

/**
 * navigator.credentials.create() for these options, as a platform authenticator with "none"
 * attestation. Answers the JSON a browser sends and the credential a later assertion needs.
 */
export function createCredential(
  options: PublicKeyCredentialCreationOptionsJSON,
  origin: string,
  opts: CreateOptions = {},
): { response: RegistrationResponseJSON; credential: SoftCredential } {
  const offered = options.pubKeyCredParams.map((p) => p.alg);
  const alg = opts.rsa && offered.includes(RS256) ? RS256 : offered.includes(ES256) ? ES256 : offered.includes(RS256) ? RS256 : undefined;
  if (alg === undefined) throw new Error(`NotSupportedError: none of ${offered.join(', ')} is ES256 or RS256`);
  const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
  if (opts.existing?.some((c) => excluded.has(c.id))) throw new Error('InvalidStateError: a credential in excludeCredentials is on this authenticator');

  const rpId = options.rp.id;
  if (!rpId) throw new Error('the creation options name no rp.id');
  const { privateKey, publicKey } = opts.again
    ? { privateKey: opts.again.privateKey, publicKey: createPublicKey(opts.again.privateKey) }
    : alg === ES256
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const credentialId = opts.again ? Buffer.from(opts.again.id, 'base64url') : randomBytes(32);
  const credential: SoftCredential = {
    id: b64url(credentialId),
    alg,
    privateKey,
    rpId,
    userHandle: options.user.id,
    counter: opts.counter ?? 0,
    backedUp: opts.backedUp ?? true,
  };

  const attested = Buffer.concat([
    Buffer.alloc(16), // AAGUID: zeros, as "none" attestation and most synced passkeys give
    u16(credentialId.length),
    credentialId,
    Buffer.from(isoCBOR.encode(coseKey(publicKey, alg))),
  ]);
  const authData = authenticatorData(opts.rpId ?? rpId, {
    uv: opts.uv ?? true,
    backedUp: credential.backedUp,
    counter: credential.counter,
    attested,
  });
  const clientDataJSON = clientData('webauthn.create', opts.challenge ?? options.challenge, origin);
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Uint8Array | Map<string, string>>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', new Uint8Array(authData)],
    ]),
  );
  const response: RegistrationResponseJSON = {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    response: {
      clientDataJSON: b64url(clientDataJSON),
      attestationObject: b64url(attestationObject),
      authenticatorData: b64url(authData),
      transports: ['hybrid', 'internal'],
      publicKeyAlgorithm: alg,
      publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
    },
    clientExtensionResults: { credProps: { rk: true } },
    authenticatorAttachment: 'platform',
  };
  return { response, credential };
}

export interface AssertOptions {
  /** The signature counter to report; default: 0 stays 0, any other counter goes up by one. */
  counter?: number;
  /** User verification done. Default true; false is the "no UV" attack. */
  uv?: boolean;
  /** Hash this RP ID instead of the credential's (the wrong-RP-ID attack). */
  rpId?: string;
  /** Flip a bit of the signature (the bad-signature attack). */
  badSignature?: boolean;
  /** Another userHandle than the credential's, or null to send none. */
  userHandle?: string | null;
  /** Answer even when the allow list does not name this credential (the server must refuse it). */
  ignoreAllowList?: boolean;
  /** Another challenge in clientDataJSON than the options' (a replay). */
  challenge?: string;
}

/** navigator.credentials.get() with this credential; its counter is kept on `credential`. */
export function getAssertion(
  options: PublicKeyCredentialRequestOptionsJSON,
  origin: string,
  credential: SoftCredential,
  opts: AssertOptions = {},
): AuthenticationResponseJSON {
  const allowed = options.allowCredentials ?? [];
  if (!opts.ignoreAllowList && allowed.length > 0 && !allowed.some((c) => c.id === credential.id)) {
    throw new Error('NotAllowedError: the allow list does not name this credential');
  }
  if (options.rpId !== undefined && options.rpId !== credential.rpId && opts.rpId === undefined) {
    throw new Error(`NotAllowedError: the credential is for ${credential.rpId}, not ${options.rpId}`);
  }
  credential.counter = opts.counter ?? (credential.counter === 0 ? 0 : credential.counter + 1);
  const authData = authenticatorData(opts.rpId ?? credential.rpId, {
    uv: opts.uv ?? true,
    backedUp: credential.backedUp,
    counter: credential.counter,
  });
  const clientDataJSON = clientData('webauthn.get', opts.challenge ?? options.challenge, origin);
  const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
  if (opts.badSignature) signature[signature.length - 1]! ^= 0x01;
  const userHandle = opts.userHandle === undefined ? credential.userHandle : opts.userHandle;
  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    response: {
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      ...(userHandle === null ? {} : { userHandle }),
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  };
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function authenticatorData(
  rpId: string,
  a: { uv: boolean; backedUp: boolean; counter: number; attested?: Buffer },
): Buffer {
  let flags = FLAG_UP;
  if (a.uv) flags |= FLAG_UV;
  if (a.backedUp) flags |= FLAG_BE | FLAG_BS;
  if (a.attested) flags |= FLAG_AT;
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(a.counter >>> 0);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter, ...(a.attested ? [a.attested] : [])]);
}

/** The JSON a browser hashes: keys in the order browsers write them. */
function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

/** The credential public key as COSE_Key (RFC 9052/9053): EC2 P-256 for ES256, RSA n/e for RS256. */
function coseKey(publicKey: KeyObject, alg: number): Map<number, number | Uint8Array> {
  const jwk = publicKey.export({ format: 'jwk' });
  const bytes = (s: string | undefined) => new Uint8Array(Buffer.from(s!, 'base64url'));
  if (alg === ES256) {
    return new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, ES256], // alg
      [-1, 1], // crv: P-256
      [-2, bytes(jwk.x)],
      [-3, bytes(jwk.y)],
    ]);
  }
  return new Map<number, number | Uint8Array>([
    [1, 3], // kty: RSA
    [3, RS256],
    [-1, bytes(jwk.n)],
    [-2, bytes(jwk.e)],
  ]);
}
