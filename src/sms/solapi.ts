import { createHmac, randomBytes } from 'node:crypto';
import type { SmsSettings } from '../config.js';
import { SmsSendError, type SmsProvider } from './provider.js';
import { splitE164 } from './recipient.js';
import { httpFailure, parseJsonObject, providerWords } from './reply.js';
import { joinUrl, postToProvider } from './transport.js';

const NAME = 'solapi';

/** SOLAPI's status for a message it took: "정상 접수(이통사로 접수 예정)". */
const ACCEPTED = '2000';

/**
 * SOLAPI's `Authorization` header (https://developers.solapi.dev/references/authentication/api-key,
 * formerly https://docs.solapi.com/authentication/api-key):
 *
 *   HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<12-64 random bytes>, signature=<hex>
 *
 * where signature = hex HMAC-SHA256 keyed with the API secret over `date + salt`. SOLAPI
 * refuses a date more than 15 minutes off and any signature seen in the last 15 minutes,
 * so every request gets a fresh date and salt.
 */
export function solapiAuthorization(apiKey: string, apiSecret: string, now = new Date()): string {
  // The documented example has no fraction of a second (2019-07-01T00:41:48Z); keep to it.
  const date = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const salt = randomBytes(16).toString('hex'); // 32 characters, inside 12-64.
  const signature = createHmac('sha256', apiSecret).update(date + salt, 'utf8').digest('hex');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
}

/**
 * SOLAPI messages v4, "단일 메시지" (https://docs.solapi.com/api-reference/messages/sendsimplemessage):
 *
 *   POST {SOLAPI_BASE_URL}/messages/v4/send
 *   Content-Type: application/json
 *   {"message": {"to": "01012345678", "from": "029302266", "text": "…"}}
 *
 * This is the documented endpoint for exactly one message (send-many and send-many/detail
 * exist for batches). Without `type`, SOLAPI picks SMS or LMS from the length
 * (`autoTypeDetect` defaults to true). A message it took is `200` with
 * `{"groupId","messageId","statusCode":"2000",…}`; failures are `{"errorCode","errorMessage"}`.
 *
 * With SOLAPI_KAKAO_PF_ID and SOLAPI_KAKAO_TEMPLATE_ID, a key to a Korean number goes as a
 * KakaoTalk AlimTalk instead, on the same endpoint: `type: "ATA"` and `kakaoOptions` with
 * the channel's `pfId`, the approved `templateId`, the template's `variables`
 * (`{"#{인증번호}": "123456"}`, values as strings) and `disableSms: false`, so SOLAPI
 * sends `text` as an SMS when the AlimTalk cannot be delivered (no KakaoTalk, blocked
 * channel). AlimTalk reaches Korean numbers only; others still get an SMS.
 */
export function createSolapiProvider(settings: SmsSettings<'solapi'>, timeoutMs: number): SmsProvider {
  const { apiKey, apiSecret, from, baseUrl, kakaoPfId, kakaoTemplateId, kakaoKeyVariable } = settings;
  const url = joinUrl(baseUrl, '/messages/v4/send').toString();
  // SOLAPI asks for numbers without '-' or other symbols.
  const sender = from.replace(/\D/g, '');

  return {
    name: NAME,
    async send(to, text, details) {
      const { countryCode, national } = splitE164(NAME, to);
      // `country` defaults to 82 and is documented for abroad (1, 86, 81, …); the number
      // itself is then given without the country code.
      const message: Record<string, unknown> = { to: national, from: sender, text };
      if (countryCode !== '82') message.country = countryCode;
      if (countryCode === '82' && kakaoPfId && kakaoTemplateId && details) {
        message.type = 'ATA';
        message.kakaoOptions = {
          pfId: kakaoPfId,
          templateId: kakaoTemplateId,
          variables: { [`#{${kakaoKeyVariable}}`]: details.key },
          disableSms: false,
        };
      }
      const res = await postToProvider(
        NAME,
        url,
        {
          headers: {
            authorization: solapiAuthorization(apiKey, apiSecret),
            'content-type': 'application/json',
          },
          body: JSON.stringify({ message }),
        },
        timeoutMs,
      );
      const reply = parseJsonObject(res.body);
      if (res.status !== 200) {
        throw new SmsSendError(NAME, httpFailure(res.status, providerWords([reply?.errorCode, reply?.errorMessage], text)), res.status);
      }
      if (!reply) throw new SmsSendError(NAME, 'answered HTTP 200 with a body that is not a JSON object', res.status);
      if (reply.statusCode !== ACCEPTED) {
        const words = providerWords([reply.statusCode, reply.statusMessage], text);
        throw new SmsSendError(NAME, `answered HTTP 200 but did not accept the message (${words || 'no statusCode'})`, res.status);
      }
    },
  };
}
