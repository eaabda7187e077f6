// npm run bench [-- --respondents N|sample] [--runs N]: a large synthetic data set, built and opened in Chromium; prints a table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { measurePage, measureWarmedEngine, type BrowserTimings } from '../src/bench/browser-timings.ts';
import { serveEngineAs } from '../src/bench/engine-hosts.ts';
import { serveStatic, type StaticServer } from '../src/build/serve.ts';
import { DEFAULT_OPTIONS, generateSampleData } from '../src/sample/index.ts';
import { launch } from '../test/e2e/browser.ts';

const { values: args } = parseArgs({ options: { respondents: { type: 'string', default: '200000' }, runs: { type: 'string', default: '5' } } });
// `--respondents sample`: the generator's own sample size (the bundled data set's).
const respondents = args.respondents === 'sample' ? null : Number(args.respondents);
/** Cold engine starts measured per variant (wasm gzip as shipped, plain wasm). */
const ENGINE_RUNS = Number(args.runs);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-'));
const dataDir = path.join(work, 'data');
const outDir = path.join(work, 'site');

const rows: [string, string, string][] = [];
const row = (what: string, value: string, target = '') => rows.push([what, value, target]);
const dirBytes = (dir: string, filter: (f: string) => boolean = () => true): number =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && filter(e.name))
    .reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
const mb = (b: number) => `${(b / 1048576).toFixed(2)} MiB`;

let t = performance.now();
generateSampleData({ ...DEFAULT_OPTIONS, outDir: dataDir, totalRespondents: respondents });
row('respondents', respondents === null ? 'the sample\'s' : respondents.toLocaleString('en'));
row('generate sample data', `${((performance.now() - t) / 1000).toFixed(1)} s`);

t = performance.now();
// As `npm run build` runs it: large data sets need more than Node's default 4 GB of heap.
const build = spawnSync(process.execPath, ['--max-old-space-size-percentage=60', 'scripts/build.ts', '--data', dataDir, '--out', outDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
row('build (check + load + render + Astro)', `${((performance.now() - t) / 1000).toFixed(1)} s`);
// The build's last line: its peak memory (resident set) and its largest file (at most 25 MiB).
const built = /largest file ([\d.]+ MiB); peak memory ([\d.]+ GiB)/.exec(build.stdout);
if (built) row('build peak memory / largest file of the site', `${built[2]} / ${built[1]}`, '≤ 24 GiB / ≤ 25 MiB');
for (const line of build.stdout.split('\n').filter((l) => /\(\d+\.\d s\)$/.test(l))) row(`  ${line.replace(/^\[cx\] /, '')}`, '');
// The build's own log line per page: states precomputed, their bytes and build time.
for (const line of build.stdout.split('\n').filter((l) => l.includes('input states precomputed'))) row(`  ${line.replace(/^\[cx\] /, '')}`, '');

const page = path.join(outDir, 'zh/overview/index.html');
row('overview page HTML+SVG', `${(fs.statSync(page).size / 1024).toFixed(0)} KiB`);

const csvBytes = dirBytes(dataDir, (f) => f.endsWith('.csv'));
const surveyCsv = dirBytes(path.join(dataDir, 'survey'));
const shipped = [...fs.readFileSync(page, 'utf8').matchAll(/_data\/([\w.-]+\.arrow\.gz)/g)].map((m) => m[1]!);
const shippedBytes = [...new Set(shipped)].reduce((s, f) => s + fs.statSync(path.join(outDir, '_data', f)).size, 0);
row('raw CSV (all files / survey)', `${mb(csvBytes)} / ${mb(surveyCsv)}`);
row('data shipped for the page (Arrow IPC, gzip)', `${mb(shippedBytes)} = ${(shippedBytes / csvBytes).toFixed(2)}× raw CSV`, '≤ 0.3×');
// The alternatives weighed for the transport, measured on the same survey files.
const surveyGz = fs.readdirSync(path.join(dataDir, 'survey')).reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(path.join(dataDir, 'survey', f)), { level: 9 }).length, 0);
row('  alternative: survey CSV gzip', `${mb(surveyGz)} = ${(surveyGz / surveyCsv).toFixed(2)}× survey CSV`);

