import { createHmac } from 'node:crypto';
import type { SmsSettings } from '../config.js';
import { SmsSendError, type SmsProvider } from './provider.js';
import { splitE164 } from './recipient.js';
import { field, httpFailure, parseJsonObject, providerWords } from './reply.js';
import { joinUrl, postToProvider } from './transport.js';

const NAME = 'naver-sens';

/**
 * Korean carriers take an SMS of up to 90 bytes and an LMS of up to 2,000 bytes, counted
 * in EUC-KR: one byte per ASCII character, two per Hangul syllable (SENS "메시지 발송",
 * https://api.ncloud-docs.com/docs/sens-sms-send). Longer SMS content is cut off, so the
 * type is chosen from the length.
 */
const SMS_MAX_BYTES = 90;
const LMS_MAX_BYTES = 2000;

/** The service ID goes into the signed path verbatim (`ncp:sms:kr:123456789012:name`), so it is checked, not escaped. */
const SERVICE_ID = /^[A-Za-z0-9:_.-]+$/;

/** Byte length as EUC-KR counts it: ASCII 1, anything else 2 (characters outside EUC-KR fail at SENS anyway). */
export function eucKrLength(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

/**
 * `x-ncp-apigw-signature-v2` as the NAVER Cloud API Gateway defines it
 * (https://api.ncloud-docs.com/docs/common-ncpapi): base64 of HMAC-SHA256, keyed with the
 * secret key, over `{METHOD} {path?query}\n{timestamp}\n{accessKey}`.
 */
export function sensSignature(secretKey: string, method: string, uri: string, timestamp: string, accessKey: string): string {
  return createHmac('sha256', secretKey).update(`${method} ${uri}\n${timestamp}\n${accessKey}`, 'utf8').digest('base64');
}

/**
 * NAVER Cloud Platform SENS, SMS API v2, "메시지 발송"
 * (https://api.ncloud-docs.com/docs/ai-application-service-sens-smsv2):
 *
 *   POST {NCP_SENS_BASE_URL}/sms/v2/services/{serviceId}/messages
 *   Content-Type: application/json; charset=utf-8
 *   x-ncp-apigw-timestamp: <ms since epoch>           (refused if 5+ minutes off)
 *   x-ncp-iam-access-key: <access key>
 *   x-ncp-apigw-signature-v2: <see sensSignature>
 *   {"type":"SMS","contentType":"COMM","countryCode":"82","from":"0212345678",
 *    "content":"…","messages":[{"to":"01012345678"}]}
 *
 * Accepted is `202` with `{"requestId","requestTime","statusCode":"202","statusName":"success"}`.
 * Gateway failures (bad signature, stale timestamp) come as `{"error":{"errorCode","message","details"}}`.
 */
export function createNaverSensProvider(settings: SmsSettings<'naverSens'>, timeoutMs: number): SmsProvider {
  const { accessKey, secretKey, serviceId, from, baseUrl } = settings;
  if (!SERVICE_ID.test(serviceId)) throw new Error('NCP_SENS_SERVICE_ID has characters a SENS service ID never has');
  const url = joinUrl(baseUrl, `/sms/v2/services/${serviceId}/messages`);
  // The signature covers the path as the gateway receives it, base-URL prefix included.
  const uri = url.pathname + url.search;
  // SENS takes the registered calling number as digits only.
  const sender = from.replace(/\D/g, '');

  return {
    name: NAME,
    async send(to, text) {
      const { countryCode, national } = splitE164(NAME, to);
      const bytes = eucKrLength(text);
      if (bytes > LMS_MAX_BYTES) {
        throw new SmsSendError(NAME, `text is ${bytes} bytes, over the ${LMS_MAX_BYTES}-byte LMS limit`);
      }
      const body = JSON.stringify({
        type: bytes > SMS_MAX_BYTES ? 'LMS' : 'SMS',
        contentType: 'COMM',
        countryCode,
        from: sender,
        content: text,
        messages: [{ to: national }],
      });
      // One timestamp for header and signature: the gateway recomputes it from the header.
      const timestamp = String(Date.now());
      const res = await postToProvider(
        NAME,
        url.toString(),
        {
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-ncp-apigw-timestamp': timestamp,
            'x-ncp-iam-access-key': accessKey,
            'x-ncp-apigw-signature-v2': sensSignature(secretKey, 'POST', uri, timestamp, accessKey),
          },
          body,
        },
        timeoutMs,
      );
      const reply = parseJsonObject(res.body);
      if (res.status !== 202) {
        const error = field(reply, 'error');
        const words = providerWords(
          error
            ? [error.errorCode, error.message, error.details]
            : [reply?.errorCode ?? reply?.statusCode, reply?.errorMessage ?? reply?.statusName],
          text,
        );
        throw new SmsSendError(NAME, httpFailure(res.status, words), res.status);
      }
      if (!reply) throw new SmsSendError(NAME, 'answered HTTP 202 with a body that is not a JSON object', res.status);
      if (reply.statusCode !== '202' || (reply.statusName !== undefined && reply.statusName !== 'success')) {
        const words = providerWords([reply.statusCode, reply.statusName], text);
        throw new SmsSendError(NAME, `answered HTTP 202 but not accepted (statusCode/statusName: ${words || 'missing'})`, res.status);
      }
    },
  };
}
