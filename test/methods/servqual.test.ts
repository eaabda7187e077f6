import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { STANDARD_ITEMS } from '../../src/contract/rules/servqual_items.ts';
import { servqualCell, servqualGaps, type GapAnswer, type GapFigure } from '../../src/methods/servqual.ts';
import { oneSampleTTest, pairedTTest, welchTTest } from '../../src/methods/significance.ts';

/** A respondent's answers as GapAnswer rows; items map to dimensions as in the 22 standard items. */
function respondent(role: 'customer' | 'manager', id: string, e: Record<number, number>, p: Record<number, number> = {}, extra: Partial<GapAnswer> = {}): GapAnswer[] {
  const items = new Set([...Object.keys(e), ...Object.keys(p)].map(Number));
  return [...items].map((item) => ({
    role,
    respondent: id,
    item,
    dimension: STANDARD_ITEMS[item - 1]!.dimension,
    expectation: e[item] ?? null,
    perception: p[item] ?? null,
    value: null,
    weight: null,
    points: null,
    file: 'servqual/2026Q3.csv',
    providerSource: null,
    ...extra,
  }));
}

function provider(role: 'specification' | 'delivered' | 'promised', values: Record<number, number>, source: string): GapAnswer[] {
  return Object.entries(values).map(([item, value]) => ({
    role,
    respondent: null,
    item: Number(item),
    dimension: STANDARD_ITEMS[Number(item) - 1]!.dimension,
    expectation: null,
    perception: null,
    value,
    weight: null,
    points: null,
    file: 'servqual_provider/2026Q3.csv',
    providerSource: source,
  }));
}

const find = (figures: GapFigure[], gap: number, level: string, key?: string | number) =>
  figures.find((f) => f.gap === gap && f.level === level && (key === undefined || f.dimension === key || f.item === key))!;

describe('gap 5: perception − expectation per respondent', () => {
  // Three customers on items 1 (tangibles) and 5, 6 (reliability).
  const answers = [
    ...respondent('customer', 'a', { 1: 6, 5: 7, 6: 5 }, { 1: 4, 5: 6, 6: 5 }),
    ...respondent('customer', 'b', { 1: 5, 5: 6, 6: 6 }, { 1: 5, 5: 4, 6: 3 }),
    ...respondent('customer', 'c', { 1: 7, 5: 7, 6: 7 }, { 1: 4, 5: 7, 6: 6 }),
  ];
  const figures = servqualGaps(answers);

  it('per item equals the paired t test of P against E (R t.test(paired = TRUE))', () => {
    const item1 = find(figures, 5, 'item', 1);
    const ref = pairedTTest([4, 5, 4], [6, 5, 7]);
    expect(item1.value).toBeCloseTo(-5 / 3, 12);
    expect(item1.lo).toBeCloseTo(ref.lo, 12);
    expect(item1.hi).toBeCloseTo(ref.hi, 12);
    expect(item1.t).toBeCloseTo(ref.statistic, 12);
    expect(item1.df).toBe(2);
    expect(item1.n).toBe(3);
    expect(item1.measured).toBeCloseTo(13 / 3, 12);
    expect(item1.reference).toBeCloseTo(6, 12);
  });

  it("per dimension tests each respondent's mean over the dimension's items", () => {
    // reliability gaps per respondent: a (−1 + 0)/2, b (−2 − 3)/2, c (0 − 1)/2
    const rel = find(figures, 5, 'dimension', 'reliability');
    const ref = oneSampleTTest([-0.5, -2.5, -0.5]);
    expect(rel.value).toBeCloseTo(-7 / 6, 12);
    expect(rel.lo).toBeCloseTo(ref.lo, 12);
    expect(rel.p).toBeCloseTo(ref.p, 12);
  });

  it('the unweighted score is the mean of the dimension gaps, tested over respondents', () => {
    // per respondent: a mean(−2, −0.5), b mean(0, −2.5), c mean(−3, −0.5)
    const model = find(figures, 5, 'model');
    const ref = oneSampleTTest([-1.25, -1.25, -1.75]);
    expect(model.value).toBeCloseTo(ref.estimate, 12);
    expect(model.hi).toBeCloseTo(ref.hi, 12);
    expect(model.n).toBe(3);
  });

  it('the weighted score uses each respondent’s 100-point allocation', () => {
    const withPoints = [
      ...respondent('customer', 'a', { 1: 6, 5: 7 }, { 1: 4, 5: 6 }).map((r) => ({ ...r, points: r.dimension === 'tangibles' ? 20 : 80 })),
      ...respondent('customer', 'b', { 1: 5, 5: 6 }, { 1: 5, 5: 4 }).map((r) => ({ ...r, points: r.dimension === 'tangibles' ? 50 : 50 })),
      // no allocation: left out of the weighted score
      ...respondent('customer', 'c', { 1: 7, 5: 7 }, { 1: 4, 5: 7 }),
    ];
    const weighted = find(servqualGaps(withPoints, 'weighted'), 5, 'model');
    // a: 0.2·(−2) + 0.8·(−1) = −1.2; b: 0.5·0 + 0.5·(−2) = −1
    expect(weighted.value).toBeCloseTo(-1.1, 12);
    expect(weighted.n).toBe(2);
    const tangibles = find(servqualGaps(withPoints, 'weighted'), 5, 'dimension', 'tangibles');
    expect(tangibles.points).toBeCloseTo(35, 12);
    expect(find(servqualGaps(withPoints), 5, 'model').n).toBe(3);
  });

  it('honours survey weights through Kish’s effective n', () => {
    const weighted = [
      ...respondent('customer', 'a', { 1: 6 }, { 1: 4 }, { weight: 2 }),
      ...respondent('customer', 'b', { 1: 5 }, { 1: 5 }, { weight: 1 }),
      ...respondent('customer', 'c', { 1: 7 }, { 1: 4 }, { weight: 1 }),
    ];
    const item = find(servqualGaps(weighted), 5, 'item', 1);
    const ref = pairedTTest([4, 5, 4], [6, 5, 7], [2, 1, 1]);
    expect(item.value).toBeCloseTo(-7 / 4, 12);
    expect(item.se).toBeCloseTo(ref.se, 12);
    expect(item.df).toBeCloseTo(16 / 6 - 1, 12);
  });
});

