import type { FastifyRequest } from 'fastify';

/** How long, and how much, a refused body is still read and thrown away before its connection is closed. */
const LINGER_MS = 5_000;
const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * For an answer sent before the request's body was read (a 413): Node ends a `Connection:
 * close` answer with `socket.destroySoon()`, closing the socket once the answer is written.
 * Closed with unread bytes in its buffer, a socket sends a reset, which can reach the client
 * before it has read the answer and destroy it (RFC 9112, section 9.6). So this connection
 * closes as HTTP/1.1 servers close one (nginx's lingering close): the answer, then a FIN,
 * then whatever the client still sends is read and dropped until the body has ended, the
 * client has closed its side, or a bound is reached; only then is the socket closed.
 */
export function closeAfterDraining(request: FastifyRequest): void {
  const { raw } = request;
  const socket = raw.socket as (typeof raw.socket & { destroySoon?: () => void }) | null;
  if (!socket || socket.destroyed || raw.complete || typeof socket.destroySoon !== 'function') return;
  socket.destroySoon = () => {
    socket.end();
    let closing = false;
    // destroy() drops writes still buffered: only once the answer and the FIN are out.
    const close = () => {
      if (closing) return;
      closing = true;
      if (socket.writableFinished) socket.destroy();
      else socket.once('finish', () => socket.destroy());
    };
    if (raw.complete) return close();
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', close);
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_BYTES) close();
    });
    raw.once('end', close);
    raw.resume();
  };
}
