import { useEffect, useState } from 'preact/hooks';
import type { paths } from '../client/src/index.js';
import { formatDate, t } from './i18n.js';
import { noProblems, type Problems, problemsOf, useRequest } from './problems.js';
import { ProofChooser, ProofField, useProof } from './proof.js';
import { api, authed, type User } from './session.js';
import { Alert, Button, Field, Form, Notice } from './ui.js';
import { makePasskey, passkeyProblem, passkeysSupported, wasAborted } from './webauthn.js';

/*
 * The signed-in user's passkeys: adding one (after the password or an SMS code proves it is
 * them, so a stolen session cannot plant one), listing, renaming and removing them, and the
 * offer of one right after sign-up.
 */

type Passkey = paths['/api/v1/users/me/passkeys']['get']['responses'][200]['content']['application/json'][number];
type Proof = { password: string } | { token: string };

/** Options after the proof, the browser's passkey, and the service's record of it: problems, or none when added. */
async function addPasskey(proof: Proof): Promise<Problems | 'aborted' | undefined> {
  const started = await authed(() => api.POST('/api/v1/users/me/passkeys/options', { body: proof }));
  if (!started.data) return problemsOf(started.error, ['password']);
  let response: Awaited<ReturnType<typeof makePasskey>>;
  try {
    response = await makePasskey(started.data);
  } catch (err) {
    return wasAborted(err) ? 'aborted' : { fields: {}, form: passkeyProblem(err) };
  }
  const added = await authed(() => api.POST('/api/v1/users/me/passkeys', { body: { response: response as never } }));
  return added.data ? undefined : problemsOf(added.error, []);
}

/** One form's attempt at adding a passkey, with its progress and problems. */
function useAdding(done: () => void) {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>(noProblems);
  async function add(proof: Proof) {
    setBusy(true);
    setProblems(noProblems);
    try {
      const outcome = await addPasskey(proof);
      if (outcome === undefined) done();
      else if (outcome !== 'aborted') setProblems(outcome);
    } catch {
      setProblems({ fields: {}, form: t('networkError') });
    } finally {
      setBusy(false);
    }
  }
  return { busy, problems, setProblems, add };
}

/** The password typed at sign-up, kept in memory only until the offer is answered. */
let offered: string | undefined;
export const offerPasskey = (password: string) => void (offered = password);

/** Right after sign-up: a passkey, proven by the password just chosen, or not now. */
export function PasskeyOffer() {
  const [password, setPassword] = useState(offered);
  const [added, setAdded] = useState(false);
  const adding = useAdding(() => setAdded(true));
  // Logging out, or any other way out of the signed-in pages, ends the offer.
  useEffect(() => () => void (offered = undefined), []);
  const close = () => {
    offered = undefined;
    setPassword(undefined);
  };
  if (added) {
    return (
      <Notice>
        {t('passkeyAdded')}{' '}
        <Button type="button" kind="link" onClick={() => setAdded(false)}>
          {t('done')}
        </Button>
      </Notice>
    );
  }
  if (!password || !passkeysSupported()) return null;
  return (
    <section class="offer" aria-label={t('offerTitle')}>
      <p>
        <strong>{t('offerTitle')}</strong>
      </p>
      <p>{t('offerText')}</p>
      {adding.problems.form && <Alert>{adding.problems.form}</Alert>}
      <div class="actions">
        <Button type="button" busy={adding.busy} onClick={() => void adding.add({ password }).then(() => (offered = undefined))}>
          {t('addPasskey')}
        </Button>
        <Button type="button" kind="secondary" onClick={close}>
          {t('notNow')}
        </Button>
      </div>
    </section>
  );
}

