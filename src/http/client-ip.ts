import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

/** Which proxies' `X-Forwarded-For` entries to believe: none, the nearest `hops` of them, or those at these addresses. */
export type TrustProxy = false | number | string[];

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The client's address, as the throttles count it and sessions and keys store it: a
     * valid IP of at most 45 characters (an IPv4-mapped IPv6 address is the longest), or
     * `unknown` for a connection that has none.
     */
    clientIp: string;
  }
}

const UNKNOWN = 'unknown';
const isAddress = (a: string | undefined): a is string => a !== undefined && a.length <= 45 && isIP(a) !== 0;

/**
 * TRUST_PROXY as Fastify's `trustProxy`: proxy-addr compiles a list of addresses and CIDRs.
 * Fastify refuses a bare hop count (it cannot tell a proxy from a client that reached the
 * service directly), so the count is the trust function proxy-addr documents for it: the
 * nearest `hops` hops are proxies.
 */
export function fastifyTrustProxy(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return trust;
}

/**
 * `request.clientIp`. Behind trusted proxies it is the nearest untrusted hop that proxy-addr
 * found (`request.ips` runs from the socket's peer outwards); an entry there that is not an
 * IP (a proxy that passed on what a client wrote) ends the walk at the hop before it, so
 * junk is neither stored nor a fresh throttle bucket.
 */
export function installClientIp(app: FastifyInstance, trust: TrustProxy): void {
  app.decorateRequest('clientIp', {
    getter(this: FastifyRequest) {
      if (trust === false) return isAddress(this.ip) ? this.ip : UNKNOWN;
      let ip = UNKNOWN;
      for (const hop of this.ips ?? []) {
        if (!isAddress(hop)) break;
        ip = hop;
      }
      return ip;
    },
  });
}
