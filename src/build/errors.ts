import fs from 'node:fs';
import path from 'node:path';

/**
 * The one message a failed build prints for its error: what went wrong and where, never an internal
 * stack trace. A page mistake is the user's to fix, and its message already names the file
 * and line; an error Astro raises while reading a page (its frontmatter, its Markdown) carries the
 * file and line in `loc`; anything else is said in one line, its stack printed only with CX_DEBUG=1.
 */
/** A mistake in how the build was asked for (its options), said before anything is built. */
export class BuildOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildOptionError';
  }
}

/** The options' mistakes, if any: a pages folder that is missing or holds no page, a base that is not a path. */
export function checkBuildOptions(options: { pages: string; base?: string }): void {
  if (!fs.existsSync(options.pages) || !fs.statSync(options.pages).isDirectory()) {
    throw new BuildOptionError(`--pages ${options.pages}: there is no such folder (it should hold the report's pages, *.md)`);
  }
  if (!fs.readdirSync(options.pages).some((name) => name.endsWith('.md'))) {
    throw new BuildOptionError(`--pages ${options.pages}: the folder holds no page (*.md)`);
  }
  if (options.base !== undefined && !options.base.startsWith('/')) {
    throw new BuildOptionError(`--base ${options.base}: the base is the site's path on its host and starts with / (e.g. --base /cx-report/)`);
  }
}

/** After the pages were built: a site whose every page was left out for want of data is no report. */
export function checkSomePageBuilt(siteDir: string, pagesDir: string): void {
  const built = fs.existsSync(path.join(siteDir, 'en')) ? fs.readdirSync(path.join(siteDir, 'en'), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'catalog') : [];
  if (built.length === 0) throw new BuildOptionError(`no page of ${pagesDir} could be built from these data: every page was left out (the lines above say why)`);
}

export function buildErrorMessage(error: unknown, root: string, debug = false): string {
  if (!(error instanceof Error)) return `[cx] build error: ${String(error)}`;
  // Our own errors; a page error comes from Astro's module graph, so it is recognised by name, not instanceof.
  if (error.name === 'NotebookError' || error.name === 'BuildOptionError') return `[cx] ${error.message}`;
  const own = causeNamed(error, 'NotebookError');
  if (own) return `[cx] ${own.message}`;
  const loc = (error as { loc?: { file?: string; line?: number } }).loc;
  const where = loc?.file ? `${shown(loc.file, root)}${loc.line ? `:${loc.line}` : ''}: ` : '';
  const what = error.name === 'MarkdownError' ? "the page's frontmatter (between the --- lines) could not be read: " : '';
  const message = withoutStack(error.message);
  const hint = debug ? `\n${error.stack ?? ''}` : where ? '' : ' (set CX_DEBUG=1 to see where in the code)';
  return `[cx] ${where}${what}${message}${hint}`;
}

/** The first error in a chain of `cause`s with this name. */
function causeNamed(error: Error, name: string): Error | undefined {
  for (let e: unknown = error.cause, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) if (e.name === name) return e;
  return undefined;
}

/** A message without any "    at …" lines some libraries fold into it. */
function withoutStack(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s+at\s/.test(line))
    .join('\n')
    .trim();
}

function shown(file: string, root: string): string {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
