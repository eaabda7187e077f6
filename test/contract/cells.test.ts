/** The cell readers every rule is built on. */
import { describe, expect, it } from 'vitest';
import { CellError, isMissingMarker, isSlug, number, periodGrain, quarterFromFileName, toNumber } from '../../src/contract/cells.ts';

describe('cells', () => {
  it('missing markers', () => {
    for (const m of ['', 'NA', 'na', 'N/A', 'n/a', '-', '—', '–']) expect(isMissingMarker(m), m).toBe(true);
    for (const m of ['0', 'NaN', 'none', '--', 'N.A.']) expect(isMissingMarker(m), m).toBe(false);
  });

  it('numbers: decimal only, decimal comma on request, Unicode minus', () => {
    expect(toNumber('7.25')).toBe(7.25);
    expect(toNumber('+2')).toBe(2);
    expect(toNumber('1e2')).toBe(100);
    expect(toNumber('\u22122')).toBe(-2);
    expect(toNumber('7,5')).toBeNaN();
    expect(toNumber('7,5', { decimalComma: true })).toBe(7.5);
    expect(toNumber('1,234,5', { decimalComma: true })).toBeNaN();
    for (const bad of ['0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'abc', '1_000']) expect(toNumber(bad), bad).toBeNaN();
  });

  it('a rating parser with a scale and NA codes', () => {
    const p = number({ what: 'perf_queue', min: 1, max: 10, rangeNote: "attribute queue's scale", missing: 'null', naNumbers: new Set([0, 99]), naStrings: new Set(['DK']) });
    expect(p('7.5')).toBe(7.5);
    expect(p(' 10 ')).toBe(10);
    expect(p('99')).toBeNull();
    expect(p('99.0')).toBeNull();
    expect(p('DK')).toBeNull();
    expect(p('NA')).toBeNull();
    expect((p('11') as CellError).message).toBe("value 11 is outside 1–10 (attribute queue's scale)");
    expect((p('lots') as CellError).message).toMatch(/not a number: .*NA codes 0;99 also mean missing/);
  });

  it('slugs, quarters in file names, period grains', () => {
    expect(isSlug('cmb_retail-2')).toBe(true);
    expect(isSlug('CMB')).toBe(false);
    expect(isSlug('a b')).toBe(false);
    expect(quarterFromFileName('2025Q3.csv')).toBe('2025Q3');
    expect(quarterFromFileName('2025q3_wave.csv')).toBe('2025Q3');
    expect(quarterFromFileName('2025Q3-online.csv')).toBe('2025Q3');
    expect(quarterFromFileName('2025Q34.csv')).toBeNull();
    expect(quarterFromFileName('wave_2025Q3.csv')).toBeNull();
    expect(quarterFromFileName('2025Q5.csv')).toBeNull();
    expect(periodGrain('2024')).toBe('year');
    expect(periodGrain('2024Q1')).toBe('quarter');
    expect(periodGrain('2024-01')).toBe('month');
    expect(periodGrain('2024-00')).toBeNull();
    expect(periodGrain('2024-1')).toBeNull();
    expect(periodGrain('24Q1')).toBeNull();
  });
});