describe('gaps 1–4: the provider side', () => {
  const customers = [
    ...respondent('customer', 'c1', { 1: 6, 2: 7, 5: 6 }, { 1: 5, 2: 5, 5: 5 }),
    ...respondent('customer', 'c2', { 1: 7, 2: 6, 5: 7 }, { 1: 6, 2: 6, 5: 6 }),
    ...respondent('customer', 'c3', { 1: 5, 2: 7, 5: 7 }, { 1: 4, 2: 5, 5: 5 }),
  ];
  const managers = [...respondent('manager', 'm1', { 1: 5, 2: 5, 5: 6 }), ...respondent('manager', 'm2', { 1: 4, 2: 6, 5: 5 })];
  const measures = [
    ...provider('specification', { 1: 5, 2: 5, 5: 6 }, 'standards manual'),
    ...provider('delivered', { 1: 4.5, 2: 4, 5: 5 }, 'mystery shopping, 40 visits'),
    ...provider('promised', { 1: 5, 2: 5, 5: 6.5 }, 'campaign audit'),
  ];
  const figures = servqualGaps([...customers, ...managers, ...measures]);

  it("gap 1 = managers' expectations − customers' expectations, Welch t (R t.test(var.equal = FALSE))", () => {
    const item1 = find(figures, 1, 'item', 1);
    const ref = welchTTest([5, 4], [6, 7, 5]);
    expect(item1.value).toBeCloseTo(-1.5, 12);
    expect(item1.df).toBeCloseTo(ref.df, 12);
    expect(item1.lo).toBeCloseTo(ref.lo, 12);
    expect(item1.n).toBe(2);
    expect(item1.nReference).toBe(3);
    expect(item1.source.en).toContain('managers');
  });

  it("gap 2 = specification − each manager's expectation, one-sample t over managers", () => {
    // tangibles: m1 mean(5−5, 5−5) = 0, m2 mean(5−4, 5−6) = 0 → 0; reliability: m1 0, m2 +1
    const tangibles = find(figures, 2, 'dimension', 'tangibles');
    expect(tangibles.value).toBeCloseTo(0, 12);
    const model = find(figures, 2, 'model');
    expect(model.value).toBeCloseTo(oneSampleTTest([0, 0.5]).estimate, 12);
    expect(model.source.en).toContain('standards manual');
  });

  it('gaps 3 and 4 are differences of measures, dimensions weighted equally in the model', () => {
    expect(find(figures, 3, 'item', 2).value).toBeCloseTo(-1, 12);
    expect(find(figures, 3, 'item', 2).lo).toBeNull();
    // gap 3: tangibles mean(−0.5, −1) = −0.75, reliability −1 → model −0.875
    expect(find(figures, 3, 'dimension', 'tangibles').value).toBeCloseTo(-0.75, 12);
    expect(find(figures, 3, 'model').value).toBeCloseTo(-0.875, 12);
    expect(find(figures, 3, 'model').unit).toBe('items');
    // gap 4: delivered − promised: −0.5, −1, −1.5 → tangibles −0.75, reliability −1.5 → −1.125
    expect(find(figures, 4, 'model').value).toBeCloseTo(-1.125, 12);
    expect(find(figures, 4, 'model').source.en).toContain('campaign audit');
  });

  it('an unmeasured gap is null with a note, never a made-up number', () => {
    const onlyCustomers = servqualGaps(customers);
    for (const gap of [1, 2, 3, 4]) {
      const model = find(onlyCustomers, gap, 'model');
      expect(model.value).toBeNull();
      expect(model.note?.en).toMatch(/no /);
    }
    expect(find(onlyCustomers, 5, 'model').value).not.toBeNull();
  });
});

