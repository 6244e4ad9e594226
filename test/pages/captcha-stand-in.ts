import { type FakeProvider, json, startFake } from '../fake-provider.js';

/**
 * A local stand-in for a CAPTCHA provider, on the loopback (CI has no network): the widget
 * script the pages load through CAPTCHA_SCRIPT_URL and the siteverify they are checked
 * with through CAPTCHA_VERIFY_URL. The script works as Turnstile's, hCaptcha's and
 * reCAPTCHA's do: it defines `turnstile`, `hcaptcha` and `grecaptcha`, each with
 * `render(element, { sitekey, callback, … })`, which draws a frame from the provider's own
 * origin (as the real ones do, so the pages' `frame-src` is exercised), `reset` and
 * reCAPTCHA's `ready`. The frame shows a checkbox, labelled in the language the pages asked
 * for (`language`, `hl` in `render` or in the script's URL); ticking it calls back with a
 * token that siteverify passes once, naming the page's hostname and the action it was
 * rendered for.
 */
export async function startCaptchaStandIn(): Promise<FakeProvider & { scriptUrl: string; verifyUrl: string; solved: string[] }> {
  const solved: string[] = [];
  const used = new Set<string>();
  const fake = await startFake((r) => {
    const url = new URL(r.url, 'http://stand-in');
    if (r.method === 'GET' && url.pathname === '/api.js') return { status: 200, body: SCRIPT, contentType: 'text/javascript' };
    if (r.method === 'GET' && url.pathname === '/frame.html') return { status: 200, body: FRAME, contentType: 'text/html; charset=utf-8' };
    if (r.method === 'POST' && url.pathname === '/siteverify') {
      const token = new URLSearchParams(r.body).get('response') ?? '';
      const m = /^solved~([^~]+)~([^~]*)~(\w+)$/.exec(token);
      if (!m || used.has(token)) return json(200, { success: false, 'error-codes': [m ? 'timeout-or-duplicate' : 'invalid-input-response'] });
      used.add(token);
      solved.push(token);
      const hostname = decodeURIComponent(m[1]!);
      return json(200, { success: true, challenge_ts: new Date().toISOString(), hostname, ...(m[2] ? { action: m[2] } : {}), 'error-codes': [] });
    }
    return { status: 404, body: 'not found', contentType: 'text/plain' };
  });
  return { ...fake, scriptUrl: `${fake.baseUrl}/api.js`, verifyUrl: `${fake.baseUrl}/siteverify`, solved };
}

const SCRIPT = `(() => {
  const src = new URL(document.currentScript.src);
  const widgets = new Map();
  let next = 0;
  const frameUrl = (w) => src.origin + '/frame.html?' + new URLSearchParams({
    id: w.id, lang: w.lang, action: w.action, host: location.hostname, n: String(w.n++),
  });
  window.addEventListener('message', (e) => {
    if (e.origin !== src.origin || !e.data || !widgets.has(e.data.id)) return;
    widgets.get(e.data.id).callback(e.data.token);
  });
  const api = {
    render(element, o) {
      const w = { id: 'w' + next++, n: 0, callback: o.callback, action: o.action || '',
        lang: o.language || o.hl || src.searchParams.get('hl') || 'en' };
      w.frame = document.createElement('iframe');
      w.frame.title = w.lang === 'ko' ? 'CAPTCHA 확인' : 'CAPTCHA check';
      w.frame.width = '300';
      w.frame.height = '70';
      w.frame.style.border = '0';
      w.frame.src = frameUrl(w);
      element.appendChild(w.frame);
      widgets.set(w.id, w);
      return w.id;
    },
    reset(id) {
      const w = widgets.get(id);
      if (w) w.frame.src = frameUrl(w);
    },
    remove(id) {
      const w = widgets.get(id);
      if (w) w.frame.remove();
      widgets.delete(id);
    },
    ready(callback) { callback(); },
  };
  window.turnstile = api;
  window.hcaptcha = api;
  window.grecaptcha = api;
})();
`;

const FRAME = `<!doctype html>
<html><head><meta charset="utf-8"><title>CAPTCHA</title></head>
<body style="margin:0;font:16px sans-serif">
<label style="display:flex;gap:8px;align-items:center;padding:20px"><input type="checkbox" id="human"><span id="words"></span></label>
<script>
  const q = new URLSearchParams(location.search);
  document.documentElement.lang = q.get('lang');
  document.getElementById('words').textContent = q.get('lang') === 'ko' ? '사람입니다' : "I'm human";
  document.getElementById('human').addEventListener('change', (e) => {
    if (!e.target.checked) return;
    const token = ['solved', encodeURIComponent(q.get('host')), q.get('action'), Math.random().toString(36).slice(2)].join('~');
    parent.postMessage({ id: q.get('id'), token }, '*');
  });
</script>
</body></html>
`;
