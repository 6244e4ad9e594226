import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { Link } from '../router.js';
import { api } from '../session.js';
import { PhoneStep, type VerifiedPhone } from '../sms.js';
import { Button, EmailField, Form, NewPasswordField, Notice, Page } from '../ui.js';

/** Forgotten password: the account's phone proves it is theirs (POST /users/find-password). */
export function ResetPage() {
  const [verified, setVerified] = useState<VerifiedPhone | undefined>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, problems, run } = useRequest(['email', 'password']);

  async function submit() {
    if (!verified) return;
    const result = await run('reset', () =>
      api.POST('/api/v1/users/find-password', { body: { email: email.trim(), password, token: verified.token } }),
    );
    if (result?.response.ok) setDone(true);
  }

  if (done) {
    return (
      <Page title={t('resetTitle')}>
        <Notice>{t('passwordReset')}</Notice>
        <p class="links">
          <Link to="login">{t('logIn')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('resetTitle')}>
      <p>{t('resetIntro')}</p>
      <PhoneStep id="reset" verified={verified} onChange={setVerified} />
      {verified && (
        <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
          <EmailField id="reset-email" value={email} onInput={setEmail} error={problems.fields.email} />
          <NewPasswordField id="reset-password" label={t('newPassword')} value={password} onInput={setPassword} error={problems.fields.password} />
          <Button busy={busy === 'reset'}>{t('resetPassword')}</Button>
        </Form>
      )}
      <p class="links">
        <Link to="login">{t('loginTitle')}</Link>
      </p>
    </Page>
  );
}
