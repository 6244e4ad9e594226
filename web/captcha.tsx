import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from './i18n.js';
import { settings } from './settings.js';

/** What Turnstile, hCaptcha and reCAPTCHA define alike: `render` with a callback that gets the token, and `reset`. */
interface WidgetApi {
  render(element: HTMLElement, options: Record<string, unknown>): string | number;
  reset(id?: string | number): void;
  /** Turnstile's and hCaptcha's; reCAPTCHA has none. */
  remove?(id: string | number): void;
  ready?(callback: () => void): void;
}

const apiOf = (global: string) => (window as unknown as Record<string, WidgetApi | undefined>)[global];

/** The widget's API once its script (the document's #captcha-script, see src/pages/html.ts) has run. */
function loadWidget(global: string, provider: string): Promise<WidgetApi> {
  return new Promise((resolve, reject) => {
    const done = () => {
      const api = apiOf(global);
      if (!api) return reject(new Error(`the CAPTCHA script defined no ${global}`));
      // reCAPTCHA's render exists only once its own second script has loaded.
      if (provider === 'recaptcha' && api.ready) api.ready(() => resolve(api));
      else resolve(api);
    };
    if (apiOf(global)) return done();
    const script = document.getElementById('captcha-script');
    if (!script) return reject(new Error('no CAPTCHA script'));
    script.addEventListener('load', done);
    script.addEventListener('error', () => reject(new Error('the CAPTCHA script did not load')));
  });
}

/** The render options each provider documents, in the page's language. */
function options(c: NonNullable<typeof settings.captcha>, on: { token: (token: string | undefined) => void }) {
  const callbacks = {
    callback: (token: string) => on.token(token),
    'expired-callback': () => on.token(undefined),
    'error-callback': () => on.token(undefined),
  };
  if (c.provider === 'turnstile') return { sitekey: c.siteKey, action: c.action, language: lang, ...callbacks };
  if (c.provider === 'hcaptcha') return { sitekey: c.siteKey, hl: lang, ...callbacks };
  return { sitekey: c.siteKey, ...callbacks };
}

/**
 * The configured CAPTCHA widget (CAPTCHA_PROVIDER) for a form that sends a key: `element`
 * to place in the form, the token it called back with, and `reset` for a new one (a token
 * is good for one request). Without a CAPTCHA, no element and no token.
 */
export function useCaptcha(id: string, error: string | undefined) {
  const box = useRef<HTMLDivElement>(null);
  const widget = useRef<{ api: WidgetApi; id: string | number } | undefined>(undefined);
  const [token, setToken] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const c = settings.captcha;

  useEffect(() => {
    if (!c) return;
    let gone = false;
    loadWidget(c.global, c.provider)
      .then((api) => {
        if (gone || !box.current) return;
        widget.current = { api, id: api.render(box.current, options(c, { token: setToken })) };
      })
      .catch(() => {
        if (!gone) setFailed(true);
      });
    return () => {
      gone = true;
      // A form that goes away takes its widget with it, so the provider does not keep a widget without an element.
      const w = widget.current;
      if (w?.api.remove) w.api.remove(w.id);
    };
  }, []);

  function reset() {
    setToken(undefined);
    if (widget.current) widget.current.api.reset(widget.current.id);
  }

  const shown = error ?? (failed ? t('captchaFailed') : undefined);
  const element = c ? (
    <div class={shown ? 'field captcha invalid' : 'field captcha'} id={`${id}-captcha`}>
      {/* The provider's own DOM: Preact renders no child here. */}
      <div ref={box} />
      {shown && (
        <p class="error" role="alert">
          {shown}
        </p>
      )}
    </div>
  ) : null;
  return { element, token, reset };
}
