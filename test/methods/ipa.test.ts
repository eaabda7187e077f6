import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { ipaFigures } from '../../src/methods/ipa.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { readColumns } from './fixture.ts';

/** mtcars as long IPA rows: the four predictors as attributes, mpg as the outcome. */
function mtcarsLong(): QueryResult {
  const t = readColumns('mtcars.csv');
  const rows: Row[] = [];
  t.mpg!.forEach((mpg, i) => {
    for (const a of ['cyl', 'disp', 'hp', 'wt']) rows.push({ respondent: `car${i}`, attribute: a, performance: t[a]![i]!, importance: 5, outcome: mpg, weight: 1 });
  });
  return { columns: ['respondent', 'attribute', 'performance', 'importance', 'outcome', 'weight'].map((name) => ({ name, type: '' })), rows };
}

describe('ipa method cell', () => {
  it('reproduces R rwa on mtcars (Johnson 2000 relative weights) with a seeded interval', () => {
    const r = ipaFigures(mtcarsLong(), { importance: 'relative_weights', replicates: 100, seed: 7 });
    const by = Object.fromEntries(r.rows.map((row) => [row.attribute, row]));
    expect(by.cyl!.importance).toBeCloseTo(0.2096904, 6);
    expect(by.disp!.importance).toBeCloseTo(0.1883043, 6);
    expect(by.hp!.importance).toBeCloseTo(0.179959, 6);
    expect(by.wt!.importance).toBeCloseTo(0.2706812, 6);
    expect(by.wt!.share).toBeCloseTo(31.89607, 4);
    expect(by.wt!.r2).toBeCloseTo(0.8486348, 6);
    for (const row of r.rows) expect(row.imp_lo! as number).toBeLessThanOrEqual(row.importance as number);
    // Same seed, same interval: the build and the browser print the same numbers.
    expect(ipaFigures(mtcarsLong(), { importance: 'relative_weights', replicates: 100, seed: 7 })).toEqual(r);
  });

  it('gives performance as a weighted mean with its t interval, and stated importance the same way', () => {
    const r = ipaFigures(mtcarsLong(), { importance: 'stated' });
    const cyl = r.rows.find((row) => row.attribute === 'cyl')!;
    expect(cyl.performance).toBeCloseTo(6.1875, 10);
    expect(cyl.perf_n).toBe(32);
    expect(cyl.importance).toBe(5);
    expect(cyl.method).toBe('stated');
  });

  it('degrades to null importance with a note when the data cannot support the method', () => {
    const few = mtcarsLong();
    few.rows = few.rows.slice(0, 8); // two cars
    const r = ipaFigures(few, { importance: 'regression', replicates: 10 });
    expect(r.rows.every((row) => row.importance === null)).toBe(true);
    expect(String(r.rows[0]!.note)).toMatch(/\w/);
  });

  it('names unknown methods and options plainly', () => {
    expect(() => runMethod('nope', mtcarsLong(), {})).toThrow(/unknown method "nope" \(built-in methods: ipa, /);
    expect(() => runMethod('ipa', mtcarsLong(), { importance: 'magic' })).toThrow(/importance must be one of stated, correlation/);
  });
});

describe('ipa method cell by group', () => {
  it('analyses each group on its own rows, as if run separately', () => {
    const one = mtcarsLong();
    const two: QueryResult = {
      columns: [...one.columns, { name: 'bank', type: '' }],
      rows: [...one.rows.map((r) => ({ ...r, bank: 'a' })), ...one.rows.map((r) => ({ ...r, respondent: `b-${r.respondent}`, performance: (r.performance as number) * 2 + 1, bank: 'b' }))],
    };
    const r = ipaFigures(two, { importance: 'relative_weights', replicates: 20, by: 'bank' });
    expect(r.columns[0]).toEqual({ name: 'bank', type: 'VARCHAR' });
    const alone = ipaFigures(one, { importance: 'relative_weights', replicates: 20 });
    const a = r.rows.filter((row) => row.bank === 'a').map(({ bank: _b, ...rest }) => rest);
    expect(a).toEqual(alone.rows);
    const b = r.rows.filter((row) => row.bank === 'b');
    // A linear rescaling of the ratings leaves relative weights unchanged.
    b.forEach((row, i) => expect(row.importance).toBeCloseTo(alone.rows[i]!.importance as number, 9));
  });
});
