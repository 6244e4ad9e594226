import type { UserRow } from '../db/schema/index.js';
import type { ImportReport } from './import-django.js';

/**
 * Characters that must never reach a terminal raw: C0 (ESC starts escape sequences), DEL,
 * C1 (U+009B is a one-character CSI), bidi controls (they reorder what is shown) and line
 * separators. Names, emails and Django rows are anyone's text.
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A value from the database or a user, fit for one cell of one line: every unsafe character escaped, newlines too. */
export const shown = (value: string): string => value.replace(UNSAFE, escaped);

/** A line to print: unsafe characters escaped, its own line breaks kept. The last guard on every line the CLI prints. */
export const safeLine = (line: string): string => line.replace(UNSAFE, (c) => (c === '\n' ? c : escaped(c)));

/**
 * JSON for scripts, with nothing raw a terminal could act on: JSON.stringify escapes C0 in
 * strings but not DEL, C1 or bidi controls; `\uXXXX` is the same JSON text to a parser.
 */
export const json = (value: unknown): string => safeLine(JSON.stringify(value, null, 2));

/** What the CLI prints: plain columns for people, `--json` for scripts. Never a password hash. */
export function publicFields(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    phone_number: u.phoneNumber,
    name: u.name,
    nickname: u.nickname,
    is_active: u.isActive,
    is_admin: u.isAdmin,
    created_at: u.createdAt.toISOString(),
  };
}

export function table(rows: UserRow[]): string {
  const lines = [['id', 'email', 'phone', 'active', 'admin', 'created']];
  for (const u of rows) {
    lines.push([
      String(u.id),
      u.email === null ? '(withdrawn)' : shown(u.email),
      u.phoneNumber ?? '-',
      u.isActive ? 'yes' : 'no',
      u.isAdmin ? 'yes' : 'no',
      u.createdAt.toISOString().slice(0, 10),
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** `key   value` lines, each value shown safely. */
export function details(fields: Record<string, unknown>): string[] {
  return Object.entries(fields).map(([k, v]) => `${k.padEnd(14)} ${v === null ? '-' : shown(String(v))}`);
}

export function printReport(out: (line: string) => void, r: ImportReport): void {
  out(
    `${r.dryRun ? 'dry run, nothing written: ' : ''}read ${r.read}, inserted ${r.inserted}, updated ${r.updated}, ` +
      `unchanged ${r.unchanged}, kept (in use here) ${r.kept}, skipped ${r.skipped.length}`,
  );
  if (r.withoutPassword) out(`${r.withoutPassword} imported without a usable password: they log in by SMS key or reset it`);
  for (const s of r.skipped) out(`skipped ${shown(s.email)}: ${shown(s.reason)}`);
}
