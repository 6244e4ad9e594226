import { createHmac } from 'node:crypto';

/**
 * TOTP and base32 written from the RFCs with node:crypto alone, independent of the
 * service's library, so the tests check the service against the standards rather than
 * against itself.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648, section 6: base32 with its `=` padding. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

/** RFC 4648 base32 to bytes; padding optional, case-insensitive; throws on any other character. */
export function base32Decode(text: string): Buffer {
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const v = BASE32.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}

/** RFC 4226's HOTP with HMAC-SHA-1 and dynamic truncation. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238: the code of a base32 secret at Unix time `seconds` (T0 = 0, X = 30 s). */
export const totpAt = (secret: string, seconds: number, digits = 6) => hotp(base32Decode(secret), Math.floor(seconds / 30), digits);

/** The code of the step `steps` away from now. */
export const totpNow = (secret: string, steps = 0) => totpAt(secret, Date.now() / 1000 + steps * 30);

/** Seconds left in the current 30-second step. */
export const secondsLeftInStep = () => 30 - ((Date.now() / 1000) % 30);
