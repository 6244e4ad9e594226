/**
 * oidc-provider, imported only once the provider is used (OIDC_PROVIDER=on, or a client to
 * validate), so the JSON API pays nothing for it when off.
 *
 * On Node 20 the library prints one line as it is imported ("oidc-provider WARNING:
 * Unsupported runtime…", console.warn): v9 supports Node 22 and later only, and runs on
 * 20.19+ in practice (the version is pinned exactly and its tests run here). That line would
 * be the one plain line among the service's JSON logs, so it is caught while the module
 * loads and handed to the caller's logger instead.
 */
export type OidcLibrary = typeof import('oidc-provider');

let loading: Promise<OidcLibrary> | undefined;
const printed: string[] = [];

export async function loadOidcLibrary(warn: (line: string) => void): Promise<OidcLibrary> {
  loading ??= (async () => {
    const original = console.warn;
    console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = original;
    }
  })();
  const library = await loading;
  for (const line of printed) warn(line);
  return library;
}
