import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { Type } from 'typebox';

/*
 * WebAuthn's JSON (WebAuthn Level 3, as @simplewebauthn/browser sends and takes it) as route
 * schemas. The responses a browser sends are judged here first, with caps on every string,
 * so most junk is a plain 400 before the library sees it.
 */

/** base64url, unpadded as browsers write it (padding tolerated); linear to test. */
const B64 = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$', ...(description ? { description } : {}) });
/** A credential id: at most 1023 bytes (WebAuthn), 1364 characters of base64url. */
const CredentialId = B64(1364, 'The credential id, base64url');
const Transports = Type.Array(Type.String({ maxLength: 32 }), { maxItems: 16 });
const Extensions = Type.Object({}, { description: 'The client extension results, as the browser gives them' });
const Attachment = Type.String({ maxLength: 32, description: '`platform` or `cross-platform`' });

/** What `startRegistration()` of @simplewebauthn/browser answers: `navigator.credentials.create()`'s credential as JSON. */
export const RegistrationResponse = Type.Unsafe<RegistrationResponseJSON>(
  Type.Object(
    {
      id: CredentialId,
      rawId: CredentialId,
      type: Type.Literal('public-key'),
      response: Type.Object({
        clientDataJSON: B64(8192),
        attestationObject: B64(32768),
        transports: Type.Optional(Transports),
        publicKeyAlgorithm: Type.Optional(Type.Integer()),
        publicKey: Type.Optional(B64(4096)),
        authenticatorData: Type.Optional(B64(32768)),
      }),
      clientExtensionResults: Type.Optional(Extensions),
      authenticatorAttachment: Type.Optional(Attachment),
    },
    { description: 'The registration response as JSON, as `startRegistration()` of `@simplewebauthn/browser` answers it' },
  ),
);

/** What `startAuthentication()` answers: `navigator.credentials.get()`'s assertion as JSON. */
export const AuthenticationResponse = Type.Unsafe<AuthenticationResponseJSON>(
  Type.Object(
    {
      id: CredentialId,
      rawId: CredentialId,
      type: Type.Literal('public-key'),
      response: Type.Object({
        clientDataJSON: B64(8192),
        authenticatorData: B64(8192),
        signature: B64(2048),
        userHandle: Type.Optional(B64(128)),
      }),
      clientExtensionResults: Type.Optional(Extensions),
      authenticatorAttachment: Type.Optional(Attachment),
    },
    { description: 'The authentication response as JSON, as `startAuthentication()` of `@simplewebauthn/browser` answers it' },
  ),
);

const Descriptor = Type.Object({ id: Type.String(), type: Type.Literal('public-key'), transports: Type.Optional(Transports) });

/** For `startRegistration({ optionsJSON })`: `navigator.credentials.create()`'s options as JSON. */
export const CreationOptions = Type.Unsafe<PublicKeyCredentialCreationOptionsJSON>(
  Type.Object(
    {
      rp: Type.Object({ name: Type.String(), id: Type.String() }),
      user: Type.Object({
        id: Type.String({ description: "The account's user handle: 32 random bytes, base64url" }),
        name: Type.String(),
        displayName: Type.String(),
      }),
      challenge: Type.String(),
      pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Integer(), type: Type.Literal('public-key') })),
      timeout: Type.Integer(),
      excludeCredentials: Type.Array(Descriptor, { description: "The user's passkeys: an authenticator that holds one makes no second" }),
      authenticatorSelection: Type.Object({
        residentKey: Type.String(),
        userVerification: Type.String(),
        requireResidentKey: Type.Optional(Type.Boolean()),
      }),
      attestation: Type.String(),
      extensions: Type.Optional(Type.Object({ credProps: Type.Optional(Type.Boolean()) })),
      hints: Type.Optional(Type.Array(Type.String())),
    },
    { description: 'WebAuthn creation options as JSON, for `startRegistration({ optionsJSON })` of `@simplewebauthn/browser`' },
  ),
);

/** For `startAuthentication({ optionsJSON })`: `navigator.credentials.get()`'s options as JSON. */
export const RequestOptions = Type.Unsafe<PublicKeyCredentialRequestOptionsJSON>(
  Type.Object(
    {
      rpId: Type.String(),
      challenge: Type.String(),
      allowCredentials: Type.Array(Descriptor, { description: 'Empty for a discoverable sign-in; the user\'s passkeys for the second step' }),
      timeout: Type.Integer(),
      userVerification: Type.String(),
    },
    { description: 'WebAuthn request options as JSON, for `startAuthentication({ optionsJSON })` of `@simplewebauthn/browser`' },
  ),
);

/** A passkey as its owner sees it. */
export const Passkey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ examples: ['iPhone'] }),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When it last signed in; null if never' }),
  backed_up: Type.Boolean({ description: 'Synced by its provider (iCloud Keychain, Google Password Manager…), as the authenticator last said' }),
});
