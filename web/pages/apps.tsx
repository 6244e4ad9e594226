import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../i18n.js';
import { scopeWords } from '../oidc.js';
import { useRequest } from '../problems.js';
import { api, authed } from '../session.js';
import { Alert, Button, Notice, Page } from '../ui.js';

type AllowedApp = NonNullable<Awaited<ReturnType<typeof loadApps>>['data']>[number];
const loadApps = () => api.GET('/api/v1/users/me/apps');

/** The apps the user let sign them in through the service, and taking that back (their tokens die at once). */
export function AppsPage() {
  const [apps, setApps] = useState<AllowedApp[] | undefined>();
  const [removed, setRemoved] = useState<string | undefined>();
  const { busy, problems, run } = useRequest([]);

  useEffect(() => {
    void run('load', () => authed(loadApps)).then((result) => result?.data && setApps(result.data));
  }, []);

  async function remove(app: AllowedApp) {
    setRemoved(undefined);
    const result = await run(app.client_id, () =>
      authed(() => api.DELETE('/api/v1/users/me/apps/{client_id}', { params: { path: { client_id: app.client_id } } })),
    );
    if (!result?.response.ok) return;
    setApps((list) => list?.filter((a) => a.client_id !== app.client_id));
    setRemoved(app.name);
  }

  return (
    <Page title={t('appsTitle')}>
      <p>{t('appsIntro')}</p>
      {problems.form && <Alert>{problems.form}</Alert>}
      {removed && <Notice>{t('appRemoved', { app: removed })}</Notice>}
      {apps === undefined && busy === 'load' && <p role="status">{t('loading')}</p>}
      {apps?.length === 0 && <p>{t('appsNone')}</p>}
      {apps && apps.length > 0 && (
        <ul class="sessions">
          {apps.map((app) => (
            <li key={app.client_id}>
              <p class="device">
                <strong>{app.name}</strong>
                {app.first_party && <span class="badge">{t('firstParty')}</span>}
              </p>
              <ul class="scopes">
                {app.scopes.map((scope) => (
                  <li key={scope}>{scopeWords(scope)}</li>
                ))}
              </ul>
              <p class="hint">{t('allowedAt', { when: formatDate(app.granted_at) })}</p>
              <Button type="button" kind="secondary" busy={busy === app.client_id} onClick={() => void remove(app)}>
                {t('removeApp')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
