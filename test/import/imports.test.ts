/**
 * Exports as the platforms write them, with their mappings, load into the same survey table as the
 * contract CSV of the same 50 respondents: real files, the real contract check, and the real engine
 * (DuckDB-WASM) holding both tables. Drafts of npm run map, with their TODOs filled in, load too;
 * mistakes name the export's file, line and column and the mapping's line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataFolder, formatIssue, formatReport } from '../../src/contract/index.ts';
import type { ContractResult } from '../../src/contract/types.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import { tableIPC } from '../../src/db/load.ts';
import { runMap } from '../../src/import/map-command.ts';
import { contractCsv, EXPORT_MAPPINGS, EXPORT_PLATFORMS, exportBytes, exportFileName, exportRespondents, type ExportPlatform } from '../../src/sample/exports.ts';
import { dataFolder } from './helpers.ts';

const respondents = exportRespondents(50);
const survey = (r: ContractResult) => r.tables.find((t) => t.name === 'survey')!;
const mapName = (name: string) => name.replace(/\.\w+$/, '.map.yml');
const messages = (r: ContractResult) => r.files.flatMap((f) => f.issues).map(formatIssue);

async function exportFolder(platform: ExportPlatform, mapping: string | null = EXPORT_MAPPINGS[platform], bytes?: Uint8Array) {
  const name = exportFileName(platform, 'branch_');
  const files: Record<string, string | Uint8Array> = { [`survey/${name}`]: bytes ?? (await exportBytes(platform, respondents)) };
  if (mapping !== null) files[`survey/${mapName(name)}`] = mapping;
  const dir = dataFolder(files);
  return { dir, name, exportPath: path.join(dir, 'survey', name), display: `${dir}/survey/${name}`, mappingDisplay: `${dir}/survey/${mapName(name)}` };
}

let db: NodeDatabase;
beforeAll(async () => {
  db = await NodeDatabase.open();
});
afterAll(async () => db?.close());

/** The table as the engine holds it, every column but source_file, in respondent order. */
async function engineRows(result: ContractResult, as: string): Promise<Record<string, unknown>[]> {
  await db.exec(`DROP TABLE IF EXISTS ${as}`);
  await db.insertArrowIPC(as, tableIPC(survey(result)));
  return (await db.query(`SELECT * EXCLUDE (source_file) FROM ${as} ORDER BY respondent_id`)).rows;
}

describe('survey-platform exports through their mappings', () => {
  let contractRows: Record<string, unknown>[];
  beforeAll(async () => {
    const contract = await checkDataFolder(dataFolder({ 'survey/2026Q4.csv': contractCsv(respondents) }));
    expect(contract.ok, formatReport(contract)).toBe(true);
    contractRows = await engineRows(contract, 'survey_contract');
  });

  it('the contract CSV of the 50 respondents loads 50 rows with answers in every column', () => {
    expect(contractRows).toHaveLength(50);
    for (const c of ['segment', 'channel', 'nps', 'csat', 'perf_queue', 'lvl_needs', 'pref_transfer', 'comment']) {
      expect(contractRows.filter((r) => r[c] !== null).length, c).toBeGreaterThan(20);
    }
    expect(contractRows.map((r) => r.comment)).toContain('排队太久了，\n希望多开几个窗口。');
  });

  for (const platform of EXPORT_PLATFORMS) {
    it(`${platform}: the engine holds the same rows and numbers as from the contract CSV`, async () => {
      const { dir, display, mappingDisplay } = await exportFolder(platform);
      const result = await checkDataFolder(dir);
      expect(result.ok, formatReport(result)).toBe(true);
      expect(await engineRows(result, `survey_${platform}`)).toEqual(contractRows);
      const [file] = result.files.filter((f) => f.table === 'survey');
      expect(file).toMatchObject({ file: display, rowsRead: 50, rowsLoaded: 50, rowsRejected: 0, errorCount: 0, warningCount: 0 });
      expect(file!.origin).toMatchObject({ format: platform === 'xlsx' ? 'wjx' : platform, mapping: mappingDisplay });
      expect(formatReport(result)).toContain(`mapped by ${mappingDisplay}`);
    });
  }

  it('the 问卷星 CSV is GB18030 and its workbook is read with its types', async () => {
    const csv = await checkDataFolder((await exportFolder('wjx')).dir);
    expect(csv.files.find((f) => f.table === 'survey')!.encoding).toBe('gb18030');
    const book = await checkDataFolder((await exportFolder('xlsx')).dir);
    expect(book.files.find((f) => f.table === 'survey')).toMatchObject({ encoding: 'xlsx', origin: { sheet: '答卷数据' } });
  });
});

