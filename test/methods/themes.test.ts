import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { weightedMeanInterval, wilsonInterval } from '../../src/methods/weighted.ts';
import { matchesTheme, splitKeywords, themeFigures, themesCell } from '../../src/methods/themes.ts';

describe('matching a comment to a theme', () => {
  it('matches Chinese keywords as substrings', () => {
    expect(matchesTheme('手续费太高了', ['手续费'], [])).toBe(true);
    expect(matchesTheme('年费也不低', ['手续费', '年费'], [])).toBe(true);
    expect(matchesTheme('服务很好', ['手续费'], [])).toBe(false);
    // Latin letters inside a Chinese keyword ignore case, and full-width letters count (NFKC).
    expect(matchesTheme('手机app总是闪退', ['APP闪退'], [])).toBe(false);
    expect(matchesTheme('手机APP闪退', ['app闪退'], [])).toBe(true);
    expect(matchesTheme('手机ＡＰＰ闪退', ['app闪退'], [])).toBe(true);
  });

  it('matches English keywords as whole words, ignoring case', () => {
    expect(matchesTheme('Fee too high', [], ['fee'])).toBe(true);
    expect(matchesTheme('Thanks for the feedback', [], ['fee'])).toBe(false);
    expect(matchesTheme('coffee was cold', [], ['fee'])).toBe(false);
    expect(matchesTheme('FEE!', [], ['fee'])).toBe(true);
    expect(matchesTheme('fees', [], ['fee'])).toBe(false);
    expect(matchesTheme('fee2', [], ['fee'])).toBe(false);
    expect(matchesTheme('(fee)', [], ['fee'])).toBe(true);
    expect(matchesTheme('long WAIT  time', [], ['wait time'])).toBe(true);
    expect(matchesTheme('long wait\ntime', [], ['wait time'])).toBe(true);
    expect(matchesTheme('long waiting time', [], ['wait time'])).toBe(false);
    expect(matchesTheme('a long Wait Time', [], ['wait time'])).toBe(true);
    expect(matchesTheme('my e-banking login', [], ['e-banking'])).toBe(true);
  });

  it('is Unicode-aware: letters of any script and combining marks are word characters', () => {
    expect(matchesTheme('the café closed', [], ['caf'])).toBe(false);
    expect(matchesTheme('the cafe\u0301 closed', [], ['cafe'])).toBe(false);
    expect(matchesTheme('Überweisung langsam', [], ['berweisung'])).toBe(false);
    expect(matchesTheme('ÜBERWEISUNG langsam', [], ['überweisung'])).toBe(true);
  });

  it('treats Han, kana and Hangul as boundaries, so Latin words inside Chinese text match', () => {
    expect(matchesTheme('手机APP闪退', [], ['app'])).toBe(true);
    expect(matchesTheme('手续费fee太高', [], ['fee'])).toBe(true);
    expect(matchesTheme('feedback很慢', [], ['fee'])).toBe(false);
  });

  it('takes keywords literally and stays harmless on hostile text', () => {
    expect(matchesTheme('anything at all', [], ['.*'])).toBe(false);
    expect(matchesTheme('x .* y', [], ['.*'])).toBe(true);
    expect(matchesTheme('price (a+)+$ here', [], ['(a+)+$'])).toBe(true);
    // A catastrophic-backtracking pattern, were it a RegExp: as literal text it returns at once.
    const started = Date.now();
    expect(matchesTheme(`${'a'.repeat(100_000)}!`, ['(a+)+$'], ['(a+)+$', 'a'])).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(matchesTheme('<script>alert("fee")</script>', [], ['fee'])).toBe(true);
    expect(matchesTheme('\u0000\uFFFF\uD800 fee \u202E', [], ['fee'])).toBe(true);
    expect(matchesTheme('', ['费'], ['fee'])).toBe(false);
    expect(matchesTheme('fee', [], [])).toBe(false);
    expect(matchesTheme('fee', ['', '  '], ['', ' '])).toBe(false);
  });

  it('splits ;-separated keyword lists (full-width ； too)', () => {
    expect(splitKeywords(' fee ; annual fee;;charge ')).toEqual(['fee', 'annual fee', 'charge']);
    expect(splitKeywords('手续费；年费;手续费')).toEqual(['手续费', '年费']);
    expect(splitKeywords(null)).toEqual([]);
  });
});

