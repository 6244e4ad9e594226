import { useState } from 'preact/hooks';
import { formatPhone, t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { api, authed, updateUser, type User } from '../session.js';
import { Button, Field, Form, Notice, Page } from '../ui.js';

export function ProfilePage({ user }: { user: User }) {
  const [name, setName] = useState(user.name ?? '');
  const [nickname, setNickname] = useState(user.nickname ?? '');
  const [saved, setSaved] = useState(false);
  const { busy, problems, run } = useRequest(['name', 'nickname']);

  async function submit() {
    setSaved(false);
    const result = await run('save', () => authed(() => api.PATCH('/api/v1/users/me', { body: { name, nickname } })));
    if (!result?.data) return;
    updateUser(result.data);
    setSaved(true);
  }

  return (
    <Page title={t('profileTitle')}>
      <p>{t('profileIntro')}</p>
      <dl class="facts">
        <dt>{t('email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('phoneNumber')}</dt>
        <dd>{formatPhone(user.phone_number)}</dd>
      </dl>
      <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
        <Field id="profile-name" label={t('name')} autoComplete="name" optional value={name} onInput={setName} error={problems.fields.name} maxLength={255} />
        <Field
          id="profile-nickname"
          label={t('nickname')}
          autoComplete="nickname"
          optional
          value={nickname}
          onInput={setNickname}
          error={problems.fields.nickname}
          maxLength={255}
        />
        {saved && <Notice>{t('saved')}</Notice>}
        <Button busy={busy === 'save'}>{t('save')}</Button>
      </Form>
    </Page>
  );
}