describe('npm run map drafts a mapping that, with its TODOs filled in, loads', () => {
  for (const platform of EXPORT_PLATFORMS) {
    it(platform, async () => {
      const { dir, exportPath } = await exportFolder(platform, null);
      const outcome = await runMap({ file: exportPath });
      expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
      const draftPath = outcome.mappingPath!;
      const draft = readFileSync(draftPath, 'utf8');
      expect(draft).toMatch(new RegExp(`^format: ${platform === 'xlsx' ? 'wjx' : platform}$`, 'm'));

      // As drafted, the TODOs stop the check, at their lines in the mapping.
      const before = await checkDataFolder(dir);
      const todoLines = draft.split('\n').flatMap((l, i) => (/:\s*TODO\b/.test(l) ? [i + 1] : []));
      expect(todoLines.length).toBe(outcome.todos);
      if (todoLines.length > 0) {
        expect(before.ok).toBe(false);
        const file = before.files.find((f) => f.table === 'survey')!;
        expect(file.issues.filter((i) => i.file.endsWith('.map.yml')).map((i) => i.line)).toEqual(todoLines);
        expect(file).toMatchObject({ rowsRead: 50, rowsLoaded: 0, rowsRejected: 50 });
      }
      // A person fills them in: 问卷星 calls retail customers 个人客户.
      writeFileSync(draftPath, draft.replace(/个人客户: TODO.*$/m, '个人客户: retail'));
      const after = await checkDataFolder(dir);
      expect(after.ok, formatReport(after) + '\n' + draft).toBe(true);
      expect(await engineRows(after, `survey_draft_${platform}`)).toEqual(await engineRows(await checkDataFolder(dataFolder({ 'survey/2026Q4.csv': contractCsv(respondents) })), 'survey_contract2'));
    });
  }

  it('refuses to overwrite a mapping without --force', async () => {
    const { exportPath } = await exportFolder('qualtrics');
    const outcome = await runMap({ file: exportPath });
    expect(outcome.ok).toBe(false);
    expect(outcome.lines[0]).toMatch(/exists already.*--force/);
  });
});

describe('an export without a mapping', () => {
  for (const [platform, name] of [['qualtrics', 'Qualtrics'], ['wjx', '问卷星'], ['surveymonkey', 'SurveyMonkey']] as const) {
    it(`${platform}: says what it looks like and how to start, once, and counts every row`, async () => {
      const { dir, display } = await exportFolder(platform, null);
      const result = await checkDataFolder(dir);
      expect(result.ok).toBe(false);
      const file = result.files.find((f) => f.table === 'survey')!;
      expect(file).toMatchObject({ rowsRead: 50, rowsLoaded: 0, rowsRejected: 50, errorCount: 1, warningCount: 0 });
      expect(messages(result)).toEqual([expect.stringContaining(`${display}:1: this looks like a ${name}`)]);
      expect(messages(result)[0]).toContain(`npm run map -- ${display}`);
    });
  }
});

