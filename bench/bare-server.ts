import { createServer } from 'node:http';

/**
 * The machine's ceiling: a bare node:http server answering a fixed JSON body the size of
 * a /users/me answer. Started as a child process by run.ts; prints its port when ready.
 */
const body = Buffer.from(
  JSON.stringify({ id: 1, email: 'user@example.com', name: 'Bench', nickname: '', phone_number: '01012345678' }),
);
const server = createServer((req, res) => {
  // Drain any request body, as a real server must, before answering.
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
