import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { oneEditAway } from '../../src/contract/sheet.ts';
import { errors, fileReport, makeFolder } from './helpers.ts';

const surveyWith = (header: string) => ({ 'survey/2025Q3.csv': `respondent_id,quarter,bank,nps,${header}\nr1,2025Q3,cmb,9,4\nr2,2025Q3,cmb,7,5\n` });

describe('unknown columns', () => {
  it('one edit from a contract column is an error with a did-you-mean, and its rows are not loaded', async () => {
    const result = await checkDataFolder(makeFolder(surveyWith('overal')));
    expect(result.ok).toBe(false);
    expect(errors(result)).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/survey\/2025Q3\.csv$/), line: 1, column: 'overal', message: expect.stringMatching(/unknown column "?overal"?: did you mean overall\? Rename it, or list it in ignored-columns\.txt/) }),
    ]);
    const report = fileReport(result, 'survey/2025Q3.csv');
    expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsRejected);
  });

  it('is only a warning when it is far from every contract column, or when the contract column is there too', async () => {
    for (const header of ['region', 'overall,overal']) {
      const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': `respondent_id,quarter,bank,nps,${header}\nr1,2025Q3,cmb,9,4${header.includes(',') ? ',1' : ''}\n` }));
      expect(result.ok).toBe(true);
      expect(fileReport(result, 'survey/2025Q3.csv').issues.map((i) => i.message)).toEqual([expect.stringMatching(/^unknown column .* is ignored$/)]);
    }
  });

  it('ignored-columns.txt silences it, by table.column or by bare column', async () => {
    for (const line of ['survey.overal', 'OVERAL  # an extra question']) {
      const result = await checkDataFolder(makeFolder({ ...surveyWith('overal'), 'ignored-columns.txt': `# columns we keep in the export\n${line}\n` }));
      expect(result.ok).toBe(true);
      expect(fileReport(result, 'survey/2025Q3.csv').issues).toEqual([]);
      expect(result.issues ?? []).toEqual([]);
    }
  });

  it('one edit is an insertion, a deletion or a replacement', () => {
    const known = ['csat', 'nps', 'overall'];
    expect(oneEditAway('csta', known)).toBeUndefined(); // a swap is two edits
    expect(oneEditAway('cst', known)).toBe('csat');
    expect(oneEditAway('npss', known)).toBe('nps');
    expect(oneEditAway('overal', known)).toBe('overall');
    expect(oneEditAway('satisfaction', known)).toBeUndefined();
  });
});
