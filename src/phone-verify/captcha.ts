import type { AppContext } from '../context.js';
import { ApiError, ValidationError } from '../http/errors.js';

type CaptchaProvider = 'turnstile' | 'hcaptcha' | 'recaptcha';

/** Each provider's documented siteverify endpoint, used unless CAPTCHA_VERIFY_URL names another. */
export const SITEVERIFY: Record<CaptchaProvider, string> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
  recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
};

/**
 * The error codes that blame the token (missing, malformed, expired, already used): the
 * client's to fix with a new CAPTCHA. Any other code (a bad secret, `bad-request`,
 * Turnstile's `internal-error`, hCaptcha's `sitekey-secret-mismatch`) is ours or the
 * provider's, and the answer is a 503 rather than blaming the user.
 */
const TOKEN_CODES = new Set([
  'missing-input-response',
  'invalid-input-response',
  'timeout-or-duplicate',
  'expired-input-response',
  'already-seen-response',
]);

/**
 * Checks `token` with CAPTCHA_PROVIDER before anything is sent. All three document the same
 * siteverify call (Turnstile's "Validate the token", hCaptcha's "Verify the user response
 * server side", reCAPTCHA's "Verifying the user's response"): a POST of `secret`,
 * `response` and, optionally, `remoteip`, form-encoded, answered with JSON whose `success`
 * says the token is real. A real token passes only if the verdict also says it was solved
 * here, for this, by a person (see {@link judge}). A missing or refused token is a 400 on
 * `captcha_token`; a provider that does not answer, or answers anything but that JSON, is
 * a 503: never a pass.
 */
export async function checkCaptcha(ctx: AppContext, token: string | undefined, ip: string): Promise<void> {
  const { provider, secret, verifyUrl, timeoutMs } = ctx.config.captcha;
  if (provider === undefined || secret === undefined) return;
  if (token === undefined || token.trim() === '') throw ValidationError.field('captcha_token', 'captcha_required');
  const result = await siteverify(verifyUrl ?? SITEVERIFY[provider], { secret, response: token, remoteip: ip }, timeoutMs);
  if (result.passed) {
    const refusal = judge(ctx, provider, result.reply);
    if (refusal === undefined) {
      ctx.metrics?.captcha.inc({ provider, result: 'passed' });
      return;
    }
    ctx.metrics?.captcha.inc({ provider, result: refusal });
    ctx.log.debug({ provider, refusal, hostname: result.reply.hostname, action: result.reply.action, score: result.reply.score },
      'CAPTCHA token real but refused');
    throw ValidationError.field('captcha_token', 'captcha_invalid');
  }
  if (result.refused) {
    ctx.metrics?.captcha.inc({ provider, result: 'refused' });
    throw ValidationError.field('captcha_token', 'captcha_invalid');
  }
  ctx.metrics?.captcha.inc({ provider, result: 'unavailable' });
  ctx.log.error({ provider, reason: result.reason }, 'CAPTCHA provider unavailable; POST /phone-verify answers 503');
  throw new ApiError('captcha_unavailable');
}

/**
 * What a successful verdict must also say, as each provider documents its fields: that the
 * token was solved on one of CAPTCHA_HOSTNAMES (`hostname`, or reCAPTCHA Android's
 * `apk_package_name`: a token solved on any other site that shares the key is refused), for
 * CAPTCHA_ACTION (Turnstile's and reCAPTCHA v3's `action`, which they recommend checking;
 * reCAPTCHA v3 must name one), and, where the verdict is a score, at least
 * CAPTCHA_MIN_SCORE (reCAPTCHA v3: 1.0 is very likely a person, Google suggests 0.5;
 * hCaptcha Enterprise's `score` is a risk, 1.0 a confirmed threat, so 1 − score counts).
 * Answers why it refuses, or undefined.
 */
function judge(ctx: AppContext, provider: CaptchaProvider, reply: Reply): 'wrong_hostname' | 'wrong_action' | 'low_score' | undefined {
  const { hostnames, action, minScore } = ctx.config.captcha;
  const site = typeof reply.hostname === 'string' ? reply.hostname : reply.apk_package_name;
  if (typeof site !== 'string' || !(hostnames ?? []).includes(site.toLowerCase())) return 'wrong_hostname';
  const scored = provider !== 'turnstile' && reply.score !== undefined;
  if (reply.action !== undefined || (provider === 'recaptcha' && scored)) {
    if (reply.action !== action) return 'wrong_action';
  }
  if (scored) {
    if (typeof reply.score !== 'number' || !Number.isFinite(reply.score)) return 'low_score';
    const human = provider === 'hcaptcha' ? 1 - reply.score : reply.score;
    if (human < minScore) return 'low_score';
  }
  return undefined;
}

/** The fields of a siteverify answer that {@link judge} reads; any may be missing or of another type. */
interface Reply {
  hostname?: unknown;
  apk_package_name?: unknown;
  action?: unknown;
  score?: unknown;
}

type Verdict =
  | { passed: true; reply: Reply }
  | { passed: false; refused: true }
  | { passed: false; refused: false; reason: string };
async function siteverify(url: string, form: Record<string, string>, timeoutMs: number): Promise<Verdict> {
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    return { passed: false, refused: false, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    reply = undefined;
  }
  if (status !== 200 || typeof reply !== 'object' || reply === null || typeof (reply as { success?: unknown }).success !== 'boolean') {
    return { passed: false, refused: false, reason: `answered HTTP ${status} without a siteverify verdict` };
  }
  const { success } = reply as { success: boolean };
  const rawCodes = (reply as Record<string, unknown>)['error-codes'];
  const codes = Array.isArray(rawCodes) ? rawCodes.filter((c): c is string => typeof c === 'string') : [];
  if (success) return { passed: true, reply: reply as Reply };
  const ours = codes.filter((c) => !TOKEN_CODES.has(c));
  if (ours.length > 0) return { passed: false, refused: false, reason: `error-codes ${ours.slice(0, 5).join(', ').slice(0, 200)}` };
  return { passed: false, refused: true };
}
