import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { lang, t } from './i18n.js';
import { DeletedPage, DeletePage } from './pages/delete.js';
import { AppsPage } from './pages/apps.js';
import { AuthorizePage } from './pages/authorize.js';
import { LoginPage } from './pages/login.js';
import { OidcEndPage } from './pages/oidc-end.js';
import { takeReturn } from './oidc.js';
import { PasswordPage } from './pages/password.js';
import { PhonePage } from './pages/phone.js';
import { ProfilePage } from './pages/profile.js';
import { ResetPage } from './pages/reset.js';
import { SecurityPage } from './pages/security.js';
import { SessionsPage } from './pages/sessions.js';
import { SignupPage } from './pages/signup.js';
import { PasskeyOffer } from './passkeys.js';
import { SocialPage } from './pages/social.js';
import { href, Link, navigate, type Route, useRoute } from './router.js';
import { logOut, resume, type User, useSession } from './session.js';
import { settings } from './settings.js';
import { Button } from './ui.js';

/** Pages for a signed-in user, in the order of the menu. */
const accountPages: { route: Route; label: Parameters<typeof t>[0]; page: (p: { user: User }) => preact.JSX.Element }[] = [
  { route: 'profile', label: 'profileTitle', page: ProfilePage },
  { route: 'password', label: 'passwordTitle', page: () => <PasswordPage /> },
  { route: 'phone', label: 'phoneTitle', page: PhonePage },
  { route: 'sessions', label: 'sessionsTitle', page: () => <SessionsPage /> },
  { route: 'security', label: 'securityTitle', page: SecurityPage },
  ...(settings.oidcProvider ? [{ route: 'apps', label: 'appsTitle' as const, page: () => <AppsPage /> }] : []),
  { route: 'delete', label: 'deleteTitle', page: DeletePage },
];
const publicPages: Record<Route, () => preact.JSX.Element> = { signup: SignupPage, reset: ResetPage, social: SocialPage };

/** Where a signed-out visitor wanted to go, for after the login. */
let wanted: Route | undefined;
/** Set by the Log out button: the page a user logs out on is not one they asked for, so the next login starts at the profile. */
let leaving = false;

export function App() {
  const route = useRoute();
  const session = useSession();
  useEffect(() => void resume(), []);

  // The OpenID provider's own pages (an error, a logout), and an app's sign-in waiting on the pages.
  if (settings.oidc) {
    return (
      <Shell>
        <OidcEndPage view={settings.oidc} />
      </Shell>
    );
  }
  if (route.startsWith('oidc/')) {
    return (
      <Shell>
        <AuthorizePage uid={route.slice('oidc/'.length)} />
      </Shell>
    );
  }
  // Shown while the withdrawn account's session is being closed, and after.
  if (route === 'deleted') {
    return (
      <Shell>
        <DeletedPage />
      </Shell>
    );
  }
  const own = accountPages.find((p) => p.route === route);
  const Public = publicPages[route];
  if (session.status === 'unknown') {
    // A page for signed-out visitors shows at once; a signed-in one is moved on when the session resumes.
    if (Public) return <Shell>{<Public />}</Shell>;
    if (route === 'login' || route === '') return <Shell>{<LoginPage ended={false} />}</Shell>;
    return (
      <Shell>
        <p role="status">{t('loading')}</p>
      </Shell>
    );
  }
  if (session.status === 'in') {
    if (!own) return <Redirect to={takeReturn() ?? wanted ?? 'profile'} />;
    wanted = undefined;
    leaving = false;
    return (
      <Shell user={session.user} route={route}>
        <own.page user={session.user} />
      </Shell>
    );
  }
  if (own) {
    if (!leaving) wanted = route;
    return <Redirect to="login" />;
  }
  if (!Public && route !== 'login') return <Redirect to="login" />;
  return <Shell>{Public ? <Public /> : <LoginPage ended={Boolean(session.ended)} />}</Shell>;
}

function Redirect({ to }: { to: Route }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Shell />;
}

function Shell({ user, route, children }: { user?: User; route?: Route; children?: ComponentChildren }) {
  const other = lang === 'en' ? 'ko' : 'en';
  // On a phone the menu is one sideways-scrolling row: keep the current page's entry in sight.
  useEffect(() => {
    document.querySelector('.menu [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [route]);
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <a class="brand" href={href('')}>
          {settings.logoUrl && <img src={settings.logoUrl} alt="" height={32} />}
          <span>{settings.appName}</span>
        </a>
        <a class="language" href={`${location.pathname}?lang=${other}`} hreflang={other} lang={other}>
          {t('otherLanguage')}
        </a>
      </header>
      <div class={user ? 'layout with-menu' : 'layout'}>
        {user && (
          <nav class="menu" aria-label={t('nav')}>
            <ul>
              {accountPages.map((p) => (
                <li key={p.route}>
                  <Link to={p.route} current={p.route === route}>
                    {t(p.label)}
                  </Link>
                </li>
              ))}
            </ul>
            <Button
              type="button"
              kind="link"
              onClick={() => {
                leaving = true;
                void logOut();
              }}
            >
              {t('logOut')}
            </Button>
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          {user && <PasskeyOffer />}
          {children}
        </main>
      </div>
    </>
  );
}
