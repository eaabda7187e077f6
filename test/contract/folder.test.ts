/** The folder as a whole: what is read, what is ignored, the examples, and a larger file. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkDataFolder } from '../../src/contract/index.ts';
import { REPO, fileReport, firstError, makeFolder, row, rows, survey, table } from './helpers.ts';

describe('data folder', () => {
  it('the documented examples pass and hold every kind', async () => {
    const result = await checkDataFolder(path.join(REPO, 'data/examples'));
    expect(firstError(result)).toBeUndefined();
    expect(result.files.every((f) => f.warningCount === 0)).toBe(true);
    expect(result.tables.map((t) => t.name)).toEqual([
      'banks', 'attributes', 'stages', 'tasks', 'channels', 'segments', 'themes', 'survey', 'servqual', 'servqual_items', 'servqual_provider', 'servqual_opinions', 'metrics', 'metric_defs', 'targets',
    ]);
    // Every task has its preferred-channel column; levels keep their decimals and missing markers.
    const survey = rows(result, 'survey');
    expect(Object.keys(survey[0]!).filter((k) => k.startsWith('pref_'))).toEqual(rows(result, 'tasks').map((t) => `pref_${t.task_id}`));
    expect(survey.map((r) => r.lvl_ease)).toEqual([5, 2.5, 2, 4, 2]);
    expect(survey.map((r) => r.lvl_enjoy)).toContain(null);
    expect(survey.map((r) => r.pref_transfer)).toContain('wechat');
    expect(rows(result, 'segments').map((r) => r.label_en)).toEqual(['Retail', 'Private banking', 'Small business owners']);
    expect(rows(result, 'themes').every((t) => t.keywords_zh !== null && t.keywords_en !== null)).toBe(true);
    expect(rows(result, 'survey').map((r) => r.comment)).toContain('=1+1 is data; not a formula.');
    expect(new Set(rows(result, 'servqual').map((r) => r.weight))).toEqual(new Set([1.2, 0.8, 1]));
    expect(new Set(rows(result, 'servqual_provider').map((r) => r.measure))).toEqual(new Set(['specification', 'delivered', 'promised']));
    expect(new Set(rows(result, 'servqual_opinions').map((r) => r.gap))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('ignores lock files and hidden files silently, warns about other stray files', async () => {
    const dir = makeFolder({
      'survey/2025Q3.csv': survey([row('r1')]),
      'survey/~$2025Q3.csv': 'lock',
      'survey/.DS_Store': 'x',
      'survey/2025Q4.xls': 'PK',
      'survey/old/2024Q1.csv': 'x',
      'Survey_extra.csv': 'a,b\n',
      'examples/banks.csv': 'garbage',
    });
    const result = await checkDataFolder(dir);
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => path.relative(dir, f.file))).toEqual(['banks.csv', 'attributes.csv', 'stages.csv', 'survey/2025Q3.csv', 'metric_defs.csv']);
    expect((result.issues ?? []).map((i) => [path.relative(dir, i.file), i.severity])).toEqual([
      ['Survey_extra.csv', 'warning'],
      ['survey/2025Q4.xls', 'warning'],
      ['survey/old', 'warning'],
    ]);
  });

  it('an empty folder is valid but warned about', async () => {
    const result = await checkDataFolder(makeFolder({}, null));
    expect(result.ok).toBe(true);
    expect(result.tables).toEqual([]);
    expect(result.issues?.[0]?.message).toMatch(/no data files found/);
  });

  it('20,000 rows with quoted line breaks: every row counted, late errors on the right line', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) lines.push(row(`r${i}`, { comment: i % 100 === 0 ? '"a\nb"' : 'ok', bank: ['cmb', 'pab', 'icbc'][i % 3]! }));
    lines.push(row('last', { csat: '7' }));
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': survey(lines) }));
    const f = fileReport(result, 'survey/2025Q3.csv');
    expect(f).toMatchObject({ rowsRead: 20001, rowsLoaded: 20000, rowsRejected: 1 });
    // Header, 20000 records, 200 of which span two lines: the last record starts on line 20202.
    expect(firstError(result)).toMatchObject({ line: 20202, column: 'csat' });
    expect(table(result, 'survey').rowCount).toBe(20000);
  });
});