describe('mistakes name the export and the mapping', () => {
  it('an answer with no number names the export file, line and column, and the mapping line', async () => {
    const rs = exportRespondents(50);
    const bytes = await exportBytes('wjx', rs);
    // One respondent answered 很满意, which the questionnaire's map does not know.
    const text = new TextDecoder('gb18030').decode(bytes);
    const lines = text.split('\r\n');
    const target = lines.findIndex((l) => l.includes(',非常满意,'));
    lines[target] = lines[target]!.replace(',非常满意,', ',很满意,');
    const { default: iconv } = await import('iconv-lite');
    const { dir, display, mappingDisplay } = await exportFolder('wjx', EXPORT_MAPPINGS.wjx, iconv.encode(lines.join('\r\n'), 'gb18030'));
    const result = await checkDataFolder(dir);
    expect(result.ok).toBe(false);
    const mapLine = EXPORT_MAPPINGS.wjx.split('\n').findIndex((l) => l.startsWith('  csat:')) + 1;
    expect(messages(result)).toEqual([
      `${display}:${target + 1}: column 6、您对本次服务的总体满意度 → csat (branch_wjx.map.yml:${mapLine}): csat: 很满意 has no number: add it to the map of csat in ${mappingDisplay}:${mapLine} (e.g. 很满意: 4)`,
    ]);
    const file = result.files.find((f) => f.table === 'survey')!;
    expect(file).toMatchObject({ rowsRead: 50, rowsLoaded: 49, rowsRejected: 1 });
    expect(file.rowsRead).toBe(file.rowsLoaded + file.rowsRejected);
  });

  it('a value the contract refuses names the export column and the mapping line', async () => {
    const mapping = EXPORT_MAPPINGS.qualtrics.replace('Very satisfied: 5 }', 'Very satisfied: 6 }');
    const { dir, display } = await exportFolder('qualtrics', mapping);
    const result = await checkDataFolder(dir);
    const msgs = messages(result);
    expect(msgs.length).toBeGreaterThan(0);
    const mapLine = mapping.split('\n').findIndex((l) => l.startsWith('  csat:')) + 1;
    for (const m of msgs) expect(m).toMatch(new RegExp(`^${display}:\\d+: column Q6 → csat \\(branch_qualtrics.map.yml:${mapLine}\\): value 6 is outside 1–5`));
    // Qualtrics' data start on line 4: the three header rows are lines 1–3.
    const lineNos = msgs.map((m) => Number(/:(\d+): /.exec(m)![1]));
    expect(Math.min(...lineNos)).toBeGreaterThanOrEqual(4);
    const file = result.files.find((f) => f.table === 'survey')!;
    expect(file.rowsLoaded + file.rowsRejected).toBe(50);
    expect(file.rowsRejected).toBe(msgs.length);
  });

  it('a mapped column missing from the export names both files', async () => {
    const mapping = EXPORT_MAPPINGS.surveymonkey.replace('ces: How easy was it to get what you needed?', 'ces: How easy was it?');
    const { dir, display, mappingDisplay } = await exportFolder('surveymonkey', mapping);
    const result = await checkDataFolder(dir);
    expect(result.ok).toBe(false);
    const line = mapping.split('\n').findIndex((l) => l.startsWith('  ces:')) + 1;
    expect(messages(result)).toEqual([
      `${display}:1: column How easy was it?: column "How easy was it?" is not in the export, but ${mappingDisplay}:${line} maps it to ces; name one of the export's columns (npm run map -- ${display} lists them)`,
    ]);
    expect(result.files.find((f) => f.table === 'survey')).toMatchObject({ rowsRead: 50, rowsLoaded: 0, rowsRejected: 50 });
  });

  it('a broken mapping is reported at its own lines, and no row is loaded', async () => {
    const mapping = 'format: qualtrix\ncolumns:\n  respondent_id: ExternalReference\n  csatt: Q6\n  nps: { from: Q5, as: numbr }\n';
    const { dir, mappingDisplay } = await exportFolder('qualtrics', mapping);
    const result = await checkDataFolder(dir);
    expect(result.ok).toBe(false);
    const file = result.files.find((f) => f.table === 'survey')!;
    const own = file.issues.filter((i) => i.file === mappingDisplay).map((i) => [i.line, i.message]);
    expect(own).toEqual([
      [1, expect.stringContaining('format "qualtrix" is not one of qualtrics, wjx, surveymonkey, plain')],
      [5, expect.stringContaining('columns.nps.as "numbr" is not one of text, number, quarter, month, year')],
    ]);
    expect(file).toMatchObject({ rowsRead: 50, rowsLoaded: 0, rowsRejected: 50 });
  });

  it('a contract column the table does not have is the mapping line’s fault', async () => {
    const mapping = EXPORT_MAPPINGS.qualtrics.replace('  ces: Q7', '  cess: Q7');
    const { dir, mappingDisplay } = await exportFolder('qualtrics', mapping);
    const result = await checkDataFolder(dir);
    const line = mapping.split('\n').findIndex((l) => l.startsWith('  cess:')) + 1;
    expect(messages(result)).toEqual([`${mappingDisplay}:${line}: cess is not a column of the survey table (see data/README.md for its columns)`]);
  });
});

describe('a half-converted file that names banks', () => {
  const csv = contractCsv(respondents.slice(0, 3)).replace(/,cmb,/g, ',招商银行,').replace(/,icbc,/g, ',ICBC,');
  const names = contractCsv(respondents.slice(0, 3)).split('\n').slice(1, 4).map((l) => l.split(',')[2]);

  it('without a mapping, is told which id the name stands for', async () => {
    const dir = dataFolder({ 'survey/2026Q4.csv': csv });
    const result = await checkDataFolder(dir);
    const cmbRow = names.indexOf('cmb');
    expect(cmbRow).toBeGreaterThanOrEqual(0);
    expect(messages(result)).toContain(
      `${dir}/survey/2026Q4.csv:${cmbRow + 2}: column bank: bank 招商银行 is not defined in banks.csv (招商银行 is the name of cmb there: write cmb, or read the export through a mapping file, which takes names; see data/README.md)`,
    );
  });

  it('with a plain mapping, is read as the ids', async () => {
    const columns = ['respondent_id', 'quarter', 'bank', 'segment', 'channel', 'overall', 'nps', 'csat', 'ces', 'perf_queue', 'perf_staff', 'perf_app', 'lvl_needs', 'pref_transfer', 'comment'];
    const mapping = `format: plain\ncolumns:\n${columns.map((c) => `  ${c}: ${c}`).join('\n')}\n`;
    const result = await checkDataFolder(dataFolder({ 'survey/2026Q4.csv': csv, 'survey/2026Q4.map.yml': mapping }));
    expect(result.ok, formatReport(result)).toBe(true);
    expect(survey(result).values.bank).toEqual(names);
  });
});

describe('a mapping that leaves out a required column', () => {
  it('is told so at the export’s header, naming the mapping', async () => {
    const mapping = EXPORT_MAPPINGS.qualtrics.replace(/^ {2}quarter: .*\n/m, '');
    const { dir, display } = await exportFolder('qualtrics', mapping);
    const result = await checkDataFolder(dir);
    expect(messages(result)).toEqual([
      `${display}:1: column quarter (not in branch_qualtrics.map.yml): required column quarter is missing from the header; add a quarter column (e.g. 2025Q3), or start the file name with the quarter (e.g. 2025Q3_wave.csv)`,
    ]);
    expect(result.files.find((f) => f.table === 'survey')).toMatchObject({ rowsRead: 50, rowsLoaded: 0, rowsRejected: 50 });
  });
});