const server = await serveStatic(outDir);
const browser = await launch();
const extraServers: StaticServer[] = [];
try {
  const cold = await measurePage(browser, `http://127.0.0.1:${server.port}/zh/overview/`, 'quarter', { engine: true });
  row('time to first chart (cold, FCP)', `${(cold.firstChartMs / 1000).toFixed(3)} s`, '≤ 0.2 s');
  row('engine ready (wasm + tables)', `${(cold.engineReadyMs / 1000).toFixed(3)} s`, '≤ 1.5 s');
  row('requests outside the origin', String(cold.requestsOffOrigin), '0');
  // Input changes, each page and path on a cold context: a precomputed state (one small file of rows,
  // drawn without the engine) and the engine's path (forced, as for a state the build did not
  // precompute), on localhost and under Chromium's network emulation.
  const kib = (b: number) => (b < 1048576 ? `${(b / 1024).toFixed(1)} KiB` : mb(b));
  const networks = [
    { name: 'localhost', network: undefined },
    { name: '10 Mbit/s, 40 ms', network: { mbitPerS: 10, latencyMs: 40 } },
  ];
  const pages = [
    { name: 'Overview', url: 'zh/overview/', input: 'quarter' },
    // The IPA page: derived importance (relative weights) with bootstrap replicates, per segment.
    { name: 'IPA', url: 'zh/ipa/', input: 'segment' },
  ];
  for (const p of pages) {
    for (const engine of [false, true]) {
      for (const n of networks) {
        const m = await measurePage(browser, `http://127.0.0.1:${server.port}/${p.url}`, p.input, { engine, network: n.network });
        const label = `${p.name}, ${p.input} change, ${engine ? 'engine path' : 'precomputed state'}, ${n.name}`;
        const drawnBy = m.paths.join(' + ');
        row(`${label}: first change`, `${m.coldUpdateMs.toFixed(0)} ms, ${kib(m.coldUpdateBytes)} (${drawnBy})`, engine ? (n.network && p.name === 'Overview' ? '≤ 6 s' : '') : n.network ? '≤ 300 ms, ≤ 50 KiB' : '≤ 100 ms, ≤ 50 KiB');
        if (!engine) row(`${label}: fetched ahead after the first change`, kib(m.aheadBytes));
        row(`${label}: second change`, `${m.warmUpdateMs.toFixed(0)} ms, ${kib(m.warmUpdateBytes)}`, engine ? (p.name === 'IPA' ? '≤ 300 ms' : '≤ 100 ms') : '≤ 50 ms');
        if (!engine && !n.network) row(`  ${p.name}: page load, idle prefetch of the renderer included`, kib(m.loadBytes));
      }
    }
  }

  // A reader who changes to a precomputed state, reads while the page warms the engine up in the
  // background, then asks for a state only the engine gives (compare: one bank off, then a second).
  for (const n of networks) {
    const m = await measureWarmedEngine(browser, `http://127.0.0.1:${server.port}/zh/compare/`, n.network);
    row(`Compare, banks, ${n.name}: background warm-up after the first change (${m.paths[0]})`, `${(m.warmUpMs / 1000).toFixed(1)} s, ${kib(m.warmUpBytes)}`);
    row(`Compare, banks, ${n.name}: then a combination, drawn by the warm engine (${m.paths[1]})`, `${m.engineChangeMs.toFixed(0)} ms, ${kib(m.engineChangeBytes)}`, n.network ? '≤ 6 s' : '');
  }

  // What shipping the engine gzip-compressed (every file ≤ 25 MiB) costs its start. The same site,
  // cold contexts, taking turns, medians: the .wasm.gz sent as a file (the page decompresses it), sent
  // with Content-Encoding: gzip as `npm run serve` does (the browser decompresses it), and the plain
  // .wasm. On localhost the transfer is nearly free: these are the CPU costs; over a network the 4.5×
  // smaller file saves more than that.
  const gzipFile = await serveEngineAs(outDir, 'gzip-file');
  const plain = await serveEngineAs(outDir, 'plain');
  extraServers.push(gzipFile, plain);
  const variants = [
    { name: 'wasm.gz sent as a file, decompressed by the page', port: gzipFile.port, inPage: true, runs: [] as BrowserTimings[] },
    { name: 'wasm.gz sent with Content-Encoding: gzip (npm run serve)', port: server.port, inPage: false, runs: [] as BrowserTimings[] },
    { name: 'plain wasm', port: plain.port, inPage: false, runs: [] as BrowserTimings[] },
  ];
  for (let i = 0; i < ENGINE_RUNS; i++) {
    for (const v of variants) v.runs.push(await measurePage(browser, `http://127.0.0.1:${v.port}/zh/overview/`, 'quarter', { engine: true }));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const wasmGz = fs.readdirSync(path.join(outDir, '_astro')).find((f) => f.endsWith('.wasm.gz'));
  if (wasmGz) row('engine wasm shipped (gzip / plain)', `${mb(fs.statSync(path.join(outDir, '_astro', wasmGz)).size)} / ${mb(zlib.gunzipSync(fs.readFileSync(path.join(outDir, '_astro', wasmGz))).length)}`, '≤ 25 MiB per file');
  row(`engine open: worker, wasm fetched and compiled (median of ${ENGINE_RUNS}, range)`, '');
  for (const v of variants) {
    row(`  ${v.name}`, ms(v.runs.map((t) => t.engineOpenMs)));
    if (v.inPage) row('    of which decompressing the wasm in the page', ms(v.runs.map((t) => t.gunzipMs)));
  }
  row('engine ready with the tables, same three (median)', variants.map((v) => median(v.runs.map((t) => t.engineReadyMs)).toFixed(0)).join(' / ') + ' ms');
} finally {
  await browser.close();
  await server.close();
  for (const s of extraServers) await s.close();
  fs.rmSync(work, { recursive: true, force: true });
}

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\n${'measure'.padEnd(w0)}  ${'value'.padEnd(w1)}  target`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
