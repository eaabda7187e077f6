/** Command-line options of `npm run sample-data`, parsed without side effects so tests can use them. */
import { parseArgs } from 'node:util';
import type { SampleOptions } from './index.ts';
import { DEFAULT_OPTIONS } from './index.ts';

export const USAGE = `Usage: npm run sample-data -- [options]

Writes the synthetic sample data set (CSV) into a folder.

  --out DIR                 output folder (default ${DEFAULT_OPTIONS.outDir})
  --seed N                  random seed; same seed and options give identical files (default ${DEFAULT_OPTIONS.seed})
  --respondents N           survey respondents per bank and quarter (default ${DEFAULT_OPTIONS.respondents})
  --total-respondents N     survey respondents in all, spread evenly over banks × quarters
                            (overrides --respondents; e.g. 200000 for the benchmark)
  --quarters N              number of quarters (default ${DEFAULT_OPTIONS.quarters})
  --end YYYYQn              last quarter (default ${DEFAULT_OPTIONS.endQuarter})
  --servqual-customers N    SERVQUAL customer questionnaires per bank and quarter (default ${DEFAULT_OPTIONS.servqualCustomers})
  --servqual-managers N     SERVQUAL manager questionnaires per bank and quarter (default ${DEFAULT_OPTIONS.servqualManagers})
  -h, --help                show this help
`;

export type CliResult = { help: true } | { help: false; options: SampleOptions };

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  // Accept 200000, 200_000 and 200,000: people paste counts in all three forms.
  const clean = text.replace(/[_,]/g, '');
  if (!/^\d+$/.test(clean)) throw new Error(`--${name} expects a whole number, got "${text}"`);
  return Number(clean);
}

export function parseSampleArgs(argv: readonly string[]): CliResult {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      respondents: { type: 'string' },
      'total-respondents': { type: 'string' },
      quarters: { type: 'string' },
      end: { type: 'string' },
      'servqual-customers': { type: 'string' },
      'servqual-managers': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const end = values.end ?? DEFAULT_OPTIONS.endQuarter;
  if (!/^\d{4}Q[1-4]$/.test(end)) throw new Error(`--end expects a quarter like 2026Q3, got "${end}"`);
  const total = values['total-respondents'];
  return {
    help: false,
    options: {
      outDir: values.out ?? DEFAULT_OPTIONS.outDir,
      seed: integer('seed', values.seed, DEFAULT_OPTIONS.seed),
      respondents: integer('respondents', values.respondents, DEFAULT_OPTIONS.respondents),
      totalRespondents: total === undefined ? null : integer('total-respondents', total, 0),
      quarters: integer('quarters', values.quarters, DEFAULT_OPTIONS.quarters),
      endQuarter: end,
      servqualCustomers: integer('servqual-customers', values['servqual-customers'], DEFAULT_OPTIONS.servqualCustomers),
      servqualManagers: integer('servqual-managers', values['servqual-managers'], DEFAULT_OPTIONS.servqualManagers),
    },
  };
}
