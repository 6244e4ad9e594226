import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, NoContent, Password, SecondFactorCode, VerifyToken } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { confirmTotp, disableTotp, startTotp } from './service.js';

/** The signed-in user's second factor: `/users/me/mfa/totp`, behind a Bearer access token. */
export function mfaRoutes(app: App, ctx: AppContext): void {
  const auth = { config: { auth: 'bearer' } } as const;
  const tags = ['mfa'];

  app.post(
    '/users/me/mfa/totp',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Start setting up an authenticator app (TOTP); pending until confirmed',
        description:
          'Prove it with exactly one of `password` or `token` (a verification token for the account phone, for accounts ' +
          'that sign in by SMS only). A wrong password counts as a failed login. Starting again replaces a pending secret.',
        body: Type.Object({ password: Type.Optional(Password), token: Type.Optional(VerifyToken) }),
        response: {
          201: Type.Object({
            secret: Type.String({ description: 'The secret, base32 (160 bits), for typing into the app', examples: ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'] }),
            otpauth_url: Type.String({
              description: 'The key URI for the QR code: `otpauth://totp/<APP_NAME>:<email>?secret=…&issuer=<APP_NAME>`',
              examples: ['otpauth://totp/User%20Demo:kim%40example.com?issuer=User%20Demo&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30'],
            }),
          }),
          ...errorResponses('invalid_verify_token', 'login_locked', 'account_locked'),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await startTotp(ctx, accountOf(request).user, request.body, request.clientIp)),
  );

  app.post(
    '/users/me/mfa/totp/confirm',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Turn the authenticator app on with a code from it; answers ten recovery codes, shown once',
        description: 'Every other session of the account ends, as with a password change.',
        body: Type.Object({ code: SecondFactorCode }),
        response: {
          200: Type.Object({
            recovery_codes: Type.Array(Type.String(), {
              minItems: 10,
              maxItems: 10,
              description: 'Each works once instead of a code from the app; only their HMACs are kept',
            }),
          }),
          ...errorResponses('mfa_locked'),
        },
      },
    },
    async (request) => confirmTotp(ctx, accountOf(request), request.body, { actor: 'user', ip: request.clientIp }),
  );

  app.delete(
    '/users/me/mfa/totp',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Turn the second factor off with a code from the app or a recovery code',
        body: Type.Object({ code: SecondFactorCode }),
        response: { 204: NoContent, ...errorResponses('mfa_locked', 'mfa_code_failures') },
      },
    },
    async (request, reply) => {
      await disableTotp(ctx, accountOf(request).user, request.body, { actor: 'user', ip: request.clientIp });
      return reply.code(204).send();
    },
  );
}
