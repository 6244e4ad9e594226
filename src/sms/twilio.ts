import type { SmsSettings } from '../config.js';
import { SmsSendError, type SmsProvider } from './provider.js';
import { httpFailure, parseJsonObject, providerWords } from './reply.js';
import { joinUrl, postToProvider } from './transport.js';

const NAME = 'twilio';

/** A Messaging Service SID: Twilio takes it as `MessagingServiceSid` instead of `From`. */
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/**
 * Twilio error codes (https://www.twilio.com/docs/api/errors) that refuse the recipient, not
 * the request or the account: 21211 invalid 'To' number, 21217 and 21401 not a valid phone
 * number, 21407 a number type without SMS, 21610 unsubscribed (it answered STOP), 21612 not
 * reachable by SMS, 21614 not a mobile number. Another provider would have to refuse these
 * too (an opt-out must be honoured), so they do not fail over.
 */
const RECIPIENT_REFUSED = new Set([21211, 21217, 21401, 21407, 21610, 21612, 21614]);

/** Statuses a just-created Message can have that mean it will not go out. */
const FAILED_STATUSES = new Set(['failed', 'undelivered', 'canceled']);

/**
 * Twilio Programmable Messaging, "Create a Message" on the Message resource
 * (https://www.twilio.com/docs/messaging/api/message-resource):
 *
 *   POST {TWILIO_BASE_URL}/2010-04-01/Accounts/{AccountSid}/Messages.json
 *   Authorization: Basic base64(AccountSid:AuthToken)
 *   Content-Type: application/x-www-form-urlencoded   To=+8210…&From=…&Body=…
 *
 * The 2010 API answers XML unless the resource ends in `.json`
 * (https://www.twilio.com/docs/usage/twilios-response), hence `Messages.json`. A created
 * message is `201 Created` with the Message as JSON (`sid`, `status` = queued/accepted/…);
 * failures carry `{code, message, more_info, status}`.
 */
export function createTwilioProvider(settings: SmsSettings<'twilio'>, timeoutMs: number): SmsProvider {
  const { accountSid, authToken, from, baseUrl } = settings;
  const url = joinUrl(baseUrl, `/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`).toString();
  // HTTP Basic with the Account SID as user name and the Auth Token as password.
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64')}`;
  // TWILIO_FROM is a Twilio number (E.164), an alphanumeric sender ID, or a Messaging
  // Service SID; the last one goes in its own parameter.
  const sender: [string, string] = MESSAGING_SERVICE_SID.test(from) ? ['MessagingServiceSid', from] : ['From', from];

  return {
    name: NAME,
    async send(to, text) {
      // Twilio wants To in E.164, which is what the service stores; no reformatting.
      const body = new URLSearchParams([['To', to], sender, ['Body', text]]).toString();
      const res = await postToProvider(
        NAME,
        url,
        {
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body,
        },
        timeoutMs,
      );
      const reply = parseJsonObject(res.body);
      if (res.status !== 201) {
        // Twilio's error body: {"code": 21211, "message": "...", "more_info": "...", "status": 400}.
        const kind = res.status < 500 && RECIPIENT_REFUSED.has(Number(reply?.code)) ? 'refused' : 'outage';
        throw new SmsSendError(NAME, httpFailure(res.status, providerWords([reply?.code, reply?.message], text)), res.status, kind);
      }
      if (!reply) throw new SmsSendError(NAME, 'answered HTTP 201 with a body that is not a JSON object', res.status);
      if (typeof reply.sid !== 'string' || reply.sid === '') {
        throw new SmsSendError(NAME, 'answered HTTP 201 without a message sid', res.status);
      }
      if (typeof reply.status === 'string' && FAILED_STATUSES.has(reply.status)) {
        const words = providerWords([reply.error_code, reply.error_message], text);
        const kind = RECIPIENT_REFUSED.has(Number(reply.error_code)) ? 'refused' : 'outage';
        throw new SmsSendError(NAME, `created message ${reply.sid} as ${reply.status}${words ? ` (${words})` : ''}`, res.status, kind);
      }
    },
  };
}
