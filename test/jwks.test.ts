import { createHmac } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { signingKeys } from '../src/db/schema/index.js';
import { openPrivateKey } from '../src/signing-keys/service.js';
import { hs256 } from './fuzz-inputs.js';
import { bearer, PASSWORD, SECRET, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function signedIn(env: Record<string, string> = {}) {
  t = await startApp(env);
  const { id } = await t.signUp();
  return { id, ...(await t.login({ email: 'kim@example.com', password: PASSWORD })) };
}

/** A token signed with the service's own private key (read from the database), to test the claims it checks. */
async function signWithServiceKey(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const [row] = await t.database.db.select().from(signingKeys);
  const key = await openPrivateKey(SECRET, row!);
  return new SignJWT(claims).setProtectedHeader({ alg: row!.algorithm, kid: row!.kid, typ: 'JWT', ...header }).sign(key);
}

describe('GET /.well-known/jwks.json', () => {
  it('publishes the signing key as a public ES256 JWK, cacheable for JWKS_MAX_AGE_SECONDS, that verifies the tokens', async () => {
    const { access, refresh, id } = await signedIn({ JWKS_MAX_AGE_SECONDS: '120' });
    const res = await t.get('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=120');
    expect(res.body.keys).toHaveLength(1);
    const [jwk] = res.body.keys;
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(decodeProtectedHeader(access)).toEqual({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' });

    const keySet = createLocalJWKSet(res.body);
    const { payload } = await jwtVerify(access, keySet, { issuer: 'account-service' });
    expect(payload).toMatchObject({ sub: String(id), user_id: id, token_type: 'access' });
    expect((await jwtVerify(refresh, keySet, { issuer: 'account-service' })).payload.token_type).toBe('refresh');
  });

  it.each([
    ['EdDSA', { kty: 'OKP', crv: 'Ed25519' }, ['alg', 'crv', 'kid', 'kty', 'use', 'x']],
    ['RS256', { kty: 'RSA', e: 'AQAB' }, ['alg', 'e', 'kid', 'kty', 'n', 'use']],
  ])('signs with JWT_ALGORITHM=%s and publishes its public key alone', async (alg, shape, members) => {
    const { access } = await signedIn({ JWT_ALGORITHM: alg });
    expect((await t.get('/users/me', bearer(access))).status).toBe(200);
    const { keys } = (await t.get('/.well-known/jwks.json')).body;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ ...shape, alg, use: 'sig' });
    expect(Object.keys(keys[0]).sort()).toEqual(members);
    expect(decodeProtectedHeader(access)).toMatchObject({ alg, kid: keys[0].kid, typ: 'JWT' });
    await jwtVerify(access, createLocalJWKSet({ keys }), { issuer: 'account-service' });
  });

  it('with JWT_ALGORITHM=HS256 publishes no keys and signs as SimpleJWT does, verifiable with a plain HMAC of SECRET_KEY', async () => {
    const { access, id } = await signedIn({ JWT_ALGORITHM: 'HS256' });
    expect((await t.get('/.well-known/jwks.json')).body).toEqual({ keys: [] });
    const [head, payload, signature] = access.split('.') as [string, string, string];
    expect(decodeProtectedHeader(access)).toEqual({ alg: 'HS256', kid: expect.stringMatching(/^hs256-/), typ: 'JWT' });
    expect(createHmac('sha256', SECRET).update(`${head}.${payload}`).digest('base64url')).toBe(signature);
    expect(decode(access)).toMatchObject({ token_type: 'access', user_id: id, sub: String(id), iss: 'account-service' });
    expect((await t.get('/users/me', bearer(access))).status).toBe(200);
  });

  it('with HS256 still accepts a token signed before tokens carried kid, sub and iss; with ES256 refuses it', async () => {
    const { access } = await signedIn({ JWT_ALGORITHM: 'HS256' });
    const { iss: _iss, sub: _sub, ...simpleJwt } = decode(access);
    const older = hs256({}, simpleJwt, SECRET);
    expect(decodeProtectedHeader(older)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect((await t.get('/users/me', bearer(older))).status).toBe(200);
    await t.close();

    const es = await signedIn();
    const sid = decode(es.access).sid;
    for (const token of [hs256({}, { ...simpleJwt, sid, user_id: es.id }, SECRET), hs256({}, { ...decode(es.access) }, SECRET)]) {
      expect((await t.get('/users/me', bearer(token))).status).toBe(401);
    }
  });

  it('puts JWT_ISSUER and JWT_AUDIENCE in iss and aud, and refuses a token of the right key with the wrong ones', async () => {
    const { access } = await signedIn({ JWT_ISSUER: 'https://accounts.example.com', JWT_AUDIENCE: 'product' });
    const claims = decode(access);
    expect(claims).toMatchObject({ iss: 'https://accounts.example.com', aud: 'product' });
    expect((await t.get('/users/me', bearer(await signWithServiceKey({ ...claims, jti: 'a'.repeat(32) })))).status).toBe(200);
    const wrong = [
      { ...claims, iss: 'account-service' },
      { ...claims, aud: 'another-product' },
      { ...claims, sub: '999' },
      { ...claims, exp: Math.floor(Date.now() / 1000) - 1 },
      { ...claims, user_id: String(claims.user_id) },
    ];
    for (const c of wrong) expect((await t.get('/users/me', bearer(await signWithServiceKey(c)))).status, JSON.stringify(c)).toBe(401);
    expect((await t.get('/users/me', bearer(await signWithServiceKey(claims, { typ: 'at+jwt' })))).status).toBe(401);
  });
});

describe('algorithm pinning', () => {
  it('refuses alg none, HS256 over SECRET_KEY or the public key, an RS256 header over the EC key, an unknown kid and a bad header', async () => {
    const { access } = await signedIn();
    const [head, payload, signature] = access.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as Record<string, unknown>;
    const claims = decode(access);
    const [jwk] = (await t.get('/.well-known/jwks.json')).body.keys;
    const forged = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'alg none with the kid': `${b64({ ...header, alg: 'none' })}.${payload}.`,
      'HS256 over SECRET_KEY': hs256({ kid: header.kid }, claims, SECRET),
      'HS256 over the public JWK': hs256({ kid: header.kid }, claims, JSON.stringify(jwk)),
      'HS256 over the public x': hs256({ kid: header.kid }, claims, jwk.x),
      'RS256 header over the EC key': `${b64({ ...header, alg: 'RS256' })}.${payload}.${signature}`,
      'ES384 header over the EC key': `${b64({ ...header, alg: 'ES384' })}.${payload}.${signature}`,
      'unknown kid': `${b64({ ...header, kid: 'no-such-key' })}.${payload}.${signature}`,
      'no kid': `${b64({ alg: 'ES256', typ: 'JWT' })}.${payload}.${signature}`,
      'kid not a string': `${b64({ ...header, kid: ['x'] })}.${payload}.${signature}`,
      'header not JSON': `${Buffer.from('{"alg":').toString('base64url')}.${payload}.${signature}`,
      'jwk in the header': `${b64({ ...header, jwk })}.${b64({ ...claims, user_id: 999 })}.${signature}`,
    };
    for (const [what, token] of Object.entries(forged)) {
      const res = await t.get('/users/me', bearer(token));
      expect(res.status, what).toBe(401);
      expect(res.body, what).toEqual({ detail: '유효하지 않거나 만료된 토큰입니다.', code: 'token_not_valid' });
    }
    expect((await t.get('/users/me', bearer(access))).status).toBe(200);
  });
});
