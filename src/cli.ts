#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { runCli } from './cli/run.js';

// The administration tool (`account-service …`, `npm run cli -- …`); see `account-service help`.
if (existsSync('.env')) process.loadEnvFile('.env');
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: () => text(process.stdin),
});
