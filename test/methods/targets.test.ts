/** Figures against their targets, in words, and runs of periods that missed: the `targets` method and its sentences. */
import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { formatTarget, streakSentence, targetSentence, targetStatus } from '../../src/text/targets.ts';

const result = (rows: Row[]): QueryResult => ({ columns: Object.keys(rows[0]!).map((name) => ({ name, type: 'VARCHAR' })), rows });

describe('target sentences', () => {
  it('reads a figure against its target in both languages, the target written without trailing zeros', () => {
    expect(targetSentence({ figure: 'NPS', value: 31.04, target: 35, format: '.1f' }, 'en')).toBe('NPS 31.0, target 35: below');
    expect(targetSentence({ figure: 'NPS', value: 31.04, target: 35, format: '.1f' }, 'zh')).toBe('NPS 31.0，目标 35：低于目标');
    expect(targetSentence({ figure: 'CES', value: 5.61, target: 5.5, label: '2026 goal', format: '.2f' }, 'en')).toBe('CES 5.61, 2026 goal 5.5: above');
    expect(targetSentence({ figure: '', value: -3, target: -3.04, format: '.1f' }, 'en')).toBe('−3.0, target −3: met');
    expect(formatTarget(1250, ',.0f')).toBe('1,250');
  });

  it('equal as printed is met; otherwise by number', () => {
    expect(targetStatus(35.04, 35, '.1f')).toBe('met');
    expect(targetStatus(34.94, 35, '.1f')).toBe('below');
    expect(targetStatus(0.9504, 0.95, '.1%')).toBe('met');
  });

  it('runs: ordinal words, then numbers; the grain in both languages', () => {
    expect(streakSentence(3, 'below', 'quarter', 'en')).toBe('below target for the third quarter running');
    expect(streakSentence(3, 'below', 'quarter', 'zh')).toBe('连续第 3 个季度低于目标');
    expect(streakSentence(13, 'above', 'month', 'en')).toBe('above target for the 13th month running');
    expect(streakSentence(22, 'below', 'year', 'en')).toBe('below target for the 22nd year running');
    expect(streakSentence(1, 'below', 'quarter', 'en')).toBe('below target');
  });
});

describe('the targets method', () => {
  const series = (values: (number | null)[], target: number | null, direction = 'higher_better', periods = ['2025Q2', '2025Q3', '2025Q4', '2026Q1']) =>
    values.map((value, i) => ({ series: 'cmb', period: periods[i]!, value, target, direction, format: '.1f', figure_zh: '招商银行', figure_en: 'CMB', target_label_zh: null, target_label_en: null }));

  it('counts the periods in a row on the wrong side, up to each row', () => {
    const out = runMethod('targets', result(series([36, 34, 33, 32], 35)), {});
    expect(out.rows.map((r) => [r.status, r.misses, r.tone, r.streak])).toEqual([
      ['above', false, 'good', 0],
      ['below', true, 'bad', 1],
      ['below', true, 'bad', 2],
      ['below', true, 'bad', 3],
    ]);
    expect(out.rows[3]!.sentence_en).toBe('CMB 32.0, target 35: below target for the third quarter running');
    expect(out.rows[1]!.sentence_zh).toBe('招商银行 34.0，目标 35：低于目标');
    expect(out.rows[3]!.streak_en).toBe('below target for the third quarter running');
    expect(out.rows[0]!.streak_en).toBeNull();
  });

  it('a lower-is-better metric misses above its target; a gap between periods restarts the run; no target, no reading', () => {
    const lower = runMethod('targets', result(series([1.2, 1.3, 1.4, 0.9], 1, 'lower_better')), {});
    expect(lower.rows.map((r) => [r.status, r.misses, r.streak])).toEqual([
      ['above', true, 1],
      ['above', true, 2],
      ['above', true, 3],
      ['below', false, 0],
    ]);
    expect(lower.rows[2]!.streak_zh).toBe('连续第 3 个季度高于目标');
    const gap = runMethod('targets', result(series([30, 30, 30], 35, 'higher_better', ['2025Q1', '2025Q3', '2025Q4'])), {});
    expect(gap.rows.map((r) => r.streak)).toEqual([1, 1, 2]);
    const none = runMethod('targets', result(series([30, 31], null)), {});
    expect(none.rows.map((r) => [r.status, r.sentence_en, r.streak])).toEqual([[null, null, null], [null, null, null]]);
  });

  it('refuses options and names the columns it needs', () => {
    expect(() => runMethod('targets', result(series([30], 35)), { formats: 'x' })).toThrow(/has no option "formats"/);
    expect(() => runMethod('targets', result([{ value: 1 }]), {})).toThrow(/needs columns target/);
  });
});
