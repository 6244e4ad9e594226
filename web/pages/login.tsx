import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { Link } from '../router.js';
import { api, loggedIn } from '../session.js';
import { CodeForm } from '../sms.js';
import { SocialButtons } from '../social.js';
import { Button, CodeField, Field, Form, Notice, Page } from '../ui.js';

type LoginAnswer = Awaited<ReturnType<typeof sendLogin>>;

const sendLogin = (body: { email?: string; phone_number?: string; password?: string; key?: string }) =>
  api.POST('/account/api/login', { body });

export function LoginPage({ ended }: { ended: boolean }) {
  const [method, setMethod] = useState<'password' | 'sms'>('password');
  const [mfaToken, setMfaToken] = useState<string | undefined>();

  /** Logged in, or asked for the second factor. */
  async function answered(result: LoginAnswer) {
    const data = result.data;
    if (!data) return;
    if ('mfa_token' in data) setMfaToken(data.mfa_token);
    else await loggedIn(data.access_token);
  }

  if (mfaToken) return <SecondFactor mfaToken={mfaToken} />;
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
  const { busy, problems, run } = useRequest(['email', 'phone_number', 'password']);

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
        autoComplete="username"
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

/** The second step of a login, whatever its first step was (a password, an SMS key, a social sign-in). */
export function SecondFactor({ mfaToken }: { mfaToken: string }) {
  const [code, setCode] = useState('');
  const { busy, problems, run } = useRequest(['code']);

  async function submit() {
    const result = await run('mfa', () => api.POST('/account/api/login/mfa', { body: { mfa_token: mfaToken, code: code.trim() } }));
    if (result?.data) await loggedIn(result.data.access_token);
  }

  return (
    <Page title={t('mfaTitle')}>
      <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
        <CodeField recovery id="mfa-code" label={t('authCode')} hint={t('mfaHint')} value={code} onInput={setCode} error={problems.fields.code} />
        <Button busy={busy === 'mfa'}>{t('verify')}</Button>
      </Form>
    </Page>
  );
}
