import fs from 'node:fs';
import path from 'node:path';
import { getCollection } from 'astro:content';
import { localize, type Locale } from '../notebook/types.ts';
import { ENV } from './config.ts';
import { buildPage, loadNotebook, missingTables, type PageModel } from './engine.ts';

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
    const skipped: { page: string; missing: string[] }[] = [];
    for (const entry of entries) {
      const nb = loadNotebook(path.resolve(entry.filePath!), entry.id);
      const missing = await missingTables(nb);
      if (missing.length) {
        console.log(`[cx] ${nb.path}: left out of this build: the data have no ${missing.join(', ')} table`);
        skipped.push({ page: nb.path, missing });
        continue;
      }
      pages.push({ slug: entry.id, ...(await buildPage(nb)) });
    }
    recordSkipped(skipped);
    return pages.sort((a, b) => a.notebook.order - b.notebook.order || a.slug.localeCompare(b.slug));
  })();
  return built;
}

function recordSkipped(skipped: { page: string; missing: string[] }[]): void {
  const file = process.env[ENV.buildInfo];
  if (!file) return;
  const info = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, JSON.stringify({ ...info, skippedPages: skipped }, null, 2));
}

export function navItems(pages: SitePage[], locale: Locale): NavItem[] {
  return pages.map((p) => ({ slug: p.slug, title: localize(p.notebook.title, locale) }));
}

export interface BuildInfo {
  synthetic: boolean;
  dataDir: string;
  quarters?: string[];
}

export function buildInfo(): BuildInfo {
  const file = process.env[ENV.buildInfo];
  return file ? JSON.parse(fs.readFileSync(file, 'utf8')) : { synthetic: false, dataDir: '' };
}
