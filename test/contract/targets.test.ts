/** targets.csv: targets per metric, bank (or every bank) and period, expanded to one row per period. */
import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { errors, fileReport, makeFolder, rows } from './helpers.ts';

const HEADER = 'metric,bank,period,value,label_zh,label_en,source';
const check = (lines: string[]) => checkDataFolder(makeFolder({ 'targets.csv': [HEADER, ...lines].join('\n') + '\n' }));

describe('targets.csv', () => {
  it('loads one row per metric, bank and period: * for every bank, ranges per period, a bank’s own target first', async () => {
    const res = await check([
      'NPS,*,2025Q3–2025Q4,35,年度目标,2025 goal,board plan',
      'nps,cmb,2025Q4,40,,,',
      'complaints,pab,2025-11..2025-12,1.5,监管上限,,https://example.org/cap',
    ]);
    expect(errors(res)).toEqual([]);
    expect(fileReport(res, 'targets.csv')).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    const t = rows(res, 'targets');
    const nps = t.filter((r) => r.metric === 'nps').map((r) => `${r.bank} ${r.period} ${r.value} ${r.label_en} ${r.all_banks}`);
    expect(nps.sort()).toEqual([
      'cmb 2025Q3 35 2025 goal true',
      'cmb 2025Q4 40 null false',
      'icbc 2025Q3 35 2025 goal true',
      'icbc 2025Q4 35 2025 goal true',
      'pab 2025Q3 35 2025 goal true',
      'pab 2025Q4 35 2025 goal true',
    ]);
    const cap = t.filter((r) => r.metric === 'complaints');
    expect(cap.map((r) => [r.period, r.period_grain, r.label_zh, r.label_en, r.source_line])).toEqual([
      ['2025-11', 'month', '监管上限', '监管上限', 4],
      ['2025-12', 'month', '监管上限', '监管上限', 4],
    ]);
    expect(t.find((r) => r.bank === 'cmb' && r.period === '2025Q4')).toMatchObject({ label_zh: null, source: null, source_line: 3 });
  });

  it('names file, line, column and value for each rule, with a did-you-mean', async () => {
    const res = await check([
      'npss,*,2025Q3,35,,,', // 2: unknown metric, near nps
      'complaint,cmb,2025Q3,1,,,', // 3: unknown operating metric, near complaints
      'nps,cmbb,2025Q3,35,,,', // 4: unknown bank, near cmb
      'nps,CMB,2025Q3,35,,,', // 5: bank in the wrong case
      'nps,pab,2025Q5,35,,,', // 6: not a period
      'nps,pab,2025Q4–2025Q1,35,,,', // 7: backwards
      'nps,pab,2025–2025Q4,35,,,', // 8: two grains
      'nps,pab,2025Q3,high,,,', // 9: not a number
      'nps,icbc,2025Q1–2025Q4,30,,,', // 10
      'nps,icbc,2025Q4,31,,,', // 11: overlaps line 10
      'nps,招商银行,2025Q3,30,,,', // 12: a name where the id belongs
    ]);
    const by = new Map(errors(res).map((e) => [e.line, e]));
    expect(res.ok).toBe(false);
    expect(by.get(2)).toMatchObject({ file: expect.stringMatching(/targets\.csv$/), column: 'metric', value: 'npss' });
    expect(by.get(2)!.message).toContain('(did you mean "nps"?)');
    expect(by.get(2)!.message).toContain('nps, csat, ces, overall');
    expect(by.get(3)!.message).toContain('(did you mean "complaints"?)');
    expect(by.get(4)).toMatchObject({ column: 'bank', value: 'cmbb' });
    expect(by.get(4)!.message).toContain('(did you mean "cmb"?)');
    expect(by.get(5)!.message).toContain('ids are case-sensitive: did you mean "cmb"?');
    expect(by.get(6)).toMatchObject({ column: 'period', value: '2025Q5' });
    expect(by.get(7)!.message).toContain('ends before it starts');
    expect(by.get(8)!.message).toContain('mixes a year and a quarter');
    expect(by.get(9)).toMatchObject({ column: 'value', value: 'high' });
    expect(by.get(11)).toMatchObject({ column: 'period', value: '2025Q4' });
    expect(by.get(11)!.message).toBe('nps for bank icbc in 2025Q4 already has a target at line 10; keep one');
    expect(by.get(12)!.message).toContain('is the name of cmb');
    // Every row is accounted for: read = loaded + rejected.
    expect(fileReport(res, 'targets.csv')).toMatchObject({ rowsRead: 11, rowsLoaded: 1, rowsRejected: 10 });
  });

  it('an operating metric needs metric_defs.csv, and * needs banks.csv', async () => {
    const noDefs = await checkDataFolder(makeFolder({ 'metric_defs.csv': null, 'targets.csv': `${HEADER}\ncomplaints,cmb,2025Q3,1,,,\nces,cmb,2025Q3,5.5,,,\n` }));
    expect(errors(noDefs).map((e) => [e.line, e.column])).toEqual([[2, 'metric']]);
    expect(errors(noDefs)[0]!.message).toContain('there is no metric_defs.csv');
    const noBanks = await checkDataFolder(makeFolder({ 'banks.csv': null, 'targets.csv': `${HEADER}\nnps,*,2025Q3,30,,,\n` }));
    expect(errors(noBanks)[0]!.message).toContain('banks.csv is missing');
  });

  it('hostile text in labels and sources is loaded as it is, to be shown as text', async () => {
    const res = await check(['nps,*,2025Q3,35,"<img src=x onerror=alert(1)>","</script><b>x</b>","=HYPERLINK(""http://x"")"']);
    expect(errors(res)).toEqual([]);
    expect(rows(res, 'targets')[0]).toMatchObject({ label_zh: '<img src=x onerror=alert(1)>', label_en: '</script><b>x</b>', source: '=HYPERLINK("http://x")' });
  });

  it('without the file there is no targets table', async () => {
    const res = await checkDataFolder(makeFolder({}));
    expect(res.tables.map((t) => t.name)).not.toContain('targets');
  });
});