/** The security page's passkeys: the list, and adding one after a fresh proof. */
export function PasskeysSection({ user }: { user: User }) {
  const [list, setList] = useState<Passkey[] | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const proof = useProof();
  const load = useRequest([]);
  const adding = useAdding(() => {
    setOpen(false);
    setNotice(t('passkeyAdded'));
    void refresh();
  });

  async function refresh() {
    const result = await load.run('load', () => authed(() => api.GET('/api/v1/users/me/passkeys')));
    if (result?.data) setList(result.data);
  }
  useEffect(() => void refresh(), []);

  function begin() {
    if (!proof.ready) return adding.setProblems({ fields: {}, form: t('verifyFirst') });
    setNotice(undefined);
    void adding.add(proof.mode === 'password' ? { password: proof.password } : { token: proof.token! });
  }

  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeysTitle')}</h2>
      <p>{t('passkeysIntro')}</p>
      {load.problems.form && <Alert>{load.problems.form}</Alert>}
      {notice && <Notice>{notice}</Notice>}
      {list && list.length === 0 && <p class="hint">{t('noPasskeys')}</p>}
      {list && list.length > 0 && (
        <ul class="sessions passkeys">
          {list.map((p) => (
            <PasskeyItem
              key={p.id}
              passkey={p}
              changed={(next) => setList((l) => l?.map((x) => (x.id === next.id ? next : x)))}
              removed={() => {
                setList((l) => l?.filter((x) => x.id !== p.id));
                setNotice(t('passkeyRemoved'));
              }}
            />
          ))}
        </ul>
      )}
      {!passkeysSupported() ? null : open ? (
        <>
          <p>{t('addPasskeyProof')}</p>
          <ProofChooser id="passkey" proof={proof} phone={user.phone_number} />
          <Form onSubmit={begin} busy={adding.busy} problems={adding.problems}>
            <ProofField id="passkey" proof={proof} phone={user.phone_number} error={adding.problems.fields.password} />
            <Button busy={adding.busy}>{t('passkeyContinue')}</Button>
          </Form>
        </>
      ) : (
        <Button type="button" onClick={() => setOpen(true)}>
          {t('addPasskey')}
        </Button>
      )}
    </section>
  );
}

function PasskeyItem({ passkey, changed, removed }: { passkey: Passkey; changed: (p: Passkey) => void; removed: () => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const { busy, problems, run } = useRequest(['name']);
  const path = { params: { path: { id: passkey.id } } };

  async function rename() {
    const result = await run('rename', () => authed(() => api.PATCH('/api/v1/users/me/passkeys/{id}', { ...path, body: { name } })));
    if (!result?.data) return;
    changed(result.data);
    setEditing(false);
  }

  async function remove() {
    const result = await run('remove', () => authed(() => api.DELETE('/api/v1/users/me/passkeys/{id}', path)));
    if (result?.response.ok) removed();
  }

  return (
    <li>
      <p class="device">
        <strong>{passkey.name}</strong>
        {passkey.backed_up && <span class="badge">{t('passkeySynced')}</span>}
      </p>
      <p class="hint">
        {t('passkeyCreated', { when: formatDate(passkey.created_at) })}
        <br />
        {passkey.last_used_at ? t('passkeyUsed', { when: formatDate(passkey.last_used_at) }) : t('passkeyNeverUsed')}
      </p>
      {editing ? (
        <Form onSubmit={rename} busy={Boolean(busy)} problems={problems}>
          <Field id={`passkey-name-${passkey.id}`} label={t('passkeyName')} value={name} onInput={setName} error={problems.fields.name} maxLength={64} />
          <div class="actions">
            <Button busy={busy === 'rename'}>{t('save')}</Button>
            <Button type="button" kind="secondary" onClick={() => setEditing(false)}>
              {t('cancel')}
            </Button>
          </div>
        </Form>
      ) : (
        <div class="actions">
          {problems.form && <Alert>{problems.form}</Alert>}
          <Button type="button" kind="secondary" onClick={() => setEditing(true)} aria-label={t('renameNamed', { name: passkey.name })}>
            {t('rename')}
          </Button>
          <Button type="button" kind="danger" busy={busy === 'remove'} onClick={() => void remove()} aria-label={t('removeNamed', { name: passkey.name })}>
            {t('remove')}
          </Button>
        </div>
      )}
    </li>
  );
}
