// npm run build [-- --data DIR] [--pages DIR] [--out DIR] [--base /sub/path/]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import { compressEngine } from '../src/build/compress-engine.ts';
import { buildErrorMessage, checkBuildOptions, checkSomePageBuilt } from '../src/build/errors.ts';
import { withBuildLock } from '../src/build/lock.ts';
import { checkFileSizes, discardStaging, keptMessage, publishStaging, stagingDir } from '../src/build/publish.ts';
import { DataError, prepareData } from '../src/build/prepare.ts';
import { progressPrinter } from '../src/contract/progress.ts';
import { DATA_URL_DIR, ENV, STATES_URL_DIR } from '../src/site/config.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: 'data' },
    pages: { type: 'string', default: 'pages' },
    out: { type: 'string', default: 'dist' },
    base: { type: 'string' },
  },
});

// Vite's own variables, left by a parent process such as vitest, would override the site's base and mode.
for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];

const root = process.cwd();
const outDir = path.resolve(args.out);
const workDir = path.join(root, '.cache', 'build', path.basename(outDir));
const shownOut = path.relative(root, outDir) || outDir;
const started = performance.now();
// Every stage writes into a staging folder beside the output; the output is replaced only at the end.
let staging: string | undefined;

try {
  checkBuildOptions({ pages: args.pages, base: args.base });
  const progress = progressPrinter('build');
  const prepared = await prepareData(args.data, workDir, (line) => {
    progress.finish();
    console.log(line);
  }, progress.onProgress);
  process.env[ENV.tablesDir] = prepared.tablesDir;
  // The pages' column slices, written while Astro renders them: all of the data the site publishes.
  const siteDataDir = path.join(workDir, 'site-data');
  fs.rmSync(siteDataDir, { recursive: true, force: true });
  fs.mkdirSync(siteDataDir, { recursive: true });
  process.env[ENV.siteDataDir] = siteDataDir;
  process.env[ENV.pagesDir] = path.resolve(args.pages);
  process.env[ENV.buildInfo] = prepared.buildInfoFile;
  // Each page's precomputed input states (src/site/precompute.ts), written while Astro renders it.
  const statesDir = path.join(workDir, 'states');
  fs.rmSync(statesDir, { recursive: true, force: true });
  process.env[ENV.statesDir] = statesDir;
  if (args.base) process.env.CX_BASE = args.base;
  staging = stagingDir(outDir);
  process.env.CX_OUT_DIR = staging;

  const siteDir = staging;
  const stage = (what: string) => console.log(`[cx] ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  stage('data checked; building the pages');
  await withBuildLock(root, () => build({ root, logLevel: 'warn', outDir: siteDir }));
  checkSomePageBuilt(staging, args.pages);
  stage('pages built; publishing their data and the engine');
  fs.cpSync(siteDataDir, path.join(staging, DATA_URL_DIR), { recursive: true });
  if (fs.existsSync(statesDir)) fs.cpSync(statesDir, path.join(staging, STATES_URL_DIR), { recursive: true });
  for (const c of compressEngine(staging)) {
    console.log(`[cx] ${c.file}: ${(c.bytes / 1e6).toFixed(1)} MB → ${(c.gzipBytes / 1e6).toFixed(1)} MB gzip, decompressed by the page`);
  }
  const largest = checkFileSizes(staging);
  publishStaging(staging, outDir);
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  console.log(`[cx] built ${shownOut} in ${((performance.now() - started) / 1000).toFixed(1)} s; largest file ${(largest / 1048576).toFixed(1)} MiB; peak memory ${gib(process.resourceUsage().maxRSS * 1024)}`);
} catch (e) {
  // A data or page mistake is the user's to fix: its message names file and line; a stack trace would only hide it.
  console.error(e instanceof DataError ? `[cx] ${e.message}` : buildErrorMessage(e, root, Boolean(process.env.CX_DEBUG)));
  if (staging) discardStaging(staging);
  // The last line says what became of the published site, for whoever reads the log of a scheduled build.
  console.error(keptMessage(outDir, shownOut));
  process.exit(1);
}
