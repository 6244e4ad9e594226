/** What the runner prints: its lines, its notes, and the numbers in them. */
export const print = (line = '') => process.stdout.write(`${line}\n`);
export const note = (line: string) => print(`-- ${line}`);

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtPct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const fmtMb = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);

export function fmtCodes(codes: Record<string, number>): string {
  return Object.entries(codes)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, n]) => `${code}×${n}`)
    .join(' ') || 'no answers';
}
