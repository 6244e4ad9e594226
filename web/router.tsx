import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const BASE = '/account/';
// A language chosen in the address (?lang=en) stays chosen while the user moves between pages.
const langQuery = new URLSearchParams(location.search).get('lang');
const query = langQuery === 'en' || langQuery === 'ko' ? `?lang=${langQuery}` : '';

export type Route = string;

export function currentRoute(): Route {
  return location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length).replace(/\/+$/, '') : '';
}

export const href = (route: Route) => `${BASE}${route}${query}`;

const listeners = new Set<() => void>();
let navigated = false;

export function navigate(route: Route, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', href(route));
  else history.pushState(null, '', href(route));
  navigated = true;
  for (const listener of listeners) listener();
}

/** True after the first in-page navigation: then a new page takes the focus, as a page load would. */
export const hasNavigated = () => navigated;

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    const back = () => {
      navigated = true;
      update();
    };
    listeners.add(update);
    addEventListener('popstate', back);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', back);
    };
  }, []);
  return route;
}

export function Link({ to, children, current }: { to: Route; children: ComponentChildren; current?: boolean }) {
  return (
    <a
      href={href(to)}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
