import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';

/**
 * The docs stay connected: every relative link in the Markdown resolves to a file of the repository (and its
 * `#anchor` to a heading there), and every `docs/….md` a source comment names exists. CONTRACT.md is not part
 * of the repository, so nothing may send a reader to it.
 */

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['cli', 'lambdas', 'local', 'lib', 'bin', 'scripts', 'bench'];
const SOURCE_EXTENSIONS = /\.(ts|mjs|js)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'cdk.out', 'coverage', '.git', '.social-duty']);

/** the repository's files, relative and with `/`: tracked plus new ones not ignored, so a new doc counts */
function repositoryFiles(): string[] | undefined {
  try {
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return listed
      .split('\0')
      .filter((f) => f !== '')
      .filter((f) => existsSync(join(ROOT, f)));
  } catch {
    return undefined; // not a git checkout (an exported tarball): fall back to the file system
  }
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full, keep));
    else if (keep(full)) found.push(full);
  }
  return found;
}

const toRepoPath = (absolute: string): string => relative(ROOT, absolute).split(sep).join('/');

const FILES = repositoryFiles();
const FILE_SET = FILES ? new Set(FILES) : undefined;

function markdownFiles(): string[] {
  if (FILES) return FILES.filter((f) => f.endsWith('.md')).sort();
  const top = ['README.md', 'CONTRIBUTING.md'].filter((f) => existsSync(join(ROOT, f)));
  return [...top, ...walk(join(ROOT, 'docs'), (f) => f.endsWith('.md')).map(toRepoPath)].sort();
}

function sourceFiles(): string[] {
  const inDirs = (f: string) => SOURCE_DIRS.some((d) => f.startsWith(`${d}/`));
  if (FILES) return FILES.filter((f) => inDirs(f) && SOURCE_EXTENSIONS.test(f)).sort();
  return SOURCE_DIRS.flatMap((d) => walk(join(ROOT, d), (f) => SOURCE_EXTENSIONS.test(f)))
    .map(toRepoPath)
    .sort();
}

/** whether a repository path (file or folder, no trailing slash) is part of the repository */
function inRepository(path: string): boolean {
  if (path === '') return true;
  if (!FILE_SET) return existsSync(join(ROOT, path));
  return FILE_SET.has(path) || [...FILE_SET].some((f) => f.startsWith(`${path}/`));
}

/** the Markdown with fenced code blocks and inline code blanked out, line numbers kept */
function withoutCode(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split(/\r?\n/).map((line) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
      return '';
    }
    if (opener) {
      fence = opener;
      return '';
    }
    return line.replace(/(`+)(?:(?!\1).)+?\1/g, (code) => ' '.repeat(code.length));
  });
}

/** GitHub's anchor for a heading: its text lower-cased, punctuation (`*`, backticks…) dropped, spaces hyphens */
function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link counts by its text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();

/** every anchor a Markdown file has: its headings' slugs (repeats numbered as GitHub does) and HTML ids */
function anchorsOf(repoPath: string): Set<string> {
  const cached = anchorCache.get(repoPath);
  if (cached) return cached;
  const source = readFileSync(join(ROOT, repoPath), 'utf8');
  const raw = source.split(/\r?\n/);
  const lines = withoutCode(source);
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const addHeading = (text: string) => {
    const slug = githubSlug(text);
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  };
  lines.forEach((line, i) => {
    const atx = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(raw[i] ?? '');
    if (atx && line.trim() !== '') addHeading(atx[1] ?? '');
    else if (i > 0 && /^\s{0,3}(=+|-+)\s*$/.test(line) && /\S/.test(lines[i - 1] ?? '')) {
      const above = raw[i - 1] ?? '';
      if (!/^\s*([-*+]|\d+[.)]|>|\|)/.test(above)) addHeading(above);
    }
    for (const id of line.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/gi)) anchors.add(id[1] ?? '');
  });
  anchorCache.set(repoPath, anchors);
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** inline links and images `[text](target "title")`, and reference definitions `[label]: target` */
function linksIn(markdown: string): Link[] {
  const links: Link[] = [];
  withoutCode(markdown).forEach((line, i) => {
    for (const m of line.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g))
      links.push({ line: i + 1, target: m[1] ?? '' });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(line);
    if (definition) links.push({ line: i + 1, target: definition[1] ?? '' });
  });
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** what is wrong with one link from the Markdown file `from`, or undefined when it resolves */
function linkProblem(from: string, target: string): string | undefined {
  const hash = target.indexOf('#');
  const rawPath = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 'is not a valid URL';
  }
  const resolved = path.startsWith('/')
    ? posix.normalize(path.slice(1))
    : posix.normalize(posix.join(posix.dirname(from), path));
  const file = path === '' ? from : resolved.replace(/\/+$/, '').replace(/^\.$/, '');
  if (file.startsWith('..')) return 'points outside the repository';
  if (!inRepository(file)) return `${file} is not in the repository`;
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return undefined;
  if (statSync(join(ROOT, file)).isDirectory()) return undefined;
  return anchorsOf(file).has(anchor.toLowerCase()) ? undefined : `${file} has no heading for #${anchor}`;
}

describe('links between the docs', () => {
  const markdown = markdownFiles();

  it('finds the Markdown files to check', () => {
    expect(markdown).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/simulate.md']));
    expect(markdown.some((f) => f.startsWith('docs/decisions/'))).toBe(true);
  });

  it('makes anchors the way GitHub does', () => {
    expect(githubSlug('`simulate --json` and its seed file')).toBe('simulate---json-and-its-seed-file');
    expect(githubSlug('The seed file')).toBe('the-seed-file');
    expect(githubSlug("What's new: 0.1 (beta) & more")).toBe('whats-new-01-beta--more');
    expect(githubSlug('snake_case and **bold**')).toBe('snake_case-and-bold');
  });

  it('every relative link in the Markdown resolves, anchors included', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of markdown) {
      for (const { line, target } of linksIn(readFileSync(join(ROOT, file), 'utf8'))) {
        if (isExternal(target)) continue;
        checked += 1;
        const problem = linkProblem(file, target);
        if (problem) problems.push(`${file}:${line}: (${target}) ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('every docs file a source file names exists', () => {
    const problems: string[] = [];
    for (const file of sourceFiles()) {
      readFileSync(join(ROOT, file), 'utf8')
        .split(/\r?\n/)
        .forEach((text, i) => {
          for (const m of text.matchAll(/(?<![\w/.-])docs\/[\w./-]*?\.md\b/g))
            if (!inRepository(m[0])) problems.push(`${file}:${i + 1}: names ${m[0]}, which does not exist`);
        });
    }
    expect(problems).toEqual([]);
  });

  it('nothing mentions CONTRACT.md, which is not part of the repository', () => {
    const problems: string[] = [];
    for (const file of [...sourceFiles(), ...markdown]) {
      readFileSync(join(ROOT, file), 'utf8')
        .split(/\r?\n/)
        .forEach((text, i) => {
          if (/CONTRACT\.md/i.test(text)) problems.push(`${file}:${i + 1}: mentions CONTRACT.md`);
        });
    }
    expect(problems).toEqual([]);
  });
});
