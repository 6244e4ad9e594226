import type autocannon from 'autocannon';
import { type Account, JSON_HEADERS, PASSWORD } from './accounts.js';
import type { ProfileTarget } from './options.js';
import type { PhoneNumbers } from './util.js';

/** What autocannon sends to one endpoint, and the status each request should get. */
export interface EndpointSpec {
  name: string;
  requests: autocannon.Request[];
  expect: number;
}

const post = (path: string, body: unknown): autocannon.Request => ({
  method: 'POST',
  path: `/api/v1${path}`,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
});

/** A POST whose body is made afresh for each request, from the count of requests made so far. */
const postEach = (path: string, body: (i: number) => unknown): autocannon.Request => {
  let next = 0;
  return { ...post(path, {}), setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify(body(next++)) }) };
};

/** `algorithm`: what signed the accounts' tokens (JWT_ALGORITHM of the service they logged in to). */
export const usersMe = (accounts: Account[], algorithm = 'ES256'): EndpointSpec => ({
  name: `GET /users/me (${algorithm})`,
  requests: accounts.map((a) => ({ method: 'GET', path: '/api/v1/users/me', headers: { authorization: `Bearer ${a.access}` } })),
  expect: 200,
});

/** Every request asks a key for a phone of its own. */
export const phoneVerify = (phones: PhoneNumbers): EndpointSpec => ({
  name: 'POST /phone-verify',
  requests: [postEach('/phone-verify', () => ({ phone_number: phones.take().dashed }))],
  expect: 201,
});

/** Each key is confirmed once, in the order the keys came. */
export const confirm = (keys: { phone: string; key: string }[]): EndpointSpec => ({
  name: 'POST /phone-verify/confirm',
  requests: [
    postEach('/phone-verify/confirm', (i) => {
      const k = keys[i % keys.length]!;
      return { phone_number: k.phone, key: k.key };
    }),
  ],
  expect: 200,
});

export const login = (accounts: Account[]): EndpointSpec => ({
  name: 'POST /login',
  requests: accounts.map((a) => post('/login', { email: a.email, password: PASSWORD })),
  expect: 202,
});

/** Sign-up with verified phones made beforehand, each once, every one with an address of its own. */
export const signup = (verified: { phone: string; token: string }[], run: string): EndpointSpec => ({
  name: 'POST /users',
  requests: [
    postEach('/users', (i) => {
      const v = verified[i % verified.length]!;
      return { email: `signup-${run}-${i}@example.com`, password: PASSWORD, phone_number: v.phone, token: v.token, name: `Signup ${i}` };
    }),
  ],
  expect: 201,
});

export const loginRefresh = (accounts: Account[]): EndpointSpec => ({
  name: 'POST /login/refresh',
  requests: accounts.map((a) => post('/login/refresh', { refresh: a.refresh })),
  expect: 202,
});

/** RFC 7662 as a resource server sends it: the user's access token as a form, an API key as Bearer. */
export const introspect = (accounts: Account[], apiKey: string): EndpointSpec => ({
  name: 'POST /introspect',
  requests: accounts.map((a) => ({
    method: 'POST',
    path: '/api/v1/introspect',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${a.access}`,
  })),
  expect: 200,
});

/**
 * The one endpoint a `--endpoints` name stands for (phone-verify without its confirm);
 * users-me-hs256 is users-me against a service with JWT_ALGORITHM=HS256.
 */
export function endpointOf(target: ProfileTarget, accounts: Account[], phones: PhoneNumbers, apiKey = ''): EndpointSpec {
  switch (target) {
    case 'users-me':
      return usersMe(accounts);
    case 'users-me-hs256':
      return usersMe(accounts, 'HS256');
    case 'introspect':
      return introspect(accounts, apiKey);
    case 'phone-verify':
      return phoneVerify(phones);
    case 'login':
      return login(accounts);
    case 'login-refresh':
      return loginRefresh(accounts);
    case 'signup':
      throw new Error('--endpoints=signup is measured, not profiled: its verified phones are made per run');
    case 'oidc':
      throw new Error('--endpoints=oidc is measured, not profiled: it runs a second service beside the first');
  }
}
