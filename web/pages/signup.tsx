import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { Link } from '../router.js';
import { offerPasskey } from '../passkeys.js';
import { api, loggedIn } from '../session.js';
import { PhoneStep, type VerifiedPhone } from '../sms.js';
import { Button, EmailField, Field, Form, NewPasswordField, Page } from '../ui.js';

/** Verified phone first, then the account; a successful sign-up logs in at once. */
export function SignupPage() {
  const [verified, setVerified] = useState<VerifiedPhone | undefined>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [nickname, setNickname] = useState('');
  const { busy, problems, run } = useRequest(['email', 'password', 'name', 'nickname', 'phone_number']);

  async function submit() {
    if (!verified) return;
    const created = await run('signup', () =>
      api.POST('/api/v1/users', {
        body: { email: email.trim(), password, phone_number: verified.phone, token: verified.token, name, nickname },
      }),
    );
    if (!created?.data) return;
    const login = await run('signup', () => api.POST('/account/api/login', { body: { email: email.trim(), password } }));
    if (!login?.data || !('access_token' in login.data)) return;
    // The password just chosen proves it is them: the first page offers a passkey at once.
    offerPasskey(password);
    await loggedIn(login.data.access_token);
  }

  return (
    <Page title={t('signupTitle')}>
      <section aria-labelledby="signup-phone-title">
        <h2 id="signup-phone-title">{t('signupPhoneStep')}</h2>
        <PhoneStep id="signup" verified={verified} onChange={setVerified} />
      </section>
      {verified && (
        <section aria-labelledby="signup-account-title">
          <h2 id="signup-account-title">{t('signupAccountStep')}</h2>
          <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
            <EmailField id="signup-email" value={email} onInput={setEmail} error={problems.fields.email} />
            <NewPasswordField id="signup-password" label={t('password')} value={password} onInput={setPassword} error={problems.fields.password} />
            <Field id="signup-name" label={t('name')} autoComplete="name" optional value={name} onInput={setName} error={problems.fields.name} maxLength={255} />
            <Field
              id="signup-nickname"
              label={t('nickname')}
              autoComplete="nickname"
              optional
              value={nickname}
              onInput={setNickname}
              error={problems.fields.nickname}
              maxLength={255}
            />
            <Button busy={busy === 'signup'}>{t('signUp')}</Button>
          </Form>
        </section>
      )}
      <p class="links">
        {t('haveAccount')} <Link to="login">{t('loginTitle')}</Link>
      </p>
    </Page>
  );
}
