/*
 * The Drizzle schema, one file per owner of its tables (the feature whose repository
 * writes them): drizzle-kit reads this folder to write migrations into drizzle/.
 */
export * from './api-keys.js';
export * from './events.js';
export * from './identities.js';
export * from './login.js';
export * from './mfa.js';
export * from './oidc-provider.js';
export * from './passkeys.js';
export * from './phone-verify.js';
export * from './sessions.js';
export * from './signing-keys.js';
export * from './social.js';
export * from './throttle.js';
export * from './users.js';
