import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n.js';
import type { Problems } from './problems.js';
import { hasNavigated } from './router.js';
import { settings } from './settings.js';

/** A page's heading and title; after an in-page navigation the heading takes the focus, as after a page load. */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${settings.appName}`;
    if (hasNavigated()) heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  optional?: boolean;
  maxLength?: number;
  readOnly?: boolean;
}

/** A labelled input; its hint and its error are tied to it, so a screen reader reads them with it. */
export function Field(p: FieldProps) {
  const described = [p.hint && `${p.id}-hint`, p.error && `${p.id}-error`].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={p.id}>
        {p.label}
        {p.optional && <span class="optional"> ({t('optional')})</span>}
      </label>
      <input
        id={p.id}
        name={p.id}
        // Preact types each input type apart; these four take the same attributes.
        {...({ type: p.type ?? 'text' } as { type: 'text' })}
        value={p.value}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        autocomplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        readOnly={p.readOnly}
        required={!p.optional && !p.readOnly}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
        spellcheck={false}
      />
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

type PresetProps = Omit<FieldProps, 'type' | 'autoComplete' | 'inputMode' | 'maxLength'>;

/** An email input: its keyboard, autofill and the longest address the API takes. */
export function EmailField(p: Omit<PresetProps, 'label'>) {
  return <Field label={t('email')} type="email" inputMode="email" autoComplete="email" maxLength={254} {...p} />;
}

/** A password being chosen: the password manager offers to make one, and the rules are told beside it. */
export function NewPasswordField(p: Omit<PresetProps, 'hint'>) {
  return <Field type="password" autoComplete="new-password" hint={t('passwordHint')} {...p} />;
}

/**
 * A one-time code the phone offers to fill in: digits of an SMS or an authenticator app, or
 * (`recovery`) also a recovery code, which has letters and is longer.
 */
export function CodeField({ recovery, ...p }: PresetProps & { recovery?: boolean }) {
  return recovery ? (
    <Field autoComplete="one-time-code" maxLength={64} {...p} />
  ) : (
    <Field autoComplete="one-time-code" inputMode="numeric" maxLength={12} {...p} />
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  busy?: boolean;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  type?: 'submit' | 'button';
};

/** While its request is out the button says so (spinner, aria-busy) and does nothing more. */
export function Button({ busy = false, kind = 'primary', type = 'submit', children, onClick, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={`button ${kind}`}
      aria-busy={busy ? 'true' : undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      <span>{children}</span>
    </button>
  );
}

/**
 * A form: submits without reloading, refuses a second submit while busy, and after a
 * refusal moves the focus to the first field in error, or to the message above the form.
 */
export function Form({
  onSubmit,
  busy,
  problems,
  children,
  label,
}: {
  onSubmit: () => void;
  busy: boolean;
  problems: Problems;
  children: ComponentChildren;
  label?: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const target = form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert');
    target?.focus();
  }, [problems]);
  return (
    <form
      ref={form}
      noValidate
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      {problems.form && <Alert>{problems.form}</Alert>}
      {children}
    </form>
  );
}

export function Alert({ children }: { children: ComponentChildren }) {
  return (
    <p class="alert" role="alert" tabIndex={-1}>
      {children}
    </p>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}
