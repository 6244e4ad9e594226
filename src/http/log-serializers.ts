import type { FastifyRequest } from 'fastify';

/** Request URLs whose query carries a secret (a provider's code and state, a social flow's result): logged without it. */
const SECRET_QUERIES = /^\/(api\/v1\/oauth\/|account\/social)/;

/** Pino's serializers of the service's logs: the request as Fastify logs it, its URL stripped of a secret query. */
export const logSerializers = {
  req(req: FastifyRequest) {
    const url = SECRET_QUERIES.test(req.url) ? req.url.replace(/\?.*$/, '?…') : req.url;
    const version = req.headers['accept-version'];
    return {
      method: req.method,
      url,
      version: typeof version === 'string' ? version : undefined,
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket?.remotePort,
    };
  },
};
