import { atLeast, captchaAction, fraction, hostList, httpUrl, int, oneOf } from './parsers.js';
import { unset, variable } from './variable.js';

/** The variables of the CAPTCHA that `POST /phone-verify` may ask for, and its verdict checks (docs/sms.md). */
export const captchaTable = {
  provider: variable('CAPTCHA_PROVIDER', oneOf('turnstile', 'hcaptcha', 'recaptcha'), unset('off'),
    '`turnstile`, `hcaptcha` or `recaptcha`: `POST /phone-verify` then needs a `captcha_token`, checked with the ' +
      'provider before anything is sent'),
  secret: variable('CAPTCHA_SECRET', atLeast(1), unset(), 'the CAPTCHA provider\'s secret key; required with `CAPTCHA_PROVIDER`'),
  verifyUrl: variable('CAPTCHA_VERIFY_URL', httpUrl, unset('the provider\'s siteverify endpoint'),
    'where tokens are checked'),
  hostnames: variable('CAPTCHA_HOSTNAMES', hostList, unset(),
    'comma list of the hostnames (or Android package names) the widget is served on; a token solved on any other ' +
      'site is refused. Required with `CAPTCHA_PROVIDER`'),
  action: variable('CAPTCHA_ACTION', captchaAction, 'phone_verify',
    'the action the widget names (Turnstile\'s and reCAPTCHA v3\'s `action`); a token solved for another is refused'),
  minScore: variable('CAPTCHA_MIN_SCORE', fraction, '0.5',
    'a token whose verdict carries a score below this is refused (reCAPTCHA v3; for hCaptcha Enterprise, whose ' +
      'score is a risk, 1 − score)'),
  siteKey: variable('CAPTCHA_SITE_KEY', atLeast(1), unset(),
    'the provider\'s site key, public, which the account pages render the widget with; required with ' +
      '`CAPTCHA_PROVIDER` while `ACCOUNT_PAGES=on`'),
  scriptUrl: variable('CAPTCHA_SCRIPT_URL', httpUrl, unset('the provider\'s widget script'),
    'the widget script the account pages load; with it set, its origin is the only one their CSP adds'),
  timeoutMs: variable('CAPTCHA_TIMEOUT_MS', int(1, 60_000), '5000',
    'a CAPTCHA provider slower than this is down: `POST /phone-verify` answers 503'),
};
