import type { FastifyBaseLogger } from 'fastify';
import type { SmsConfig } from '../config.js';
import { createConsoleProvider } from './console.js';
import { createNaverSensProvider } from './naver-sens.js';
import { createSolapiProvider } from './solapi.js';
import { createTwilioProvider } from './twilio.js';
import { createWebhookProvider } from './webhook.js';

/** One message to one E.164 number. Every provider implements just this. */
export interface SmsProvider {
  readonly name: string;
  /** Resolves once the provider accepted the message; throws SmsSendError otherwise. */
  send(to: string, text: string): Promise<void>;
}

/** Why a provider failed, for the log; never shown to clients and never holding the text. */
export class SmsSendError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'SmsSendError';
  }
}

export function createSmsProvider(config: SmsConfig, log: FastifyBaseLogger): SmsProvider {
  switch (config.provider) {
    case 'console':
      return createConsoleProvider(log);
    case 'webhook':
      return createWebhookProvider(config);
    case 'twilio':
      return createTwilioProvider(config);
    case 'naver-sens':
      return createNaverSensProvider(config);
    case 'solapi':
      return createSolapiProvider(config);
  }
}

/** `fetch` with the provider's time budget; any network failure or timeout becomes an SmsSendError. */
export async function postToProvider(
  provider: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, method: 'POST', redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new SmsSendError(provider, `no answer within ${timeoutMs} ms`);
    }
    throw new SmsSendError(provider, `request failed: ${(err as Error).message}`);
  }
  let body: string;
  try {
    body = await res.text();
  } catch (err) {
    throw new SmsSendError(provider, `reading the answer failed: ${(err as Error).message}`, res.status);
  }
  return { status: res.status, body };
}

export function renderSmsText(template: string, appName: string, code: string): string {
  return template.replaceAll('{app}', appName).replaceAll('{code}', code);
}
