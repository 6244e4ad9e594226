import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { api, authed } from '../session.js';
import { Button, Field, Form, NewPasswordField, Notice, Page } from '../ui.js';

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { busy, problems, run } = useRequest(['current_password', 'new_password']);

  async function submit() {
    setDone(false);
    const result = await run('change', () =>
      authed(() => api.POST('/api/v1/users/me/password', { body: { current_password: current, new_password: next } })),
    );
    if (!result?.response.ok) return;
    setCurrent('');
    setNext('');
    setDone(true);
  }

  return (
    <Page title={t('passwordTitle')}>
      <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
        <Field
          id="password-current"
          label={t('currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onInput={setCurrent}
          error={problems.fields.current_password}
        />
        <NewPasswordField id="password-new" label={t('newPassword')} value={next} onInput={setNext} error={problems.fields.new_password} />
        {done && <Notice>{t('passwordChanged')}</Notice>}
        <Button busy={busy === 'change'}>{t('changePassword')}</Button>
      </Form>
    </Page>
  );
}
