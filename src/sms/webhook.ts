import { createHmac } from 'node:crypto';
import type { SmsSettings } from '../config.js';
import { SmsSendError, type SmsProvider } from './provider.js';
import { postToProvider } from './transport.js';

/**
 * POSTs `{"to", "text"}` to SMS_WEBHOOK_URL. With SMS_WEBHOOK_SECRET, the receiver can
 * check `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. Any 2xx is success.
 */
export function createWebhookProvider({ url, secret }: SmsSettings<'webhook'>, timeoutMs: number): SmsProvider {
  return {
    name: 'webhook',
    async send(to, text) {
      const body = JSON.stringify({ to, text });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret) headers['x-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const res = await postToProvider('webhook', url, { headers, body }, timeoutMs);
      if (res.status < 200 || res.status >= 300) {
        throw new SmsSendError('webhook', `answered HTTP ${res.status}`, res.status);
      }
    },
  };
}
