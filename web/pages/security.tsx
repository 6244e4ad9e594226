import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { LinkedAccounts } from '../linked.js';
import { useRequest } from '../problems.js';
import { ProofChooser, ProofField, useProof } from '../proof.js';
import { PasskeysSection } from '../passkeys.js';
import { api, authed, type User } from '../session.js';
import { Button, CodeField, Form, Notice, Page } from '../ui.js';

/** The otpauth:// URL as an SVG QR code in a data: URL; the library loads only when a user sets up an app. */
function useQrCode(text: string | undefined): string | undefined {
  const [src, setSrc] = useState<string | undefined>();
  useEffect(() => {
    if (!text) return setSrc(undefined);
    let live = true;
    void import('qrcode')
      .then((qr) => qr.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .then((svg) => live && setSrc(`data:image/svg+xml,${encodeURIComponent(svg)}`));
    return () => void (live = false);
  }, [text]);
  return src;
}

export function SecurityPage({ user }: { user: User }) {
  return (
    <Page title={t('securityTitle')}>
      <p>{t('securityIntro')}</p>
      <PasskeysSection user={user} />
      <Enrol user={user} />
      <TurnOff />
      <LinkedAccounts />
    </Page>
  );
}

function Enrol({ user }: { user: User }) {
  const proof = useProof();
  const [pending, setPending] = useState<{ secret: string; otpauth_url: string } | undefined>();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | undefined>();
  const start = useRequest(['password', 'token']);
  const confirm = useRequest(['code']);
  const qr = useQrCode(pending?.otpauth_url);

  async function begin() {
    if (!proof.ready) return start.setProblems({ fields: {}, form: t('verifyFirst') });
    const body = proof.mode === 'password' ? { password: proof.password } : { token: proof.token! };
    const result = await start.run('start', () => authed(() => api.POST('/api/v1/users/me/mfa/totp', { body })));
    if (result?.data) setPending(result.data);
  }

  async function finish() {
    const result = await confirm.run('confirm', () =>
      authed(() => api.POST('/api/v1/users/me/mfa/totp/confirm', { body: { code: code.trim() } })),
    );
    if (!result?.data) return;
    setRecovery(result.data.recovery_codes);
    setPending(undefined);
  }

  return (
    <section aria-labelledby="totp-setup-title">
      <h2 id="totp-setup-title">{t('setUpTitle')}</h2>
      <p>{t('totpIntro')}</p>
      {recovery ? (
        <>
          <Notice>{t('mfaOn')}</Notice>
          <h3>{t('recoveryCodes')}</h3>
          <p class="hint">{t('recoveryHint')}</p>
          <ul class="codes" aria-label={t('recoveryCodes')}>
            {recovery.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <Button type="button" kind="secondary" onClick={() => setRecovery(undefined)}>
            {t('done')}
          </Button>
        </>
      ) : pending ? (
        <Form onSubmit={finish} busy={Boolean(confirm.busy)} problems={confirm.problems}>
          <p>{t('scanQr')}</p>
          {qr && <img class="qr" src={qr} alt={t('qrAlt')} width={200} height={200} />}
          <p class="secret">
            {t('setupKey')}: <code>{pending.secret}</code>
          </p>
          <CodeField id="totp-code" label={t('authCode')} value={code} onInput={setCode} error={confirm.problems.fields.code} />
          <Button busy={confirm.busy === 'confirm'}>{t('verify')}</Button>
        </Form>
      ) : (
        <>
          <ProofChooser id="totp" proof={proof} phone={user.phone_number} />
          <Form onSubmit={begin} busy={Boolean(start.busy)} problems={start.problems}>
            <ProofField id="totp" proof={proof} phone={user.phone_number} error={start.problems.fields.password} />
            <Button busy={start.busy === 'start'}>{t('setUpStart')}</Button>
          </Form>
        </>
      )}
    </section>
  );
}

function TurnOff() {
  const [code, setCode] = useState('');
  const [off, setOff] = useState(false);
  const { busy, problems, run } = useRequest(['code']);

  async function submit() {
    setOff(false);
    const result = await run('off', () => authed(() => api.DELETE('/api/v1/users/me/mfa/totp', { body: { code: code.trim() } })));
    if (!result?.response.ok) return;
    setCode('');
    setOff(true);
  }

  return (
    <section aria-labelledby="totp-off-title">
      <h2 id="totp-off-title">{t('turnOffTitle')}</h2>
      <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
        <CodeField recovery id="totp-off-code" label={t('authCode')} hint={t('turnOffHint')} value={code} onInput={setCode} error={problems.fields.code} />
        {off && <Notice>{t('mfaOff')}</Notice>}
        <Button kind="secondary" busy={busy === 'off'}>
          {t('turnOff')}
        </Button>
      </Form>
    </section>
  );
}
