import { variablesOf } from './read.js';
import { configTable } from './table.js';

/** docs/configuration.md's table is what stands between these two lines; `npm run docs:config` writes it. */
export const TABLE_START = '<!-- configuration table: written by `npm run docs:config` from src/config/table.ts; edit it there -->';
export const TABLE_END = '<!-- end of the configuration table -->';

const cell = (s: string) => s.replaceAll('|', '\\|');

/** The configuration table in Markdown: one row per variable, in the table's order. */
export function configurationTable(): string {
  const rows = variablesOf(configTable).map((v) => {
    const meaning = v.neededBy ? `${v.doc}; required with \`SMS_PROVIDER=${v.neededBy}\`` : v.doc;
    return `| \`${v.name}\` | ${cell(v.shownDefault)} | ${cell(meaning)} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Where the table stands in `page`: just after the start marker, up to the end marker. */
function tableSpan(page: string): [number, number] {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/configuration.md: the configuration table markers are missing');
  return [start + TABLE_START.length, end];
}

/** The table that `page` shows now. */
export function configurationTableIn(page: string): string {
  const [from, to] = tableSpan(page);
  return page.slice(from, to).trim();
}

/** `page` with the text between the markers replaced by the current table. */
export function withConfigurationTable(page: string): string {
  const [from, to] = tableSpan(page);
  return `${page.slice(0, from)}\n${configurationTable()}\n${page.slice(to)}`;
}
