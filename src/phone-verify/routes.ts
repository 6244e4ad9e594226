import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { pickLanguage } from '../http/messages.js';
import { errorResponses, NoContent, PhoneNumber, SmsKey } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { confirmSmsKey, sendSmsKey } from './service.js';

export function phoneVerifyRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/phone-verify',
    {
      schema: {
        tags: ['phone-verify'],
        summary: 'Send a 6-digit key by SMS',
        body: Type.Object({
          phone_number: PhoneNumber,
          captcha_token: Type.Optional(
            Type.String({ maxLength: 8192, description: 'The CAPTCHA widget\'s token; required when CAPTCHA_PROVIDER is set' }),
          ),
        }),
        response: {
          201: NoContent,
          ...errorResponses('resend_cooldown', 'throttled', 'sms_unavailable', 'sms_spend_cap', 'sms_country_paused', 'captcha_unavailable'),
        },
      },
    },
    async (request, reply) => {
      await sendSmsKey(ctx, request.body, { ip: request.clientIp, lang: pickLanguage(request.headers['accept-language']) });
      return reply.code(201).send();
    },
  );

  app.post(
    '/phone-verify/confirm',
    {
      schema: {
        tags: ['phone-verify'],
        summary: 'Confirm the key; get a one-time verification token',
        body: Type.Object({ phone_number: PhoneNumber, key: SmsKey }),
        response: {
          200: Type.Object({
            phone_number: Type.String({ examples: ['01012345678'] }),
            is_verified: Type.Boolean(),
            token: Type.String({ examples: ['215c28eeae484eb2b86e134a4fbc66d8'] }),
          }),
          ...errorResponses('sms_key_not_valid', 'sms_key_failures'),
        },
      },
    },
    async (request) => confirmSmsKey(ctx, request.body, request.clientIp),
  );
}