const themeRows: Row[] = [
  { theme_id: 'fees', label_zh: '费用', label_en: 'Fees', keywords_zh: '手续费;年费', keywords_en: 'fee;fees;charge', comment: null },
  { theme_id: 'app', label_zh: '手机银行', label_en: 'Mobile app', keywords_zh: 'APP;闪退', keywords_en: 'app;crash', comment: null },
  { theme_id: 'staff', label_zh: '员工', label_en: 'Staff', keywords_zh: '柜员', keywords_en: 'staff;teller', comment: null },
];
const commentRows: Row[] = [
  { theme_id: null, comment: '手续费太高', outcome: 4, weight: 1, bank: 'a' },
  { theme_id: null, comment: 'The app keeps crashing and the fee is high', outcome: 2, weight: 2, bank: 'a' },
  { theme_id: null, comment: 'Thanks for the feedback', outcome: 9, weight: 1, bank: 'a' },
  { theme_id: null, comment: '手机APP闪退', outcome: null, weight: 1, bank: 'b' },
  { theme_id: null, comment: '   ', outcome: 7, weight: 1, bank: 'b' }, // blank: not a comment
  { theme_id: null, comment: null, outcome: 8, weight: 1, bank: 'b' }, // no comment
  { theme_id: null, comment: 'Great service', outcome: 10, weight: 1, bank: 'b' },
];
const input = (rows: Row[] = [...themeRows, ...commentRows]): QueryResult => ({
  columns: ['theme_id', 'label_zh', 'label_en', 'keywords_zh', 'keywords_en', 'comment', 'outcome', 'weight', 'bank'].map((name) => ({ name, type: '' })),
  rows,
});

describe('themes method cell', () => {
  it('counts, shares and mean outcomes per theme from theme rows and comment rows', () => {
    const r = runMethod('themes', input(), {});
    expect(r.columns.map((c) => c.name)).toEqual([
      'theme_id', 'label_zh', 'label_en', 'count', 'share', 'share_lo', 'share_hi', 'mean_outcome', 'outcome_lo', 'outcome_hi', 'n_outcome', 'comments',
    ]);
    expect(r.rows.map((row) => [row.theme_id, row.count, row.n_outcome, row.comments])).toEqual([
      ['fees', 2, 2, 5],
      ['app', 2, 1, 5],
      ['staff', 0, 0, 5],
    ]);
    const [fees, app, staff] = r.rows;
    // Weighted: comments weigh 1, 2, 1, 1, 1 (Σw 6, Σw² 8); fees = comments 1 and 2 → 3/6.
    expect(fees!.share).toBeCloseTo(50, 12);
    const w = wilsonInterval(0.5, 36 / 8);
    expect(fees!.share_lo).toBeCloseTo(w.lo, 12);
    expect(fees!.share_hi).toBeCloseTo(w.hi, 12);
    expect(fees!.mean_outcome).toBeCloseTo((4 + 2 * 2) / 3, 12);
    expect(fees!.outcome_lo).toBeCloseTo(weightedMeanInterval([4, 2], [1, 2]).lo, 12);
    expect(fees).toMatchObject({ label_zh: '费用', label_en: 'Fees' });
    // app: comment 2 (weight 2) and comment 4 (no outcome) → 3/6; mean over comment 2 only.
    expect(app!.share).toBeCloseTo(50, 12);
    expect(app!.mean_outcome).toBeCloseTo(2, 12);
    expect(app!.outcome_lo).toBeNull();
    expect(staff).toMatchObject({ count: 0, share: 0, mean_outcome: null, n_outcome: 0 });
  });

  it('by: the theme rows apply to every group', () => {
    const r = themesCell(input(), { by: 'bank' });
    expect(r.columns[0]).toEqual({ name: 'bank', type: 'VARCHAR' });
    expect(r.rows.map((row) => [row.bank, row.theme_id, row.count, row.comments])).toEqual([
      ['a', 'fees', 2, 3],
      ['a', 'app', 1, 3],
      ['a', 'staff', 0, 3],
      ['b', 'fees', 0, 2],
      ['b', 'app', 1, 2],
      ['b', 'staff', 0, 2],
    ]);
    expect(() => themesCell(input(), { by: 'nope' })).toThrow(/no column "nope"/);
  });

  it('keeps typed columns without comments, and one row per theme', () => {
    const r = themesCell(input(themeRows), {});
    expect(r.rows.map((row) => [row.theme_id, row.count, row.share, row.comments])).toEqual([
      ['fees', 0, null, 0],
      ['app', 0, null, 0],
      ['staff', 0, null, 0],
    ]);
    expect(r.columns.find((c) => c.name === 'share')!.type).toBe('DOUBLE');
    expect(themesCell(input([]), {}).rows).toEqual([]);
  });

  it('rejects a cross join, duplicate theme ids and missing columns, with a hint', () => {
    expect(() => themesCell(input([{ ...themeRows[0]!, comment: 'fee' }]), {})).toThrow(/UNION ALL BY NAME/);
    expect(() => themesCell(input([themeRows[0]!, themeRows[0]!]), {})).toThrow(/appears twice/);
    expect(() => themesCell({ columns: [{ name: 'comment', type: 'VARCHAR' }], rows: [] }, {})).toThrow(/needs columns theme_id.*UNION ALL BY NAME/);
    expect(() => themesCell(input([{ theme_id: null, comment: 'x', weight: -1 }]), {})).toThrow(/invalid weight/);
  });

  it('themeFigures is the same function the cell applies', () => {
    const [fees] = themeFigures(
      [{ id: 'fees', labelZh: null, labelEn: null, keywordsZh: ['手续费'], keywordsEn: ['fee'] }],
      [
        { text: 'fee', outcome: 3, weight: null },
        { text: 'no', outcome: 5, weight: null },
      ],
    );
    expect(fees).toMatchObject({ count: 1, share: 50, meanOutcome: 3, nOutcome: 1, comments: 2 });
  });
});
