import { Type } from 'typebox';
import { apiKeyRefusals, requireApiKey } from '../api-keys/guard.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/schema/index.js';
import type { EventRow } from '../events/outbox.js';
import { errorResponses, NoContent, ProfileText, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { formatPhoneNumber } from '../phone/phone-number.js';
import { oidcClientRoutes } from './oidc-clients-routes.js';
import { adminSource, auditLog, deleteUser, endSessions, keptUser, listUsers, turnOffSecondFactor, updateUser, userDetails } from './service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const AdminUser = Type.Object({
  id: Type.Integer(),
  email: Nullable(Type.String()),
  name: Nullable(Type.String()),
  nickname: Nullable(Type.String()),
  phone_number: Nullable(Type.String()),
  is_active: Type.Boolean(),
  is_admin: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});
const AdminUserDetails = Type.Intersect([
  AdminUser,
  Type.Object({
    last_login_at: Nullable(Type.String({ format: 'date-time' })),
    mfa_enabled: Type.Boolean(),
    live_sessions: Type.Integer(),
    passkeys: Type.Integer({ description: 'How many passkeys the account has' }),
    identities: Type.Array(
      Type.Object({
        provider: Type.String(),
        linked_at: Type.String({ format: 'date-time' }),
        last_used_at: Nullable(Type.String({ format: 'date-time' })),
      }),
      { description: 'The linked social accounts' },
    ),
  }),
]);
const Event = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String(),
  occurred_at: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: '`user`, `admin:<api key id>`, `cli` or `system`' }),
  ip: Nullable(Type.String()),
  user_id: Type.Union([Type.Integer(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});
const page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ results: Type.Array(item), next: Type.Union([Type.String(), Type.Null()], { description: 'The cursor of the next page, or null' }) });
const UserId = Type.Object({ id: Type.String({ description: 'The user id' }) });
const refusals = errorResponses(...apiKeyRefusals, 'not_found');

/**
 * `/admin/*`: for operators' tools, with an API key of scope `admin` (never a user's token).
 * Withdrawn accounts are gone here (404), as everywhere else.
 */
export function adminRoutes(app: App, ctx: AppContext): void {
  const shape = (u: UserRow) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    nickname: u.nickname,
    phone_number: u.phoneNumber ? formatPhoneNumber(u.phoneNumber, ctx.config.phone) : null,
    is_active: u.isActive,
    is_admin: u.isAdmin,
    created_at: u.createdAt.toISOString(),
  });
  const eventShape = (e: EventRow) => ({
    id: e.id,
    type: e.type,
    occurred_at: e.occurredAt.toISOString(),
    actor: e.actor,
    ip: e.ip,
    user_id: e.userId,
    data: e.data as Record<string, unknown>,
  });
  const guarded = { onRequest: requireApiKey({ db: ctx.db, secretKey: ctx.config.secretKey }, 'admin') };
  const schema = { tags: ['admin'], security: [{ adminKey: [] }] };

  app.get(
    '/admin/users',
    {
      ...guarded,
      schema: {
        ...schema,
        summary: 'Accounts, newest first',
        description: '`q` matches an email prefix (case-insensitively), a phone number in any accepted format, or an id.',
        querystring: Type.Object({ q: Type.Optional(Text(254)), limit: Type.Optional(Text(8)), after: Type.Optional(Text(64)) }),
        response: { 200: page(AdminUser), ...errorResponses(...apiKeyRefusals) },
      },
    },
    async (request) => {
      const { results, next } = await listUsers(ctx, request.query);
      return { results: results.map(shape), next };
    },
  );

  app.get(
    '/admin/users/:id',
    { ...guarded, schema: { ...schema, summary: 'One account', params: UserId, response: { 200: AdminUserDetails, ...refusals } } },
    async (request) => {
      const { user, liveSessions, lastLoginAt, mfaEnabled, passkeys, identities } = await userDetails(ctx, await keptUser(ctx, request.params.id));
      return {
        ...shape(user),
        last_login_at: lastLoginAt?.toISOString() ?? null,
        mfa_enabled: mfaEnabled,
        live_sessions: liveSessions,
        passkeys,
        identities: identities.map((i) => ({ provider: i.provider, linked_at: i.linkedAt.toISOString(), last_used_at: i.lastUsedAt?.toISOString() ?? null })),
      };
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      ...guarded,
      schema: {
        ...schema,
        summary: 'Change name, nickname, or whether it may log in; deactivating revokes every session at once',
        params: UserId,
        body: Type.Object({
          name: Type.Optional(ProfileText(255)),
          nickname: Type.Optional(ProfileText(255)),
          is_active: Type.Optional(Type.Boolean()),
        }),
        response: { 200: AdminUser, ...refusals },
      },
    },
    async (request) => {
      const user = await keptUser(ctx, request.params.id);
      return shape(await updateUser(ctx, adminSource(request.apiKey!.id, request.clientIp), user, request.body));
    },
  );

  app.delete(
    '/admin/users/:id',
    {
      ...guarded,
      schema: { ...schema, summary: 'Withdraw the account, as DELETE /users/me does', params: UserId, response: { 204: NoContent, ...refusals } },
    },
    async (request, reply) => {
      await deleteUser(ctx, adminSource(request.apiKey!.id, request.clientIp), await keptUser(ctx, request.params.id));
      return reply.code(204).send();
    },
  );

  app.delete(
    '/admin/users/:id/sessions',
    { ...guarded, schema: { ...schema, summary: 'Revoke every session of the account', params: UserId, response: { 204: NoContent, ...refusals } } },
    async (request, reply) => {
      await endSessions(ctx, adminSource(request.apiKey!.id, request.clientIp), await keptUser(ctx, request.params.id));
      return reply.code(204).send();
    },
  );

  app.delete(
    '/admin/users/:id/mfa',
    {
      ...guarded,
      schema: {
        ...schema,
        summary: 'Turn the account\'s second factor off: its authenticator app and recovery codes',
        description:
          'For an owner who lost the app, or whom a password thief locked out by setting one up. Recorded as ' +
          '`mfa.disabled`; `204` whether or not there was one.',
        params: UserId,
        response: { 204: NoContent, ...refusals },
      },
    },
    async (request, reply) => {
      await turnOffSecondFactor(ctx, adminSource(request.apiKey!.id, request.clientIp), await keptUser(ctx, request.params.id));
      return reply.code(204).send();
    },
  );

  app.get(
    '/admin/events',
    {
      ...guarded,
      schema: {
        ...schema,
        summary: 'The audit log, newest first',
        querystring: Type.Object({
          user_id: Type.Optional(Text(20)),
          type: Type.Optional(Text(64)),
          before: Type.Optional(Text(64)),
          limit: Type.Optional(Text(8)),
        }),
        response: { 200: page(Event), ...errorResponses(...apiKeyRefusals) },
      },
    },
    async (request) => {
      const { results, next } = await auditLog(ctx, request.query);
      return { results: results.map(eventShape), next };
    },
  );

  oidcClientRoutes(app, ctx);
}
