import { useEffect, useState } from 'preact/hooks';
import { errorCode } from '../client/src/index.js';
import { t } from './i18n.js';
import { noProblems, type Problems, problemsOf } from './problems.js';
import { api, loggedIn } from './session.js';
import { Alert, Button } from './ui.js';
import { type Assertion, assertPasskey, cancelPasskey, offerInAutofill, passkeyProblem, passkeysSupported, wasAborted } from './webauthn.js';

/*
 * Signing in with a passkey from the login page: offered by the browser in the login form's
 * suggestions (passkey autofill) where it can, and by a button everywhere passkeys work.
 */

type Sent = Awaited<ReturnType<typeof send>>;

// The browser's JSON and the API's schema of it are the same object, typed by two libraries.
const send = (challengeId: string, assertion: Assertion) =>
  api.POST('/account/api/login/passkey', { body: { challenge_id: challengeId, response: assertion as never } });

/** A passkey's answer accepted: the session opens, as after any login. */
async function accepted(result: Sent): Promise<boolean> {
  if (!result.data) return false;
  await loggedIn(result.data.access_token);
  return true;
}

/** The autofill's offer while it stands: the button ends it first, so it cannot start later and abort the button's ceremony. */
let autofill: AbortController | undefined;

/**
 * While the login form is on screen, the browser may offer the person's passkeys among its
 * suggestions for the identifier field (`autocomplete="username webauthn"`). Whatever is
 * refused here is left unsaid, but a passkey the service refused, which the person must hear of.
 */
export function usePasskeyAutofill(refused: (problems: Problems) => void): void {
  useEffect(() => {
    const live = new AbortController();
    autofill = live;
    void offerInAutofill(live.signal, async (assertion, challengeId) => {
      const result = await send(challengeId, assertion);
      if (await accepted(result)) return true;
      if (errorCode(result.error) === 'passkey_challenge_invalid') return false;
      refused(problemsOf(result.error, []));
      return true;
    }).catch(() => undefined);
    return () => {
      live.abort();
      cancelPasskey();
    };
  }, []);
}

/** "Sign in with a passkey": the browser lists the passkeys it has for this site. */
export function PasskeyButton() {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>(noProblems);
  if (!passkeysSupported()) return null;

  async function signIn() {
    autofill?.abort();
    setBusy(true);
    setProblems(noProblems);
    try {
      const { data, error } = await api.POST('/account/api/login/passkey/options', { body: {} });
      if (!data) return setProblems(problemsOf(error, []));
      let assertion: Assertion;
      try {
        assertion = await assertPasskey(data.options);
      } catch (err) {
        if (!wasAborted(err)) setProblems({ fields: {}, form: passkeyProblem(err) });
        return;
      }
      const result = await send(data.challenge_id, assertion);
      if (!(await accepted(result))) setProblems(problemsOf(result.error, []));
    } catch {
      setProblems({ fields: {}, form: t('networkError') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="passkey-sign-in">
      {problems.form && <Alert>{problems.form}</Alert>}
      <Button type="button" kind="secondary" busy={busy} onClick={() => void signIn()}>
        {t('passkeySignIn')}
      </Button>
    </div>
  );
}
