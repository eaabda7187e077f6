import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvText, fileStem, safePart, wrapLines } from '../../src/site/client/export.ts';

describe('chart CSV', () => {
  it('BOM, CRLF, RFC 4180 quoting, Chinese as written', () => {
    const csv = csvText(['银行', 'comment'], [['招商银行', 'a, "quoted"\nsecond line'], ['ICBC', 'plain']]);
    expect(csv.startsWith('\uFEFF银行,comment\r\n')).toBe(true);
    expect(csv).toContain('招商银行,"a, ""quoted""\nsecond line"\r\n');
    expect(csv.endsWith('ICBC,plain\r\n')).toBe(true);
    expect(Papa.parse(csv.slice(1), { skipEmptyLines: true }).data).toEqual([['银行', 'comment'], ['招商银行', 'a, "quoted"\nsecond line'], ['ICBC', 'plain']]);
  });

  it('neutralises formula-looking text, never numbers', () => {
    const csv = csvText(['v'], [['=1+2'], ['+1'], ['-cmd'], ['@SUM(A1)'], ['\tx'], ['\rx'], ['=a\nb'], [-12.5], [3], ['ok']]);
    const values = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1).map((r) => r[0]);
    expect(values).toEqual(["'=1+2", "'+1", "'-cmd", "'@SUM(A1)", "'\tx", "'\rx", "'=a\nb", '-12.5', '3', 'ok']);
  });
});

describe('download file names', () => {
  it('page, chart and input values, ASCII-safe', () => {
    expect(fileStem('overview', 'nps_by_bank', { quarter: '2026Q3', segment: '*', bank: 'cmb' })).toBe('overview_nps_by_bank_2026Q3_cmb');
    expect(fileStem('compare', 'trends', { banks: ['cmb', 'icbc'], period: ['2024Q4', '2026Q3'] })).toBe('compare_trends_cmb-icbc_2024Q4-2026Q3');
    expect(fileStem('p', 'c', { a: '全部客户', b: 'mass market', c: 'Café/../x' })).toBe('p_c_mass-market_Cafe-x');
    expect(safePart('../../etc')).toBe('etc');
    expect(fileStem('', '', {})).toBe('chart');
  });
});

describe('context lines of an exported chart', () => {
  // One unit per character: lines of at most 20 characters.
  const measure = (s: string) => [...s].length;
  it('wraps at spaces, Chinese between characters, and an over-long word (a URL) by characters, losing nothing', () => {
    const en = 'Method: NPS = % promoters − % detractors; smallest n = 1,976.';
    const lines = wrapLines(en, 20, measure);
    expect(lines.every((l) => measure(l) <= 20)).toBe(true);
    expect(lines.join(' ')).toBe(en);
    const zh = '方法：NPS = 推荐者占比 − 贬损者占比；最少样本 n = 1,976。';
    const zhLines = wrapLines(zh, 10, measure);
    expect(zhLines.every((l) => measure(l) <= 10)).toBe(true);
    expect(zhLines.join('').replace(/\s/g, '')).toBe(zh.replace(/\s/g, ''));
    const url = 'Source: http://localhost:4321/en/overview/?quarter=2026Q2&segment=mass';
    const urlLines = wrapLines(url, 20, measure);
    expect(urlLines.every((l) => measure(l) <= 20)).toBe(true);
    expect(urlLines.join('').replace(/\s/g, '')).toBe(url.replace(/\s/g, ''));
    expect(wrapLines('', 20, measure)).toEqual([]);
  });
});
