/**
 * Reading a provider's reply, for the HTTP providers: its JSON, and its error words quoted
 * without leaking the SMS.
 */

/** The reply parsed as a JSON object, or undefined for anything else (HTML error pages, `null`, arrays, …). */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `obj[key]` when it is an object, for reading nested error envelopes safely. */
export function field(obj: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const v = obj?.[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const MAX_WORDS = 200;

/**
 * A provider's own description of a failure (codes and messages taken from its reply),
 * made fit for the log. The SMS holds the verification key, and some gateways echo the
 * request back in their error messages, so the text and every run of 4+ digits in it are
 * cut out before the words go anywhere; control characters are flattened and the result
 * is bounded so a hostile or broken reply cannot flood the log. Returns '' when the reply
 * said nothing usable.
 */
export function providerWords(parts: unknown[], text: string): string {
  let words = parts
    .filter((p) => typeof p === 'string' || typeof p === 'number')
    .map(String)
    .join(' ')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const secrets = [text.trim(), ...(text.match(/\d{4,}/g) ?? [])]
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) words = words.split(secret).join('[redacted]');
  return words.length > MAX_WORDS ? `${words.slice(0, MAX_WORDS)}…` : words;
}

/** "answered HTTP 400 (21211 Invalid 'To' Phone Number)": the reason an SmsSendError carries. */
export function httpFailure(status: number, words: string): string {
  return words ? `answered HTTP ${status} (${words})` : `answered HTTP ${status}`;
}
