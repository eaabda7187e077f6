/**
 * Exports as the platforms write them, with their mappings, load into the same survey table as the
 * contract CSV of the same 50 respondents: real files, the real contract check, the real engine.
 */
import { describe, expect, it } from 'vitest';
import { checkDataFolder, formatReport } from '../../src/contract/index.ts';
import type { CheckedTable, ContractResult } from '../../src/contract/types.ts';
import { contractCsv, EXPORT_MAPPINGS, EXPORT_PLATFORMS, exportBytes, exportFileName, exportRespondents } from '../../src/sample/exports.ts';
import { dataFolder } from './helpers.ts';

const respondents = exportRespondents(50);

/** The table's rows as objects, without source_file (the one column that names the file). */
function rowsOf(t: CheckedTable): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const row: Record<string, unknown> = {};
    for (const c of t.columns) if (c.name !== 'source_file') row[c.name] = t.values[c.name]![i];
    out.push(row);
  }
  return out;
}
const survey = (r: ContractResult) => r.tables.find((t) => t.name === 'survey')!;

describe('survey-platform exports through their mappings', async () => {
  const contract = await checkDataFolder(dataFolder({ 'survey/2026Q4.csv': contractCsv(respondents) }));
  it('the contract CSV of the 50 respondents is valid', () => {
    expect(contract.ok, formatReport(contract)).toBe(true);
    expect(survey(contract).rowCount).toBe(50);
  });

  for (const platform of EXPORT_PLATFORMS) {
    it(`${platform}: loads the same rows and numbers as the contract CSV`, async () => {
      const name = exportFileName(platform, 'branch_');
      const dir = dataFolder({ [`survey/${name}`]: await exportBytes(platform, respondents), [`survey/${name.replace(/\.\w+$/, '.map.yml')}`]: EXPORT_MAPPINGS[platform] });
      const result = await checkDataFolder(dir);
      expect(result.ok, formatReport(result)).toBe(true);
      expect(rowsOf(survey(result))).toEqual(rowsOf(survey(contract)));
      const [file] = result.files.filter((f) => f.table === 'survey');
      expect(file).toMatchObject({ rowsRead: 50, rowsLoaded: 50, rowsRejected: 0 });
    });
  }
});
