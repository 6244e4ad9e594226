import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { ProofChooser, ProofField, useProof } from '../proof.js';
import { Link, navigate } from '../router.js';
import { api, authed, closed, type User } from '../session.js';
import { Button, Form, Page } from '../ui.js';

/** Withdrawal (DELETE /users/me), proven by the password or by the account's phone. */
export function DeletePage({ user }: { user: User }) {
  const proof = useProof();
  const [understood, setUnderstood] = useState(false);
  const { busy, problems, setProblems, run } = useRequest(['password', 'understood']);

  async function submit() {
    if (!understood) return setProblems({ fields: { understood: t('deleteTickBox') }, form: undefined });
    if (!proof.ready) return setProblems({ fields: {}, form: t('verifyFirst') });
    const body = proof.mode === 'password' ? { password: proof.password } : { token: proof.token! };
    const result = await run('delete', () => authed(() => api.DELETE('/api/v1/users/me', { body })));
    if (!result?.response.ok) return;
    navigate('deleted', { replace: true });
    await closed();
  }

  return (
    <Page title={t('deleteTitle')}>
      <p class="warning">{t('deleteWarning')}</p>
      <ProofChooser id="delete" proof={proof} phone={user.phone_number} />
      <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
        <ProofField id="delete" proof={proof} phone={user.phone_number} error={problems.fields.password} />
        <div class={problems.fields.understood ? 'check invalid' : 'check'}>
          <input
            id="delete-understood"
            type="checkbox"
            checked={understood}
            onChange={(e) => setUnderstood(e.currentTarget.checked)}
            aria-invalid={problems.fields.understood ? 'true' : undefined}
            aria-describedby={problems.fields.understood ? 'delete-understood-error' : undefined}
          />
          <label for="delete-understood">{t('deleteUnderstand')}</label>
        </div>
        {problems.fields.understood && (
          <p class="error check-error" id="delete-understood-error">
            {problems.fields.understood}
          </p>
        )}
        <Button kind="danger" busy={busy === 'delete'}>
          {t('deleteAccount')}
        </Button>
      </Form>
    </Page>
  );
}

export function DeletedPage() {
  return (
    <Page title={t('deletedTitle')}>
      <p>{t('deletedText')}</p>
      <p class="links">
        <Link to="signup">{t('signupTitle')}</Link>
      </p>
    </Page>
  );
}
