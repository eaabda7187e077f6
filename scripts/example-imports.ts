/**
 * `npm run example-imports [-- --out DIR]`: writes the worked examples of survey-platform exports
 * (data/examples/imports/ by default): the reference lists of data/examples/, and under survey/ one
 * export per platform with its mapping, each of 12 respondents in its own quarter. The same bytes
 * every run, but for the workbook's zip timestamps (its cells are the same).
 */
import { parseArgs } from 'node:util';
import { writeImportExamples } from '../src/sample/exports.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'data/examples/imports' } } });
for (const f of await writeImportExamples(values.out!)) console.log(`${values.out}/${f}`);
