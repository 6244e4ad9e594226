import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The client IP of the request an interaction route (interaction-routes.ts) is serving, for
 * the consent event a grant it saves records; inside the provider's own requests the
 * library's context has it.
 */
const store = new AsyncLocalStorage<string>();

export const withRequestIp = <T>(ip: string, run: () => Promise<T>): Promise<T> => store.run(ip, run);

export const requestIp = (): string | undefined => store.getStore();
