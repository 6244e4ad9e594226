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
