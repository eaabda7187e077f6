import fs from 'node:fs';
import path from 'node:path';

/**
 * Every page a build wrote, as paths relative to the site's root: the root ('', a redirect), each
 * language's contents, catalogue and report pages (`<lang>/<slug>/`), and the 404 page. Read from the
 * output folder, so the browser tests cover pages added later without being told.
 */
export function builtPages(dir: string): string[] {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
  const pages = files.filter((f) => f === 'index.html' || f === '404.html' || /^[a-z]{2}\/(?:[^/]+\/)?index\.html$/.test(f));
  return pages.map((f) => f.replace(/index\.html$/, '')).sort();
}
