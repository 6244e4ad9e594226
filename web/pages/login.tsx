import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { Link } from '../router.js';
import { PasskeyButton, usePasskeyAutofill } from '../passkey-login.js';
import { api, loggedIn } from '../session.js';
import { CodeForm } from '../sms.js';
import { SocialButtons } from '../social.js';
import { Button, CodeField, Field, Form, Notice, Page } from '../ui.js';
import { assertPasskey, passkeyProblem, wasAborted } from '../webauthn.js';

type LoginAnswer = Awaited<ReturnType<typeof sendLogin>>;
/** The first step's `mfa_required` answer, which every way in that reaches a second factor gives. */
export type MfaChallenge = Extract<NonNullable<LoginAnswer['data']>, { mfa_token: string }>;

const sendLogin = (body: { email?: string; phone_number?: string; password?: string; key?: string }) =>
  api.POST('/account/api/login', { body });

export function LoginPage({ ended }: { ended: boolean }) {
  const [method, setMethod] = useState<'password' | 'sms'>('password');
  const [mfa, setMfa] = useState<MfaChallenge | undefined>();

  /** Logged in, or asked for the second factor. */
  async function answered(result: LoginAnswer) {
    const data = result.data;
    if (!data) return;
    if ('mfa_token' in data) setMfa(data);
    else await loggedIn(data.access_token);
  }

  if (mfa) return <SecondFactor challenge={mfa} />;
  return (
    <Page title={t('loginTitle')}>
      {ended && <Notice>{t('sessionEnded')}</Notice>}
      <SocialButtons />
      <fieldset class="choice">
        <legend>{t('loginWith')}</legend>
        {(['password', 'sms'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="login-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
            {m === 'password' ? t('withPassword') : t('withSms')}
          </label>
        ))}
      </fieldset>
      {method === 'password' ? (
        <PasswordLogin answered={answered} />
      ) : (
        <CodeForm
          id="login-sms"
          submitLabel={t('logIn')}
          submit={(phone, key) => sendLogin({ phone_number: phone, key })}
          done={answered}
        />
      )}
      <PasskeyButton />
      <p class="links">
        {t('noAccount')} <Link to="signup">{t('signupTitle')}</Link>
        <br />
        <Link to="reset">{t('forgotPassword')}</Link>
      </p>
    </Page>
  );
}

function PasswordLogin({ answered }: { answered: (result: LoginAnswer) => Promise<void> }) {
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const { busy, problems, run, setProblems } = useRequest(['email', 'phone_number', 'password']);
  usePasskeyAutofill(setProblems);

  async function submit() {
    const id = identifier.trim();
    const body = id.includes('@') ? { email: id, password } : { phone_number: id, password };
    const result = await run('login', () => sendLogin(body));
    if (result?.response.ok) await answered(result);
  }

  return (
    <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
      <Field
        id="login-identifier"
        label={t('identifier')}
        // The browser may offer the person's passkeys among this field's suggestions.
        autoComplete="username webauthn"
        value={identifier}
        onInput={setIdentifier}
        error={problems.fields.email ?? problems.fields.phone_number}
        maxLength={254}
      />
      <Field
        id="login-password"
        label={t('password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
        error={problems.fields.password}
      />
      <Button busy={busy === 'login'}>{t('logIn')}</Button>
    </Form>
  );
}

/** The second step of a login, whatever its first step was (a password, an SMS key, a passkey-less social sign-in). */
export function SecondFactor({ challenge }: { challenge: MfaChallenge }) {
  const mfaToken = challenge.mfa_token;
  const [code, setCode] = useState('');
  const { busy, problems, run, setProblems } = useRequest(['code']);

  async function submit() {
    const result = await run('mfa', () => api.POST('/account/api/login/mfa', { body: { mfa_token: mfaToken, code: code.trim() } }));
    if (result?.data) await loggedIn(result.data.access_token);
  }

  /** The passkey the first step's options name answers instead of a code. */
  async function withPasskey(options: NonNullable<MfaChallenge['passkey_options']>) {
    let passkey: Awaited<ReturnType<typeof assertPasskey>>;
    try {
      passkey = await assertPasskey(options);
    } catch (err) {
      if (!wasAborted(err)) setProblems({ fields: {}, form: passkeyProblem(err) });
      return;
    }
    const result = await run('passkey', () => api.POST('/account/api/login/mfa', { body: { mfa_token: mfaToken, passkey: passkey as never } }));
    if (result?.data) await loggedIn(result.data.access_token);
  }

  const options = challenge.methods.includes('passkey') ? challenge.passkey_options : undefined;
  return (
    <Page title={t('mfaTitle')}>
      <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
        <CodeField recovery id="mfa-code" label={t('authCode')} hint={t('mfaHint')} value={code} onInput={setCode} error={problems.fields.code} />
        <Button busy={busy === 'mfa'}>{t('verify')}</Button>
      </Form>
      {options && (
        <div class="passkey-sign-in">
          <Button type="button" kind="secondary" busy={busy === 'passkey'} onClick={() => void withPasskey(options)}>
            {t('passkeyInstead')}
          </Button>
        </div>
      )}
    </Page>
  );
}
