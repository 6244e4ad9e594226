import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  WebAuthnError,
} from '@simplewebauthn/browser';
import { t } from './i18n.js';
import { api } from './session.js';

/*
 * The browser's passkeys through @simplewebauthn/browser: making one, using one (from a
 * button, or offered by the browser's autofill on the login form), and what to tell a
 * person when it did not happen.
 */

export type RequestOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];
export type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];
export type Assertion = Awaited<ReturnType<typeof startAuthentication>>;

export const passkeysSupported = () => browserSupportsWebAuthn();

// The API's options and the library's are the same JSON; the library types transports more narrowly.

/** A new passkey for these options: the browser asks for the fingerprint, face or screen lock. */
export const makePasskey = (options: object) => startRegistration({ optionsJSON: options as CreationOptions });

/** An assertion from a passkey the person picks; `autofill`: offered in the login form's suggestions, waiting until picked. */
export const assertPasskey = (options: object, autofill = false) =>
  startAuthentication({ optionsJSON: options as RequestOptions, useBrowserAutofill: autofill });

/** Another ceremony started, or the page moved on: nothing to tell anyone. */
export const wasAborted = (error: unknown) =>
  (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED') || (error instanceof Error && error.name === 'AbortError');

/** What to say when the browser made or used no passkey. */
export function passkeyProblem(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return t('passkeyAlreadyHere');
  return t('passkeyNotDone');
}

/** Stops a pending ceremony (the autofill's), as when leaving the login page. */
export const cancelPasskey = () => WebAuthnAbortService.cancelCeremony();

/**
 * Keeps the login form's autofill offering passkeys while `signal` is live: options are
 * fetched, the browser waits for a pick, and `answered` takes the assertion (false: fetch anew). A
 * challenge that expired while it waited is fetched again, once.
 */
export async function offerInAutofill(signal: AbortSignal, answered: (assertion: Assertion, challengeId: string) => Promise<boolean>) {
  if (!(await browserSupportsWebAuthnAutofill())) return;
  for (let round = 0; round < 2 && !signal.aborted; round++) {
    const { data } = await api.POST('/account/api/login/passkey/options', { body: {} });
    // The button's ceremony may have begun meanwhile: starting now would abort it.
    if (!data || signal.aborted) return;
    let assertion: Assertion;
    try {
      assertion = await assertPasskey(data.options, true);
    } catch {
      // Aborted by the button's ceremony or by leaving; refused by the person: either way, nothing to show.
      return;
    }
    if (await answered(assertion, data.challenge_id)) return;
  }
}
