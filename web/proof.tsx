import { useState } from 'preact/hooks';
import { formatPhone, t } from './i18n.js';
import { PhoneVerify } from './sms.js';
import { Field, Notice } from './ui.js';

/**
 * Re-authentication before a change an access token alone may not make (SPEC: phone
 * change, withdrawal, a second factor): the password, or a key sent to the account's phone
 * for users who sign in by SMS only.
 */
export function useProof() {
  const [mode, setMode] = useState<'password' | 'sms'>('password');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState<string | undefined>();
  return {
    mode,
    setMode,
    password,
    setPassword,
    token,
    setToken,
    /** Ready to send: the password typed, or the phone verified. */
    ready: mode === 'password' ? password.length > 0 : token !== undefined,
  };
}

export type Proof = ReturnType<typeof useProof>;

/** The choice of proof, and the phone check when that is the choice; placed outside the form it serves. */
export function ProofChooser({ id, proof, phone }: { id: string; proof: Proof; phone: string }) {
  return (
    <>
      <fieldset class="choice">
        <legend>{t('proofLegend')}</legend>
        <label>
          <input type="radio" name={`${id}-proof`} checked={proof.mode === 'password'} onChange={() => proof.setMode('password')} />
          {t('proofPassword')}
        </label>
        <label>
          <input type="radio" name={`${id}-proof`} checked={proof.mode === 'sms'} onChange={() => proof.setMode('sms')} />
          {t('proofSms', { phone: formatPhone(phone) })}
        </label>
      </fieldset>
      {proof.mode === 'sms' && !proof.token && <PhoneVerify id={`${id}-proof`} fixedPhone={phone} onVerified={(token) => proof.setToken(token)} />}
    </>
  );
}

/** Inside the form: the password field, or the note that the phone was verified. */
export function ProofField({ id, proof, phone, error }: { id: string; proof: Proof; phone: string; error: string | undefined }) {
  if (proof.mode === 'password') {
    return (
      <Field
        id={`${id}-password`}
        label={t('password')}
        type="password"
        autoComplete="current-password"
        value={proof.password}
        onInput={proof.setPassword}
        error={error}
      />
    );
  }
  return proof.token ? <Notice>{t('phoneVerified', { phone: formatPhone(phone) })}</Notice> : null;
}
