import type { UserRow } from '../db/schema.js';
import type { ImportReport } from './import-django.js';

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
      u.email ?? '(withdrawn)',
      u.phoneNumber ?? '-',
      u.isActive ? 'yes' : 'no',
      u.isAdmin ? 'yes' : 'no',
      u.createdAt.toISOString().slice(0, 10),
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function printReport(out: (line: string) => void, r: ImportReport): void {
  out(
    `${r.dryRun ? 'dry run, nothing written: ' : ''}read ${r.read}, inserted ${r.inserted}, updated ${r.updated}, ` +
      `unchanged ${r.unchanged}, kept (in use here) ${r.kept}, skipped ${r.skipped.length}`,
  );
  if (r.withoutPassword) out(`${r.withoutPassword} imported without a usable password: they log in by SMS key or reset it`);
  for (const s of r.skipped) out(`skipped ${s.email}: ${s.reason}`);
}
