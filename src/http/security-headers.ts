/**
 * The headers of an HTML document around its own Content-Security-Policy, as the /docs
 * viewer is served (the account pages send the same set, src/pages/html.ts): no sniffing, no
 * framing by any page (the policy says `frame-ancestors 'none'` too), no referrer, a
 * browsing context and resources of its own, and no powerful features. Both documents share
 * the API's origin, so a script injected into either could use the pages' session: each
 * gets the narrowest policy it works under.
 */
export function documentHeaders(csp: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': csp.join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
