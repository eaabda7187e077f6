import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

// The report's default language; every page also exists in the other one.
const defaultLocale = 'zh';

export default defineConfig({
  // Sub-path deployments (e.g. GitHub Pages): CX_BASE=/repo-name/ npm run build
  base: process.env.CX_BASE || '/',
  outDir: process.env.CX_OUT_DIR || './dist',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  i18n: {
    defaultLocale,
    locales: ['zh', 'en'],
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  devToolbar: { enabled: false },
  // Pages are notebooks rendered by src/notebook, not by Astro's Markdown pipeline; skip its highlighter.
  markdown: { syntaxHighlight: false },
  vite: {
    // DuckDB-WASM's worker and wasm are imported as URLs; keep the dependency optimiser away from them.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    // No code from strings in the page (its Content-Security-Policy refuses it): see the shim.
    resolve: { alias: { '@stdlib/assert-has-generator-support': fileURLToPath(new URL('./src/site/shims/has-generator-support.cjs', import.meta.url)) } },
    build: { chunkSizeWarningLimit: 4096 },
  },
});
