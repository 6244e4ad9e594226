import { useState } from 'preact/hooks';
import { formatPhone, t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { ProofChooser, ProofField, useProof } from '../proof.js';
import { api, authed, updateUser, type User } from '../session.js';
import { PhoneStep, type VerifiedPhone } from '../sms.js';
import { Button, Form, Notice, Page } from '../ui.js';

/** The new number is verified first; then the user proves it is them (SPEC: a token alone never moves the phone). */
export function PhonePage({ user }: { user: User }) {
  const [verified, setVerified] = useState<VerifiedPhone | undefined>();
  const [changedTo, setChangedTo] = useState<string | undefined>();
  const proof = useProof();
  const { busy, problems, setProblems, run } = useRequest(['password', 'phone_number']);

  async function submit() {
    if (!verified) return;
    if (!proof.ready) return setProblems({ fields: {}, form: t('verifyFirst') });
    const reauth = proof.mode === 'password' ? { password: proof.password } : { current_token: proof.token! };
    const result = await run('change', () =>
      authed(() =>
        api.POST('/api/v1/users/me/phone-number', { body: { phone_number: verified.phone, token: verified.token, ...reauth } }),
      ),
    );
    if (!result?.data) return;
    updateUser(result.data);
    setChangedTo(result.data.phone_number);
    setVerified(undefined);
  }

  return (
    <Page title={t('phoneTitle')}>
      <dl class="facts">
        <dt>{t('currentPhone')}</dt>
        <dd>{formatPhone(user.phone_number)}</dd>
      </dl>
      {changedTo && <Notice>{t('phoneChanged', { phone: formatPhone(changedTo) })}</Notice>}
      <section aria-labelledby="phone-new-title">
        <h2 id="phone-new-title">{t('newPhoneStep')}</h2>
        <PhoneStep id="phone-new" verified={verified} onChange={setVerified} />
      </section>
      {verified && (
        <section aria-labelledby="phone-proof-title">
          <h2 id="phone-proof-title">{t('proofStep')}</h2>
          <ProofChooser id="phone" proof={proof} phone={user.phone_number} />
          <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
            <ProofField id="phone" proof={proof} phone={user.phone_number} error={problems.fields.password} />
            <Button busy={busy === 'change'}>{t('changePhone')}</Button>
          </Form>
        </section>
      )}
    </Page>
  );
}
