/**
 * Rewrites README.md's configuration table from the configuration table in
 * src/config/table.ts: `npm run docs:config` (which compiles src/ first) after adding or
 * changing a variable. test/config.test.ts fails while the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigurationTable } from '../dist/config/readme.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = withConfigurationTable(before);
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README.md: the configuration table was up to date' : 'README.md: configuration table rewritten');
