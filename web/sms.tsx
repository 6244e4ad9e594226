import { useEffect, useState } from 'preact/hooks';
import { errorCode } from '../client/src/index.js';
import { useCaptcha } from './captcha.js';
import { clock, formatPhone, t } from './i18n.js';
import { useRequest } from './problems.js';
import { api } from './session.js';
import { settings } from './settings.js';
import { Button, CodeField, Field, Form, Notice } from './ui.js';

/** The current time; while `active` the component renders again every second to show it. */
function useClock(active: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return Date.now();
}

type Answer = { error?: unknown; response: Response };

interface CodeFormProps<R extends Answer> {
  id: string;
  /** The account's own phone, shown instead of asked for. */
  fixedPhone?: string | undefined;
  submitLabel: string;
  /** What the phone and its key are for: confirming the phone, or logging in with it. */
  submit: (phone: string, key: string) => Promise<R>;
  done: (result: R, phone: string) => void | Promise<void>;
}

/**
 * Asks for a phone number (and, with CAPTCHA_PROVIDER, the widget's token), sends it a key,
 * and takes the key. Shows how long the key
 * lives (PHONE_VERIFY_CODE_TTL_SECONDS) and when a new one may be asked for
 * (OTP_RESEND_COOLDOWN_SECONDS, or the Retry-After of a 429).
 */
export function CodeForm<R extends Answer>({ id, fixedPhone, submitLabel, submit, done }: CodeFormProps<R>) {
  const [phone, setPhone] = useState(fixedPhone ?? '');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | undefined>();
  const [expiresAt, setExpiresAt] = useState(0);
  const [resendAt, setResendAt] = useState(0);
  const sending = useRequest(['phone_number', 'captcha_token']);
  const captcha = useCaptcha(id, sending.problems.fields.captcha_token);
  const checking = useRequest(['key']);
  const now = useClock(expiresAt > Date.now() || resendAt > Date.now());
  const waitSeconds = Math.ceil((resendAt - now) / 1000);

  async function send() {
    const started = Date.now();
    const captchaToken = captcha.token;
    const body = { phone_number: phone, ...(captchaToken ? { captcha_token: captchaToken } : {}) };
    const result = await sending.run('send', () => api.POST('/api/v1/phone-verify', { body }));
    // A token is good for one request, whatever became of it.
    if (captchaToken) captcha.reset();
    const retryAfter = Number(result?.response.headers.get('retry-after'));
    // Every refusal that names a wait: the cooldown, the caps, and the service's own pauses (503s).
    const code = errorCode(result?.error);
    const waits = code === 'resend_cooldown' || code === 'throttled' || code === 'sms_spend_cap' || code === 'sms_country_paused';
    if (waits && retryAfter > 0) setResendAt(started + retryAfter * 1000);
    if (!result?.response.ok) return;
    setSentTo(phone);
    setCode('');
    setExpiresAt(started + settings.codeTtlSeconds * 1000);
    setResendAt(started + settings.resendCooldownSeconds * 1000);
  }

  // The key is what the user types next.
  useEffect(() => {
    if (expiresAt) document.getElementById(`${id}-code`)?.focus();
  }, [expiresAt]);

  async function check() {
    const result = await checking.run('check', () => submit(sentTo ?? phone, code.trim()));
    if (result?.response.ok) await done(result, sentTo ?? phone);
  }

  const expired = sentTo !== undefined && now >= expiresAt;
  return (
    <div class="code-form">
      <Form onSubmit={send} busy={Boolean(sending.busy)} problems={sending.problems}>
        <Field
          id={`${id}-phone`}
          label={t('phoneNumber')}
          type="tel"
          inputMode="tel"
          autoComplete={fixedPhone ? 'off' : 'tel-national'}
          value={fixedPhone ? formatPhone(fixedPhone) : phone}
          onInput={setPhone}
          readOnly={Boolean(fixedPhone)}
          hint={fixedPhone ? undefined : t('phoneHint')}
          error={sending.problems.fields.phone_number}
          maxLength={64}
        />
        {captcha.element}
        <Button kind={sentTo ? 'secondary' : 'primary'} busy={sending.busy === 'send'} disabled={waitSeconds > 0}>
          {sentTo ? t('resendCode') : t('sendCode')}
        </Button>
        {waitSeconds > 0 && (
          <p class="hint" role="timer">
            {t('resendIn', { seconds: waitSeconds })}
          </p>
        )}
      </Form>
      {sentTo !== undefined && (
        <Form onSubmit={check} busy={Boolean(checking.busy)} problems={checking.problems}>
          <p class="notice" role="status">
            {t('codeSent', { phone: formatPhone(sentTo) })}
          </p>
          <CodeField id={`${id}-code`} label={t('verificationCode')} value={code} onInput={setCode} error={checking.problems.fields.key} />
          <p class={expired ? 'hint expired' : 'hint'} role="timer">
            {expired ? t('codeExpired') : t('codeExpiresIn', { time: clock((expiresAt - now) / 1000) })}
          </p>
          <Button busy={checking.busy === 'check'}>{submitLabel}</Button>
        </Form>
      )}
    </div>
  );
}

/** Confirms a phone: `onVerified` gets the one-time verification token. */
export function PhoneVerify({
  id,
  fixedPhone,
  onVerified,
}: {
  id: string;
  fixedPhone?: string | undefined;
  onVerified: (token: string, phone: string) => void;
}) {
  return (
    <CodeForm
      id={id}
      fixedPhone={fixedPhone}
      submitLabel={t('verify')}
      submit={(phone, key) => api.POST('/api/v1/phone-verify/confirm', { body: { phone_number: phone, key } })}
      done={(result, phone) => {
        if (result.data) onVerified(result.data.token, phone);
      }}
    />
  );
}

export interface VerifiedPhone {
  token: string;
  phone: string;
}

/** A form's phone step: the key flow until the phone is confirmed, then the number with a way to pick another. */
export function PhoneStep({ id, verified, onChange }: { id: string; verified: VerifiedPhone | undefined; onChange: (verified: VerifiedPhone | undefined) => void }) {
  if (!verified) return <PhoneVerify id={id} onVerified={(token, phone) => onChange({ token, phone })} />;
  return (
    <div class="verified">
      <Notice>{t('phoneVerified', { phone: formatPhone(verified.phone) })}</Notice>
      <Button type="button" kind="link" onClick={() => onChange(undefined)}>
        {t('useAnotherNumber')}
      </Button>
    </div>
  );
}
