/**
 * npm run sample-data -- [--out DIR] [--seed N] [--respondents N | --total-respondents N] [--quarters N] …
 * Writes the synthetic sample data set; see src/sample/ and `--help`.
 */
import { performance } from 'node:perf_hooks';
import { USAGE, parseSampleArgs } from '../src/sample/cli.ts';
import { generateSampleData } from '../src/sample/index.ts';

function main(): number {
  let parsed;
  try {
    parsed = parseSampleArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`sample-data: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const result = generateSampleData(parsed.options);
  const seconds = (performance.now() - started) / 1000;

  const width = Math.max(...result.files.map((f) => f.file.length));
  let rows = 0;
  let bytes = 0;
  for (const f of result.files) {
    rows += f.rows;
    bytes += f.bytes;
    console.log(`${result.options.outDir}/${f.file.padEnd(width)}  ${String(f.rows).padStart(8)} rows  ${String(f.bytes).padStart(10)} bytes`);
  }
  for (const f of result.removed) console.log(`removed stale ${result.options.outDir}/${f}`);
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  const respondents = [...result.cellSizes.values()].reduce((a, b) => a + b, 0);
  console.log(
    `total: ${result.files.length} files, ${rows} rows, ${bytes} bytes (${(bytes / 1048576).toFixed(1)} MiB); ` +
      `${respondents} survey respondents, ${result.quarters.length} quarters; seed ${result.options.seed}; ${seconds.toFixed(1)} s`,
  );
  return 0;
}

process.exitCode = main();
