import path from 'node:path';
import { getCollection } from 'astro:content';
import { localize, type Locale } from '../text/locale.ts';
import { ui } from './i18n.ts';
export { buildInfo } from './build-info.ts';
import { buildPage, loadNotebook, unsupportedBecause, type PageModel } from './engine.ts';

/** The data catalogue's route; notebooks may not take this name. */
export const CATALOG_SLUG = 'catalog';

export interface SitePage extends PageModel {
  slug: string;
}

export interface NavItem {
  slug: string;
  title: string;
}

let built: Promise<SitePage[]> | undefined;

/** Every page the data can support, built once per site build, in their `order`. */
export function sitePages(): Promise<SitePage[]> {
  built ??= (async () => {
    const entries = await getCollection('pages');
    const pages: SitePage[] = [];
    for (const entry of entries) {
      if (entry.id === CATALOG_SLUG) throw new Error(`${entry.filePath}: the page name "${CATALOG_SLUG}" is the data catalogue's; rename the file`);
      const nb = loadNotebook(path.resolve(entry.filePath!), entry.id);
      const why = await unsupportedBecause(nb);
      if (why) {
        console.log(`[cx] ${nb.path}: left out of this build: ${why}`);
        continue;
      }
      const started = performance.now();
      const page = await buildPage(nb);
      pages.push({ slug: entry.id, ...page });
      // One line per page: on a large build, where the time goes and what each page's reader fetches.
      const bytes = page.tables.reduce((sum, t) => sum + t.bytes, 0);
      console.log(`[cx] ${nb.path}: built in ${((performance.now() - started) / 1000).toFixed(1)} s; its engine fetches ${(bytes / 1048576).toFixed(2)} MiB in ${page.tables.length} data files`);
    }
    return pages.sort((a, b) => a.notebook.order - b.notebook.order || a.slug.localeCompare(b.slug));
  })();
  return built;
}

/** The report's pages in order, then the data catalogue, which every build has. */
export function navItems(pages: SitePage[], locale: Locale): NavItem[] {
  return [...pages.map((p) => ({ slug: p.slug, title: localize(p.notebook.title, locale) })), { slug: CATALOG_SLUG, title: ui(locale).catalog }];
}
