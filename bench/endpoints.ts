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

export const usersMe = (accounts: Account[]): EndpointSpec => ({
  name: 'GET /users/me',
  requests: accounts.map((a) => ({ method: 'GET', path: '/api/v1/users/me', headers: { authorization: `Bearer ${a.access}` } })),
  expect: 200,
});

/** Every request asks a key for a phone of its own. */
export const phoneVerify = (phones: PhoneNumbers): EndpointSpec => ({
  name: 'POST /phone-verify',
  requests: [
    {
      ...post('/phone-verify', {}),
      setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify({ phone_number: phones.take().dashed }) }),
    },
  ],
  expect: 201,
});

/** Each key is confirmed once, in the order the keys came. */
export function confirm(keys: { phone: string; key: string }[]): EndpointSpec {
  let next = 0;
  return {
    name: 'POST /phone-verify/confirm',
    requests: [
      {
        ...post('/phone-verify/confirm', {}),
        setupRequest: (req) => {
          const k = keys[next++ % keys.length]!;
          return { ...req, body: JSON.stringify({ phone_number: k.phone, key: k.key }) };
        },
      },
    ],
    expect: 200,
  };
}

export const login = (accounts: Account[]): EndpointSpec => ({
  name: 'POST /login',
  requests: accounts.map((a) => post('/login', { email: a.email, password: PASSWORD })),
  expect: 202,
});

export const loginRefresh = (accounts: Account[]): EndpointSpec => ({
  name: 'POST /login/refresh',
  requests: accounts.map((a) => post('/login/refresh', { refresh: a.refresh })),
  expect: 202,
});

/** The one endpoint a `--endpoints` name stands for (phone-verify without its confirm). */
export function endpointOf(target: ProfileTarget, accounts: Account[], phones: PhoneNumbers): EndpointSpec {
  switch (target) {
    case 'users-me':
      return usersMe(accounts);
    case 'phone-verify':
      return phoneVerify(phones);
    case 'login':
      return login(accounts);
    case 'login-refresh':
      return loginRefresh(accounts);
  }
}
