import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

/** Report notebooks: every Markdown file of the top-level pages/ folder (or --pages DIR). */
const pages = defineCollection({
  loader: glob({ pattern: '*.md', base: process.env.CX_PAGES_DIR ?? './pages' }),
});

export const collections = { pages };
