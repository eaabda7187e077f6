import { describe, expect, it } from 'vitest';
import { detectPlatform } from '../../src/import/platforms.ts';
import { excelDateText, leadingNumber, periodOfDate } from '../../src/import/values.ts';
import { parseMapping } from '../../src/import/mapping.ts';

describe('answers → numbers', () => {
  it('takes the number a labelled choice starts with', () => {
    expect(['10 - Extremely likely', '0 - 完全不可能', '7', '7.5', '5分', '1 = 很差', '3、一般', '-2', '10 – Very satisfied'].map(leadingNumber)).toEqual([10, 0, 7, 7.5, 5, 1, 3, -2, 10]);
    expect(['非常满意', 'Very satisfied', '', '10abc', '3 4', 'NA'].map(leadingNumber)).toEqual([null, null, null, null, null, null]);
  });
});

describe('dates → periods', () => {
  const ok = (t: string, g: 'quarter' | 'month' | 'year' = 'quarter', o: 'mdy' | 'dmy' | null = null) => {
    const r = periodOfDate(t, g, o);
    return r.ok ? r.period : r.message;
  };
  it('reads the forms platforms and Excel write', () => {
    expect(ok('2026-10-03 10:20:31')).toBe('2026Q4');
    expect(ok('2026/1/3 10:20:31')).toBe('2026Q1');
    expect(ok('2026年7月1日')).toBe('2026Q3');
    expect(ok('2026-06-30T23:59:59')).toBe('2026Q2');
    expect(ok('10/03/2026 10:20:31 AM', 'month', 'mdy')).toBe('2026-10');
    expect(ok('10/03/2026', 'month', 'dmy')).toBe('2026-03');
    expect(ok('25/03/2026', 'month', null)).toBe('2026-03');
    expect(ok('2026Q4', 'year')).toBe('2026');
    expect(ok('2026-10-03', 'year')).toBe('2026');
  });
  it('says why a date cannot be read', () => {
    expect(ok('10/03/2026')).toMatch(/set date_order: mdy or date_order: dmy/);
    expect(ok('2026-13-01')).toMatch(/not a valid date/);
    expect(ok('yesterday')).toMatch(/is not a date/);
    expect(ok('2026Q4', 'month')).toMatch(/a month cannot be taken/);
  });
  it('writes a workbook date as its date and time', () => {
    expect(excelDateText(new Date(Date.UTC(2026, 9, 3, 10, 20, 31)))).toBe('2026-10-03T10:20:31');
    expect(excelDateText(new Date(Date.UTC(2026, 9, 3)))).toBe('2026-10-03');
  });
});

describe('platform detection', () => {
  it('knows the three platforms by their header rows, and nothing else', () => {
    expect(detectPlatform([['ResponseId', 'Q1'], ['Response ID', 'Which bank?'], ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}']])?.format).toBe('qualtrics');
    expect(detectPlatform([['序号', '提交答卷时间', '所用时间', '1、您的银行']])?.format).toBe('wjx');
    expect(detectPlatform([['Respondent ID', 'Collector ID', 'Which bank?'], ['', '', 'Response']])?.format).toBe('surveymonkey');
    expect(detectPlatform([['respondent_id', 'quarter', 'bank'], ['r1', '2025Q3', 'cmb']])).toBeNull();
  });
});

describe('mapping files', () => {
  it('keeps each rule’s line', () => {
    const r = parseMapping('format: wjx\n\ncolumns:\n  respondent_id: 序号\n  csat:\n    from: 6、满意度\n    map:\n      非常满意: 5\n', 'm.map.yml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mapping.columns.map((c) => [c.target, c.line, c.from, c.mapLine])).toEqual([
      ['respondent_id', 4, '序号', 4],
      ['csat', 5, '6、满意度', 7],
    ]);
    expect(r.mapping.headerRows).toBe(1);
  });
  it('refuses TODOs, unknown keys, twice-mapped columns and bad YAML, at their lines', () => {
    const r = parseMapping('format: qualtrics\nheader_row: 3\ncolumns:\n  bank: TODO   # which?\n  nps: Q5\n  NPS: Q6\n', 'm.map.yml');
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.message.slice(0, 40)])).toEqual([
      [2, 'unknown key "header_row" (the keys are f'],
      [4, 'columns.bank is still TODO: name the exp'],
      [6, 'nps is mapped twice (first at line 5); k'],
    ]);
    const y = parseMapping('format: [\n', 'm.map.yml');
    expect(y.ok ? '' : y.errors[0]!.message).toMatch(/not valid YAML/);
  });
});
