import { isLoopbackHttp } from './public-url.js';
import type { Table } from './read.js';
import { SOCIAL_REQUIRED, SOCIAL_URLS, socialTable } from './social-table.js';
import type { TableValues } from './table.js';
import { Variable } from './variable.js';

/** Every variable of the `social` group with its value, by name. */
function valuesByName(table: Table, values: Record<string, unknown>, into = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, entry] of Object.entries(table)) {
    if (entry instanceof Variable) into.set(entry.name, values[key]);
    else valuesByName(entry, (values[key] ?? {}) as Record<string, unknown>, into);
  }
  return into;
}

/**
 * What ties the social variables together: a provider SOCIAL_PROVIDERS names needs its
 * variables; its servers are reached over https, or over http on this machine outside
 * production (tests point them at local servers). PUBLIC_URL, from which the redirect URIs
 * registered at each provider come, is set and https in production by the general rules
 * of rules.ts.
 */
export function socialProblems(c: TableValues): string[] {
  const providers = c.social.providers ?? [];
  if (providers.length === 0) return [];
  const values = valuesByName(socialTable, c.social as unknown as Record<string, unknown>);
  const production = c.nodeEnv === 'production';
  const problems: string[] = [];
  for (const provider of providers) {
    const missing = SOCIAL_REQUIRED[provider].filter((name) => values.get(name) === undefined);
    if (missing.length) problems.push(`SOCIAL_PROVIDERS=${providers.join(',')} needs ${missing.join(', ')}`);
    for (const name of SOCIAL_URLS[provider]) {
      const url = values.get(name) as string | undefined;
      if (url === undefined || url.startsWith('https://') || (!production && isLoopbackHttp(url))) continue;
      problems.push(`${name}: must be https://${production ? ' in production' : ', or http:// on this machine (127.0.0.1, ::1, localhost)'}, got "${url}"`);
    }
  }
  const plainHttp = (c.social.redirectUrls ?? []).filter((u) => u.startsWith('http://') && !isLoopbackHttp(u));
  if (production && plainHttp.length) {
    problems.push(`SOCIAL_REDIRECT_URLS: plain http:// is refused in production, but for this machine; not "${plainHttp.join('", "')}"`);
  }
  return problems;
}
