import { useEffect, useRef, useState } from 'preact/hooks';
import { errorCode } from '../../client/src/index.js';
import { t } from '../i18n.js';
import { forgetReturn, rememberReturn, scopeWords } from '../oidc.js';
import { useRequest } from '../problems.js';
import { api, authed, logOut, type User, useSession } from '../session.js';
import { settings } from '../settings.js';
import { Alert, Button, Page } from '../ui.js';
import { LoginPage } from './login.js';

type Details = NonNullable<Awaited<ReturnType<typeof loadDetails>>['data']>;
/** What the three answers of an interaction have in common: where the browser goes next. */
type Answer = { data?: { redirect_to: string }; error?: unknown; response: Response };
const loadDetails = (uid: string) => api.GET('/account/oidc/{uid}/details', { params: { path: { uid } } });

/**
 * An app's sign-in, waiting on the pages (`/account/oidc/<uid>`): the user signs in with the
 * pages' own login (every way in it offers, the second step included), then allows the app
 * what it asks for. A first-party app asks nothing; a sign-in made here goes straight on.
 */
export function AuthorizePage({ uid }: { uid: string }) {
  const session = useSession();
  const [details, setDetails] = useState<Details | null | undefined>();
  const [signingIn, setSigningIn] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const seen = useRef<User | undefined>(undefined);
  const { busy, problems, run } = useRequest([]);
  const app = details?.client.name ?? '';

  useEffect(() => {
    rememberReturn(`oidc/${uid}`);
    void loadDetails(uid).then(({ data }) => setDetails(data ?? null), () => setDetails(null));
  }, [uid]);

  /** On to the provider, and from there to the app. */
  const go = (to: string) => {
    forgetReturn();
    setLeaving(true);
    location.assign(to);
  };
  const path = { params: { path: { uid } }, body: {} };
  const calls: Record<'login' | 'consent' | 'abort', () => Promise<Answer>> = {
    login: () => api.POST('/account/oidc/{uid}/login', path),
    consent: () => api.POST('/account/oidc/{uid}/consent', path),
    abort: () => api.POST('/account/oidc/{uid}/abort', path),
  };
  const answer = async (action: keyof typeof calls) => {
    const result = await run(action, () => authed(calls[action]));
    if (result?.data) return go(result.data.redirect_to);
    if (errorCode(result?.error) === 'reauthentication_required') setSigningIn(true);
  };

  // Whoever is signed in now: a sign-in just made on this page goes on by itself.
  useEffect(() => {
    if (!details) return;
    if (session.status === 'out') setSigningIn(true);
    if (session.status !== 'in') return;
    const justSignedIn = signingIn && seen.current !== session.user;
    seen.current = session.user;
    if (justSignedIn) {
      setSigningIn(false);
      void answer('login');
    } else if (details.prompt === 'consent' && details.account_id !== session.user.id) {
      void answer('login');
    } else if (details.prompt === 'consent' && details.client.first_party) {
      void answer('consent');
    } else if (details.prompt === 'login' && details.fresh_login) {
      void answer('login');
    }
  }, [details, session]);

  if (details === null) {
    return (
      <Page title={t('oidcErrorTitle')}>
        <Alert>{t('interactionExpired')}</Alert>
      </Page>
    );
  }
  if (!details || session.status === 'unknown' || leaving) {
    return <p role="status">{leaving ? t('continuing', { app }) : t('loading')}</p>;
  }
  if (signingIn || session.status === 'out') {
    return (
      <>
        <p>{t('authorizeIntro', { app, service: settings.appName })}</p>
        <LoginPage ended={false} />
      </>
    );
  }
  const user = session.user;
  const who = user.email ?? user.phone_number;
  if (details.prompt === 'login') {
    return (
      <Page title={t('authorizeTitle', { app })}>
        <p>{t('authorizeIntro', { app, service: settings.appName })}</p>
        {problems.form && <Alert>{problems.form}</Alert>}
        <p class="actions">
          <Button type="button" busy={busy === 'login'} onClick={() => void answer('login')}>
            {t('continueAs', { who })}
          </Button>
          <Button type="button" kind="secondary" onClick={() => void logOut().then(() => setSigningIn(true))}>
            {t('useAnotherAccount')}
          </Button>
        </p>
      </Page>
    );
  }
  const asked = details.missing_scopes.length ? details.missing_scopes : details.scopes;
  return (
    <Page title={t('consentTitle', { app })}>
      <p>{t('consentIntro', { app })}</p>
      <ul class="scopes">
        {asked.map((scope) => (
          <li key={scope}>{scopeWords(scope)}</li>
        ))}
      </ul>
      {problems.form && <Alert>{problems.form}</Alert>}
      <p class="actions">
        <Button type="button" busy={busy === 'consent'} onClick={() => void answer('consent')}>
          {t('consentAllow')}
        </Button>
        <Button type="button" kind="secondary" busy={busy === 'abort'} onClick={() => void answer('abort')}>
          {t('consentDeny')}
        </Button>
      </p>
      <p class="hint">{t('consentHint')}</p>
    </Page>
  );
}
