import { describe, expect, it } from 'vitest';
import { checkDataFolder, formatReport } from '../../src/contract/index.ts';
import { errors, makeFolder, row, rows, survey } from './helpers.ts';

// 6 respondents of cmb in 2025Q3: 4 retail, 2 affluent; 4 on the app, 2 in the branch; one with a base weight of 2.
const SURVEY = survey([
  row('r1', { segment: 'retail', channel: 'app' }),
  row('r2', { segment: 'retail', channel: 'app' }),
  row('r3', { segment: 'retail', channel: 'branch', weight: '2' }),
  row('r4', { segment: 'retail', channel: 'app' }),
  row('r5', { segment: 'affluent', channel: 'app' }),
  row('r6', { segment: 'affluent', channel: 'branch' }),
  row('p1', { bank: 'pab', segment: 'retail' }),
  row('p2', { bank: 'pab', segment: 'retail', channel: 'branch' }),
]);
const TARGETS = ['period,bank,variable,category,share', '2025Q3,cmb,segment,retail,0.5', '2025Q3,cmb,segment,affluent,0.5', '2025Q3,*,channel,app,0.6', '2025Q3,*,channel,branch,0.4'];

const weighted = (res: Awaited<ReturnType<typeof checkDataFolder>>, bank: string, col: 'segment' | 'channel', value: string) => {
  const rs = rows(res, 'survey').filter((r) => r.bank === bank);
  const all = rs.reduce((s, r) => s + (r.weight as number), 0);
  return rs.filter((r) => r[col] === value).reduce((s, r) => s + (r.weight as number), 0) / all;
};

describe('weighting/targets.csv: the survey raked to population margins', () => {
  it('rakes each bank and quarter with targets, starting from the base weights, and reports how', async () => {
    const res = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': SURVEY, 'weighting/targets.csv': TARGETS.join('\n') + '\n' }));
    expect(errors(res)).toEqual([]);
    expect(weighted(res, 'cmb', 'segment', 'retail')).toBeCloseTo(0.5, 6);
    expect(weighted(res, 'cmb', 'channel', 'app')).toBeCloseTo(0.6, 6);
    const cmb = rows(res, 'survey').filter((r) => r.bank === 'cmb');
    expect(cmb.reduce((s, r) => s + (r.weight as number), 0)).toBeCloseTo(6, 9); // mean 1
    expect(res.weighting).toHaveLength(2);
    const report = res.weighting!.find((w) => w.bank === 'cmb')!;
    expect(report).toMatchObject({ period: '2025Q3', variables: ['segment', 'channel'], respondents: 6, converged: true });
    expect(report.designEffect).toBeGreaterThan(1);
    expect(report.nEff).toBeCloseTo(6 / report.designEffect, 9);
    // pab has only the every-bank channel target.
    expect(res.weighting!.find((w) => w.bank === 'pab')).toMatchObject({ variables: ['channel'], respondents: 2 });
    expect(weighted(res, 'pab', 'channel', 'app')).toBeCloseTo(0.6, 9);
    expect(formatReport(res)).toMatch(/raked to weighting\//);
  });

  it('without the folder nothing changes', async () => {
    const res = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': SURVEY }));
    expect(res.weighting).toBeUndefined();
    expect(rows(res, 'survey').map((r) => r.weight)).toEqual([1, 1, 2, 1, 1, 1, 1, 1]);
  });

  it('a target category with no respondents is an error naming the file and its line', async () => {
    const targets = [...TARGETS.slice(0, 3), '2025Q3,cmb,segment,senior,0'].join('\n').replace('affluent,0.5', 'affluent,0.3').replace('senior,0', 'senior,0.2');
    const res = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': SURVEY, 'weighting/targets.csv': targets + '\n' }));
    expect(res.ok).toBe(false);
    const e = errors(res).find((i) => i.message.includes('senior'))!;
    expect(e).toMatchObject({ file: expect.stringMatching(/weighting\/targets\.csv$/), line: 4, column: 'category' });
    expect(e.message).toBe('cmb in 2025Q3: segment "senior" has a target share but no respondents (6 respondents)');
  });

  it('shares that do not sum to 1, a variable the survey cannot be weighted on, and a bank not in banks.csv', async () => {
    const targets = ['period,bank,variable,category,share', '2025Q3,cmb,segment,retail,0.5', '2025Q3,cmb,segment,affluent,0.4', '2025Q3,cmb,nps,9,1', '2025Q3,xyz,channel,app,1'].join('\n') + '\n';
    const res = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': SURVEY, 'weighting/targets.csv': targets }));
    const messages = errors(res).map((i) => `${i.line}: ${i.message}`);
    expect(messages).toContain('2: the segment shares for cmb in 2025Q3 sum to 0.9000, not 1 (rows from line 2)');
    expect(messages.some((m) => m.startsWith('4: variable nps is not a survey column respondents can be weighted on'))).toBe(true);
    expect(messages.some((m) => m.startsWith('5: bank xyz is not in banks.csv'))).toBe(true);
  });
});
