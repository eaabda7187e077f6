/**
 * `npm run map -- FILE [--data DIR] [--force]`: drafts the mapping of a survey-platform export
 * (Qualtrics, 问卷星, SurveyMonkey CSV or .xlsx) beside it, as FILE's name with .map.yml. Logic in
 * src/import/map-command.ts. Exits 0 when the draft was written, 1 when not, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { runMap } from '../src/import/map-command.ts';

const USAGE = `Usage: npm run map -- FILE [--data DIR] [--force]

Recognises the survey platform of FILE (a Qualtrics, 问卷星 or SurveyMonkey export, CSV or .xlsx)
and writes a draft mapping beside it (FILE's name with .map.yml): each contract column with the
export column it most likely comes from, a proposed number for each text answer of a rating
question, and TODO where it cannot tell. Fill in the TODOs, then run npm run check-data.

  --data DIR   the data folder whose banks.csv, attributes.csv, … the draft matches answers
               and questions against (default: the folder above FILE's survey/ folder)
  --force      replace an existing mapping
  --help       this text`;

function main(): Promise<number> | number {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { data: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    console.error(`name one export file\n\n${USAGE}`);
    return 2;
  }
  return runMap({ file: parsed.positionals[0]!, ...(parsed.values.data ? { data: parsed.values.data } : {}), ...(parsed.values.force ? { force: true } : {}) }).then((r) => {
    for (const line of r.lines) (r.ok ? console.log : console.error)(line);
    return r.ok ? 0 : 1;
  });
}

process.exitCode = await main();
