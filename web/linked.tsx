import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from './i18n.js';
import { useRequest } from './problems.js';
import { api, authed } from './session.js';
import { providerName } from './social.js';
import { Button, Notice } from './ui.js';

type Identity = { provider: string; email: string | null; linked_at: string; last_used_at: string | null };

/** The security page's linked social accounts: each listed, each unlinked here and at its provider. */
export function LinkedAccounts() {
  const [list, setList] = useState<Identity[] | undefined>();
  const [gone, setGone] = useState<string | undefined>();
  const { busy, problems, run } = useRequest([]);

  async function load() {
    const { data } = await authed(() => api.GET('/api/v1/users/me/identities'));
    if (data) setList(data);
  }
  useEffect(() => void load(), []);

  async function unlink(provider: string) {
    setGone(undefined);
    const result = await run(provider, () => authed(() => api.DELETE('/api/v1/users/me/identities/{provider}', { params: { path: { provider } } })));
    if (!result?.response.ok) return;
    setGone(providerName(provider));
    await load();
  }

  return (
    <section aria-labelledby="linked-title">
      <h2 id="linked-title">{t('linkedTitle')}</h2>
      {problems.form && <p class="alert" role="alert">{problems.form}</p>}
      {gone && <Notice>{t('unlinked', { provider: gone })}</Notice>}
      {list && list.length === 0 && <p>{t('linkedNone')}</p>}
      {list && list.length > 0 && (
        <ul class="linked">
          {list.map((i) => (
            <li key={i.provider}>
              <span>
                <strong>{providerName(i.provider)}</strong>
                {i.email && <> · {i.email}</>}
                <br />
                <span class="hint">{t('linkedSince', { date: formatDate(i.linked_at) })}</span>
              </span>
              <Button
                type="button"
                kind="secondary"
                busy={busy === i.provider}
                aria-label={t('unlinkProvider', { provider: providerName(i.provider) })}
                onClick={() => void unlink(i.provider)}
              >
                {t('unlink')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
