/** The report: every error in one line, capped and sorted per file, counts that add up. */
import { describe, expect, it } from 'vitest';
import { checkDataFolder, formatReport, type ContractProgress } from '../../src/contract/index.ts';
import { fileReport, makeFolder, row, survey } from './helpers.ts';

describe('formatReport', () => {
  it('lists errors by line, capped at 50 per file with a count of the rest', async () => {
    // 60 bad rows, whose errors are found column by column; two errors on line 117.
    const lines = Array.from({ length: 200 }, (_v, i) => {
      const line = i + 2;
      if (line === 117) return row(`r${i}`, { perf_queue: '11', nps: '12' });
      return row(`r${i}`, line % 3 === 0 && line < 180 ? { csat: '9' } : {});
    });
    const dir = makeFolder({ 'survey/2025Q3.csv': survey(lines) });
    const result = await checkDataFolder(dir);
    const f = fileReport(result, 'survey/2025Q3.csv');
    expect(f.errorCount).toBe(60);
    expect(f.issues).toHaveLength(50);
    expect(f.rowsRejected).toBe(59);
    expect(f.rowsRead).toBe(200);
    expect(f.rowsLoaded).toBe(141);
    const issueLines = f.issues.map((i) => i.line!);
    expect(issueLines).toEqual([...issueLines].sort((a, b) => a - b));

    const text = formatReport(result);
    expect(text).toContain(`${dir}/survey/2025Q3.csv:117: column nps: value 12 is outside 0–10 (likelihood-to-recommend scale)`);
    expect(text).toContain(`${dir}/survey/2025Q3.csv:117: column perf_queue: value 11 is outside 1–10 (attribute queue's scale)`);
    // Same line: in the order of the columns in the file.
    expect(text.indexOf(':117: column nps')).toBeLessThan(text.indexOf(':117: column perf_queue'));
    expect(text).toContain('… and 10 more (60 errors and 0 warnings in this file in all');
    expect(text).toContain(`${dir}/survey/2025Q3.csv → survey (utf-8, comma, LF): rows read 200, loaded 141, rejected 59`);
    expect(text).toMatch(/survey\s+1 file\s+rows read\s+200, loaded\s+141, rejected\s+59/);
    expect(text).toMatch(/^FAILED: 60 errors in 1 file/m);
  });

  it('says OK and prints warnings when the data are valid', async () => {
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': survey([row('r1', {}, 'respondent_id,quarter,bank,age')], 'respondent_id,quarter,bank,age') }));
    const text = formatReport(result);
    expect(result.ok).toBe(true);
    expect(text).toMatch(/survey\/2025Q3\.csv:1: warning: column age: unknown column age is ignored/);
    expect(text).toMatch(/^OK: the data meet the contract \(1 warning\)\.$/m);
  });

  it('reports progress per file and ends each file at fraction 1', async () => {
    const events: ContractProgress[] = [];
    await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': survey([row('r1')]) }), { onProgress: (p) => events.push(p) });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ fraction: 1, filesDone: 5, filesTotal: 5 });
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(events.some((e) => e.message.includes('survey/2025Q3.csv'))).toBe(true);
  });
});
