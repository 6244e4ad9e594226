import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, NoContent, Password, ProfileText, VerifyToken } from '../http/schemas.js';
import { pickLanguage } from '../http/messages.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { CreationOptions, Passkey, RegistrationResponse } from './schemas.js';
import { addPasskey, listPasskeys, passkeyShape, registrationOptions, removePasskey, renamePasskey } from './service.js';

const Name = (description: string) => Object.assign(ProfileText(64), { description });
const PasskeyId = Type.Object({ id: Type.String({ description: 'The passkey id (a UUID); anything else is 404' }) });

/** `/users/me/passkeys`: the signed-in user's passkeys, behind a Bearer access token. */
export function passkeyRoutes(app: App, ctx: AppContext): void {
  const auth = { config: { auth: 'bearer' } } as const;
  const tags = ['passkeys'];

  app.post(
    '/users/me/passkeys/options',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Start adding a passkey: the WebAuthn creation options, after a fresh proof',
        description:
          'Prove it with exactly one of `password` or `token` (a verification token for the account phone): an access ' +
          'token alone never adds a passkey. A wrong password counts as a failed login. The challenge is used once and ' +
          'lives 5 minutes, for this session; pass the options to `startRegistration()` of `@simplewebauthn/browser`.',
        body: Type.Object({ password: Type.Optional(Password), token: Type.Optional(VerifyToken) }),
        response: { 200: CreationOptions, ...errorResponses('invalid_verify_token', 'login_locked', 'account_locked') },
      },
    },
    async (request) => registrationOptions(ctx, accountOf(request), request.body, request.clientIp),
  );

  app.post(
    '/users/me/passkeys',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Add a passkey: the registration response to the options',
        description: 'A response that does not verify, or a challenge that is used or expired, is a 400 on `response`.',
        body: Type.Object({
          response: RegistrationResponse,
          name: Type.Optional(Name('A name for it, at most 64 characters; none: "Passkey" and the date')),
        }),
        response: { 201: Passkey, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const lang = pickLanguage(request.headers['accept-language']);
      const added = await addPasskey(ctx, accountOf(request), request.body, { actor: 'user', ip: request.clientIp }, lang);
      return reply.code(201).send(passkeyShape(added));
    },
  );

  app.get(
    '/users/me/passkeys',
    { ...auth, schema: { tags, summary: "The user's passkeys, oldest first", response: { 200: Type.Array(Passkey), ...errorResponses() } } },
    async (request) => (await listPasskeys(ctx, accountOf(request).user.id)).map(passkeyShape),
  );

  app.patch(
    '/users/me/passkeys/:id',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Rename a passkey',
        params: PasskeyId,
        body: Type.Object({ name: Name('At most 64 characters once trimmed; not blank') }),
        response: { 200: Passkey, ...errorResponses('not_found') },
      },
    },
    async (request) => passkeyShape(await renamePasskey(ctx, accountOf(request).user.id, request.params.id, request.body.name)),
  );

  app.delete(
    '/users/me/passkeys/:id',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Remove a passkey; it signs in no more',
        params: PasskeyId,
        response: { 204: NoContent, ...errorResponses('not_found') },
      },
    },
    async (request, reply) => {
      await removePasskey(ctx, accountOf(request).user.id, request.params.id, { actor: 'user', ip: request.clientIp });
      return reply.code(204).send();
    },
  );
}
