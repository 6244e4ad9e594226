/**
 * Rewrites docs/configuration.md's table from the configuration table in
 * src/config/table.ts: `npm run docs:config` (which compiles src/ first) after adding or
 * changing a variable. test/config.test.ts fails while the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigurationTable } from '../dist/config/docs-table.js';

const page = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
const before = readFileSync(page, 'utf8');
const after = withConfigurationTable(before);
if (after !== before) writeFileSync(page, after);
console.log(after === before ? 'docs/configuration.md: the configuration table was up to date' : 'docs/configuration.md: configuration table rewritten');
