import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ENV } from './site/config.ts';

/** Report notebooks: every Markdown file of the top-level pages/ folder (or --pages DIR). */
const pages = defineCollection({
  loader: glob({ pattern: '*.md', base: process.env[ENV.pagesDir] ?? './pages' }),
});

export const collections = { pages };
