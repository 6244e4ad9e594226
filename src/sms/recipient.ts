import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { SmsSendError } from './provider.js';

export interface Recipient {
  /** Country calling code without `+`: `82`. */
  countryCode: string;
  /**
   * Digits only. For Korea, the domestic form with the trunk prefix (`01012345678`),
   * which is what SENS and SOLAPI document for `to`; elsewhere the national significant
   * number (no trunk prefix), because the country code is sent in its own field.
   */
  national: string;
}

/** Splits an E.164 number (`+821012345678`) for gateways that take country code and number apart. */
export function splitE164(provider: string, e164: string): Recipient {
  const parsed = e164.startsWith('+') && e164.length <= 20 ? parsePhoneNumberFromString(e164) : undefined;
  if (!parsed) throw new SmsSendError(provider, 'recipient is not an E.164 number');
  const countryCode = String(parsed.countryCallingCode);
  const national =
    countryCode === '82' ? parsed.format('NATIONAL').replace(/\D/g, '') : String(parsed.nationalNumber);
  return { countryCode, national };
}
