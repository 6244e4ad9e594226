import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { href, Link } from '../router.js';
import { api, loggedIn, useSession } from '../session.js';
import { PhoneStep, type VerifiedPhone } from '../sms.js';
import { takeVerifier } from '../social.js';
import { Alert, Button, EmailField, Field, Form, Page } from '../ui.js';
import { type MfaChallenge, SecondFactor } from './login.js';

/*
 * Where a social sign-in comes back (the flow's redirect_to): the result is exchanged with the
 * verifier this tab kept, then the answer leads on: signed in, the second step, or, for a new
 * identity, the phone verification that finishes the sign-up.
 */

type Profile = { email: string | null; name: string | null; nickname: string | null };
type Outcome =
  | { kind: 'in' }
  | { kind: 'mfa'; challenge: MfaChallenge }
  | { kind: 'signup'; token: string; profile: Profile }
  | { kind: 'failed'; message: string };

let pending: Promise<Outcome> | undefined;

/** Once per page load, whatever re-renders: the result and the verifier each work once. */
function exchangeOnce(): Promise<Outcome> {
  pending ??= (async (): Promise<Outcome> => {
    const query = new URLSearchParams(location.search);
    // Out of the address bar and the history at once: the result is a secret, if a short-lived one.
    history.replaceState(null, '', href('social'));
    const result = query.get('result');
    const verifier = takeVerifier();
    const error = query.get('error');
    if (error === 'access_denied') return { kind: 'failed', message: t('socialCancelled') };
    if (!result || !verifier) return { kind: 'failed', message: t('socialFailed') };
    const { data, error: refused, response } = await api.POST('/account/api/oauth/exchange', { body: { result, code_verifier: verifier } });
    if (!data) return { kind: 'failed', message: (refused as { detail?: string } | undefined)?.detail ?? t('socialFailed') };
    if ('access_token' in data) {
      await loggedIn(data.access_token);
      return { kind: 'in' };
    }
    if ('mfa_token' in data) return { kind: 'mfa', challenge: data };
    if (response.status === 202 && 'social_token' in data) return { kind: 'signup', token: data.social_token, profile: data.profile };
    return { kind: 'failed', message: t('socialFailed') };
  })().catch(() => ({ kind: 'failed', message: t('networkError') }));
  return pending;
}

export function SocialPage() {
  const session = useSession();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // After the page load's own session check, so its answer cannot undo this sign-in.
  useEffect(() => {
    if (session.status !== 'unknown') void exchangeOnce().then(setOutcome);
  }, [session.status === 'unknown']);

  if (outcome?.kind === 'mfa') return <SecondFactor challenge={outcome.challenge} />;
  if (outcome?.kind === 'signup') return <SocialSignup socialToken={outcome.token} profile={outcome.profile} />;
  return (
    <Page title={t('socialTitle')}>
      {outcome?.kind === 'failed' ? (
        <>
          <Alert>{outcome.message}</Alert>
          <p class="links">
            <Link to="login">{t('socialBackToLogin')}</Link>
          </p>
        </>
      ) : (
        <p role="status">{t('socialWorking')}</p>
      )}
    </Page>
  );
}

/** A new identity: the phone first, then what the account needs, prefilled with what the provider said. */
function SocialSignup({ socialToken, profile }: { socialToken: string; profile: Profile }) {
  const [verified, setVerified] = useState<VerifiedPhone | undefined>();
  const [email, setEmail] = useState(profile.email ?? '');
  const [name, setName] = useState(profile.name ?? '');
  const [nickname, setNickname] = useState(profile.nickname ?? '');
  const [mfa, setMfa] = useState<MfaChallenge | undefined>();
  const { busy, problems, run } = useRequest(['email', 'name', 'nickname', 'phone_number']);

  async function submit() {
    if (!verified) return;
    const body = {
      social_token: socialToken,
      phone_number: verified.phone,
      token: verified.token,
      name,
      nickname,
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    const done = await run('finish', () => api.POST('/account/api/users/social', { body }));
    if (!done?.data) return;
    if ('mfa_token' in done.data) setMfa(done.data);
    else await loggedIn(done.data.access_token);
  }

  if (mfa) return <SecondFactor challenge={mfa} />;
  return (
    <Page title={t('socialSignupTitle')}>
      <p>{t('socialSignupIntro')}</p>
      <section aria-labelledby="social-phone-title">
        <h2 id="social-phone-title">{t('signupPhoneStep')}</h2>
        <PhoneStep id="social" verified={verified} onChange={setVerified} />
      </section>
      {verified && (
        <section aria-labelledby="social-account-title">
          <h2 id="social-account-title">{t('signupAccountStep')}</h2>
          <Form onSubmit={submit} busy={Boolean(busy)} problems={problems}>
            <EmailField id="social-email" value={email} onInput={setEmail} error={problems.fields.email} optional hint={t('socialEmailHint')} />
            <Field id="social-name" label={t('name')} autoComplete="name" optional value={name} onInput={setName} error={problems.fields.name} maxLength={255} />
            <Field id="social-nickname" label={t('nickname')} autoComplete="nickname" optional value={nickname} onInput={setNickname} error={problems.fields.nickname} maxLength={255} />
            <Button busy={busy === 'finish'}>{t('socialFinish')}</Button>
          </Form>
        </section>
      )}
    </Page>
  );
}

