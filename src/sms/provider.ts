/** What a provider may use besides the text: the key alone (an AlimTalk template's variable) and the text's language. */
export interface SmsDetails {
  key: string;
  lang: 'ko' | 'en';
}

/** One message to one E.164 number. Every provider implements just this. */
export interface SmsProvider {
  readonly name: string;
  /** Resolves once the provider accepted the message; throws SmsSendError otherwise. */
  send(to: string, text: string, details?: SmsDetails): Promise<void>;
}

/**
 * `refused`: the provider answered, and will not send to this number (invalid, opted out,
 * blocked); another provider would refuse it too, so nothing fails over. `outage`: anything
 * else (network, timeout, 5xx, authentication, an answer it should not give), which the
 * next provider may not share.
 */
export type SmsFailureKind = 'refused' | 'outage';

/** Why a provider failed, for the log; never shown to clients and never holding the text. */
export class SmsSendError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
    readonly kind: SmsFailureKind = 'outage',
  ) {
    super(`${provider}: ${message}`);
    this.name = 'SmsSendError';
  }
}
