import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../i18n.js';
import { useRequest } from '../problems.js';
import { api, authed, closed, type Session } from '../session.js';
import { Alert, Button, Notice, Page } from '../ui.js';

const browsers: [string, string][] = [
  ['Edg/', 'Edge'],
  ['OPR/', 'Opera'],
  ['SamsungBrowser/', 'Samsung Internet'],
  ['Firefox/', 'Firefox'],
  ['CriOS/', 'Chrome'],
  ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari'],
];
const systems: [string, string][] = [
  ['Android', 'Android'],
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['Windows', 'Windows'],
  ['Mac OS X', 'macOS'],
  ['CrOS', 'ChromeOS'],
  ['Linux', 'Linux'],
];

/** A short name for a user agent, the browser and the system; each list is in the order that tells them apart. */
function device(userAgent: string | null): string {
  if (!userAgent) return t('unknownDevice');
  const find = (list: [string, string][]) => list.find(([token]) => userAgent.includes(token))?.[1];
  return [find(browsers), find(systems)].filter(Boolean).join(' · ') || userAgent.slice(0, 60);
}

export function SessionsPage() {
  const [sessions, setSessions] = useState<Session[] | undefined>();
  const [endedOne, setEndedOne] = useState(false);
  const { busy, problems, run } = useRequest([]);

  async function load() {
    const result = await run('load', () => authed(() => api.GET('/api/v1/users/me/sessions')));
    if (result?.data) setSessions(result.data);
  }

  useEffect(() => void load(), []);

  async function end(id: string) {
    setEndedOne(false);
    const result = await run(id, () => authed(() => api.DELETE('/api/v1/users/me/sessions/{id}', { params: { path: { id } } })));
    if (!result?.response.ok) return;
    setSessions((list) => list?.filter((s) => s.id !== id));
    setEndedOne(true);
  }

  async function endAll() {
    const result = await run('all', () => authed(() => api.POST('/api/v1/logout/all')));
    if (result?.response.ok) await closed();
  }

  return (
    <Page title={t('sessionsTitle')}>
      <p>{t('sessionsIntro')}</p>
      {problems.form && <Alert>{problems.form}</Alert>}
      {endedOne && <Notice>{t('otherSessionEnded')}</Notice>}
      {sessions === undefined && busy === 'load' && <p role="status">{t('loading')}</p>}
      {sessions && (
        <ul class="sessions">
          {sessions.map((s) => (
            <li key={s.id} class={s.current ? 'current' : undefined}>
              <p class="device">
                <strong>{device(s.user_agent)}</strong>
                {s.current && <span class="badge">{t('thisDevice')}</span>}
              </p>
              <p class="hint">
                {t('loggedInAt', { when: formatDate(s.created_at) })}
                {s.refreshed_at && (
                  <>
                    <br />
                    {t('lastActive', { when: formatDate(s.refreshed_at) })}
                  </>
                )}
                {s.ip && (
                  <>
                    <br />
                    {t('fromIp', { ip: s.ip })}
                  </>
                )}
              </p>
              {!s.current && (
                <Button type="button" kind="secondary" busy={busy === s.id} onClick={() => void end(s.id)}>
                  {t('endSession')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Button type="button" kind="danger" busy={busy === 'all'} onClick={() => void endAll()}>
        {t('logOutEverywhere')}
      </Button>
    </Page>
  );
}