describe('the method cell', () => {
  it('reproduces PMC6131925 Table 2 from the fixture (n = 386, 5-point scale)', () => {
    const path = fileURLToPath(new URL('../fixtures/servqual-pmc/servqual/2017Q1.csv', import.meta.url));
    const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const rows = parsed.flatMap((r) =>
      STANDARD_ITEMS.map((it) => {
        const k = String(it.item_id).padStart(2, '0');
        return { role: 'customer', respondent: r.respondent_id!, item: it.item_id, dimension: it.dimension, expectation: Number(r[`e${k}`]), perception: Number(r[`p${k}`]) };
      }),
    );
    const names = ['role', 'respondent', 'item', 'dimension', 'expectation', 'perception'];
    const result = servqualCell({ columns: names.map((name) => ({ name, type: 'VARCHAR' })), rows }, {});
    const dims = result.rows.filter((r) => r.gap === 5 && r.level === 'dimension');
    const table = Object.fromEntries(dims.map((r) => [r.dimension, [r.reference, r.measured, r.value].map((v) => (v as number).toFixed(2))]));
    expect(table).toEqual({
      tangibles: ['4.44', '4.19', '-0.25'],
      reliability: ['4.49', '4.36', '-0.13'],
      responsiveness: ['4.48', '4.35', '-0.13'],
      assurance: ['4.50', '4.32', '-0.18'],
      empathy: ['4.56', '4.40', '-0.16'],
    });
    expect(dims.every((r) => r.n === 386 && r.df === 385 && r.significant === true)).toBe(true);
  });

  it('runs per bank with `by`, and declares its columns even without rows', () => {
    const rows = [...respondent('customer', 'a', { 1: 6 }, { 1: 4 }), ...respondent('customer', 'b', { 1: 5 }, { 1: 5 })].map((r, i) => ({
      ...r,
      bank: i === 0 ? 'cmb' : 'icbc',
    }));
    const columns = Object.keys(rows[0]!).map((name) => ({ name, type: 'VARCHAR' }));
    const result = servqualCell({ columns, rows: rows as never }, { by: 'bank' });
    expect(new Set(result.rows.map((r) => r.bank))).toEqual(new Set(['cmb', 'icbc']));
    const empty = servqualCell({ columns, rows: [] }, { by: 'bank' });
    expect(empty.columns.map((c) => c.name)).toContain('p_value');
    expect(() => servqualCell({ columns, rows: rows as never }, { weighting: 'both' })).toThrow(/weighting/);
  });
});
