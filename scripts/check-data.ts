/**
 * `npm run check-data [-- --data DIR]`: checks a data folder against the data contract without
 * building the site. Prints the report on stdout, progress on stderr; exits 0 when the data are
 * valid, 1 when any file has an error, 2 on a usage error.
 */
import { checkDataFolder, formatReport } from '../src/contract/index.ts';
import { progressPrinter } from '../src/contract/progress.ts';

const USAGE = `Usage: npm run check-data [-- --data DIR] [--quiet]

Checks every CSV of the data folder (default: data/) against the data contract
(see data/README.md) and prints, per file, the encoding, delimiter, rows read,
loaded and rejected, and every error with its file, line and column.

  --data DIR   the data folder to check (default: data)
  --quiet      no progress output on stderr
  --help       this text`;

function parseArgs(argv: string[]): { dir: string; quiet: boolean } | string {
  let dir = 'data';
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--quiet' || a === '-q') quiet = true;
    else if (a === '--data' || a === '-d') {
      const v = argv[++i];
      if (v === undefined) return `--data needs a folder\n\n${USAGE}`;
      dir = v;
    } else if (a.startsWith('--data=')) dir = a.slice('--data='.length);
    else return `unknown argument ${a}\n\n${USAGE}`;
  }
  return { dir, quiet };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    const isHelp = args === USAGE;
    (isHelp ? process.stdout : process.stderr).write(`${args}\n`);
    return isHelp ? 0 : 2;
  }
  const progress = args.quiet ? null : progressPrinter('check-data');
  const started = performance.now();
  const result = await checkDataFolder(args.dir, progress ? { onProgress: progress.onProgress } : {});
  progress?.finish();
  process.stdout.write(`${formatReport(result)}\n`);
  if (!args.quiet) process.stderr.write(`check-data: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result.ok ? 0 : 1;
}

process.exitCode = await main();
