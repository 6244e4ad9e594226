import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The documentation is several pages that link to each other (README is the front door to
 * docs/): a moved page or a renamed heading must fail here, not leave a dead link. Anchors
 * are matched as GitHub makes them from headings.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = readdirSync(resolve(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const pages = ['README.md', 'SECURITY.md', 'bench/README.md', 'client/README.md', ...docs];

/** The lines of `markdown` outside fenced code blocks. */
function outsideFences(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    const fence = /^\s*(```|~~~)/.test(line);
    if (fence) fenced = !fenced;
    return !fence && !fenced;
  });
}

/** GitHub's anchors: lowercased text of each heading, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of outsideFences(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]/gu, '').replaceAll(' ', '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** What is wrong with each link of the page at `path` (relative to `base`), or [] when every link resolves. */
function brokenLinks(path: string, markdown: string, base = root): string[] {
  // Inline code spans are text, not links; one may run over a line end, never over a paragraph's.
  const paragraphs = outsideFences(markdown).join('\n').split(/\n\s*\n/);
  const prose = paragraphs.map((paragraph) => paragraph.replace(/`+[^`]*`+/g, 'code'));
  const targets = prose.flatMap((line) => [...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!));
  return targets.flatMap((target) => {
    if (/^https?:\/\//.test(target)) return [];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return [`${target}: not a file of the repository nor a web URL`];
    const [file, anchor] = target.split('#') as [string, string | undefined];
    if (!file) return anchorsOf(markdown).has(anchor!) ? [] : [`${target}: no such heading`];
    const resolved = resolve(dirname(resolve(base, path)), decodeURIComponent(file));
    if (relative(base, resolved).startsWith('..')) return [`${target}: outside the repository`];
    if (!existsSync(resolved)) return [`${target}: no such file`];
    if (anchor === undefined) return [];
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return [`${target}: an anchor into something that is not a page`];
    return anchorsOf(readFileSync(resolved, 'utf8')).has(anchor) ? [] : [`${target}: no such heading`];
  });
}

describe('the links between the documentation pages', () => {
  it.each(pages)('%s: every relative link leads to a file, and every anchor to a heading, of the repository', (page) => {
    expect(brokenLinks(page, readFileSync(resolve(root, page), 'utf8'))).toEqual([]);
  });

  it('README links to every page in docs/', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    const unlinked = docs.filter((p) => !readme.includes(`](${p}`));
    expect(unlinked).toEqual([]);
  });

  it('finds a missing page, a missing heading, a link out of the repository and one to a local file URL', () => {
    const page = [
      '# A page', '## Two words', '',
      '[ok](#two-words) [ok](README.md#account-service) [ok](https://example.com/x) [gone](docs/none.md)',
      '[bad anchor](#three-words) [out](../shared/notes.md) [file](file:///etc/passwd)',
      '```', '[in code](nowhere.md)', '```', 'and `[in a span](nowhere.md)`, `a span over', 'two lines [in it](nowhere.md)`',
    ].join('\n');
    expect(brokenLinks('page.md', page)).toEqual([
      'docs/none.md: no such file',
      '#three-words: no such heading',
      '../shared/notes.md: outside the repository',
      'file:///etc/passwd: not a file of the repository nor a web URL',
    ]);
  });

  it('makes anchors as GitHub does: punctuation dropped, code and links as their text, repeats numbered', () => {
    const anchors = anchorsOf('# Walk-through: sign-up → login → me\n## `POST /phone-verify` (issue 18)\n## Notes\n## Notes\n```sh\n# a comment\n```');
    expect([...anchors]).toEqual(['walk-through-sign-up--login--me', 'post-phone-verify-issue-18', 'notes', 'notes-1']);
  });
});
