import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { href } from '../router.js';
import { logOut } from '../session.js';
import { type OidcView, settings } from '../settings.js';
import { Alert, Button, Page } from '../ui.js';

/**
 * The pages the OpenID provider answers itself, drawn here so the pages' own look and
 * Content-Security-Policy hold: an error it could not send back to the app, a logout the
 * app asked for, and the end of one.
 */
export function OidcEndPage({ view }: { view: OidcView }) {
  const service = settings.appName;
  if (view.view === 'logout') return <Logout view={view} />;
  if (view.view === 'signed-out') {
    return (
      <Page title={t('signedOutTitle')}>
        {view.client && <p>{t('signedOutFrom', { app: view.client })}</p>}
        <p>
          <a href={href('')}>{t('toAccount')}</a>
        </p>
      </Page>
    );
  }
  const reason =
    view.error === 'invalid_redirect_uri'
      ? t('oidcErrorRedirect')
      : view.error === 'invalid_client'
        ? t('oidcErrorClient', { service })
        : t('oidcErrorOther');
  return (
    <Page title={t('oidcErrorTitle')}>
      <Alert>{reason}</Alert>
      <p class="hint">{t('oidcErrorDetail', { error: [view.error, view.description].filter(Boolean).join(': ') })}</p>
      <p>
        <a href={href('')}>{t('toAccount')}</a>
      </p>
    </Page>
  );
}

/** "Sign out?": signing out ends the pages' session too, then the provider's, and goes back to the app. */
function Logout({ view }: { view: OidcView }) {
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const service = settings.appName;
  return (
    <Page title={t('logoutTitle')}>
      <p>{view.client ? t('logoutFrom', { app: view.client, service }) : t('logoutAsk', { service })}</p>
      <form ref={form} method="post" action={view.action}>
        <input type="hidden" name="xsrf" value={view.xsrf} />
        <p class="actions">
          <Button
            name="logout"
            value="yes"
            busy={busy}
            onClick={(event) => {
              event.preventDefault();
              setBusy(true);
              void logOut()
                .catch(() => undefined)
                .then(() => form.current?.requestSubmit(form.current.querySelector<HTMLButtonElement>('button[name="logout"]')));
            }}
          >
            {t('logoutYes')}
          </Button>
          <Button kind="secondary">{t('logoutNo')}</Button>
        </p>
      </form>
    </Page>
  );
}
