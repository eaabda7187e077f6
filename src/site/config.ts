/**
 * How scripts/build.ts tells the Astro build which data, pages and engine file to use. Environment
 * variables, because Astro renders pages in the same process but in its own module graph.
 */
export const ENV = {
  tablesDir: 'CX_TABLES_DIR', // folder of the prepared table files (the build's engine loads them)
  siteDataDir: 'CX_SITE_DATA_DIR', // folder the pages' column slices are written to (published as /_data/)
  pagesDir: 'CX_PAGES_DIR',
  buildInfo: 'CX_BUILD_INFO', // absolute path of build-info.json (contract report, skipped pages)
  statesDir: 'CX_STATES_DIR', // folder the precomputed input states are written to (published as /_states/)
} as const;

/** Folder of the built site that holds the data files (the pages' column slices). */
export const DATA_URL_DIR = '_data';

/** Folder of the built site that holds the precomputed input states (src/site/precompute.ts). */
export const STATES_URL_DIR = '_states';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: build the site with \`npm run build\`, which prepares the data first`);
  return value;
}
