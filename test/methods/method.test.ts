import { describe, expect, it } from 'vitest';
import { METHODS, methodNamed, runMethod } from '../../src/methods/cells.ts';
import { checkOptions } from '../../src/methods/method.ts';
import { didYouMean } from '../../src/text/suggest.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';

const ipa = methodNamed('ipa');

describe('method descriptors', () => {
  it('every registered method declares its options with a doc, and result columns with DuckDB types', () => {
    expect(METHODS.map((m) => m.name)).toEqual([
      'ipa', 'servqual', 'compare', 'change', 'correlation', 'peak_end', 'levels', 'channel_mismatch', 'channel_satisfaction', 'themes', 'findings', 'targets',
    ]);
    for (const m of METHODS) {
      expect(m.doc.length, m.name).toBeGreaterThan(20);
      for (const [key, spec] of Object.entries(m.options)) expect(spec.doc.length, `${m.name}.${key}`).toBeGreaterThan(5);
      expect(m.columns.length, m.name).toBeGreaterThan(0);
      for (const [, type] of m.columns) expect(['VARCHAR', 'DOUBLE', 'INTEGER', 'BOOLEAN']).toContain(type);
    }
  });

  it('fills defaults, and reads numbers given as text', () => {
    expect({ ...checkOptions(ipa, {}) }).toEqual({ importance: 'relative_weights', replicates: 200, replicates_dominance: null, seed: 1, by: null });
    expect(checkOptions(ipa, { replicates: '50', importance: 'dominance' }).replicates).toBe(50);
    expect(checkOptions(methodNamed('compare'), { metrics: 'nps, csat,nps' }).metrics).toEqual(['nps', 'csat']);
  });

  it('refuses an unknown option with a did-you-mean and the options it takes', () => {
    expect(() => checkOptions(ipa, { replicate: 10 })).toThrow(
      'method "ipa" has no option "replicate" (did you mean "replicates"?); it takes importance, replicates, replicates_dominance, seed, by',
    );
    expect(() => checkOptions(methodNamed('levels'), { colour: 'red' })).toThrow('method "levels" has no option "colour"; it takes by');
  });

  it('refuses values of the wrong type or out of range instead of letting NaN through', () => {
    expect(() => checkOptions(ipa, { replicates: 'many' })).toThrow('replicates must be a whole number from 1 to 100000 (got "many")');
    expect(() => checkOptions(ipa, { replicates: 0 })).toThrow('replicates must be a whole number from 1 to 100000 (got 0)');
    expect(() => checkOptions(ipa, { seed: 1.5 })).toThrow('seed must be a whole number');
    expect(() => checkOptions(ipa, { importance: 'relative_weight' })).toThrow('(did you mean "relative_weights"?)');
    expect(() => checkOptions(methodNamed('compare'), { level: 95 })).toThrow('level must be between 0 and 1, e.g. 0.95 (got 95)');
    expect(() => checkOptions(methodNamed('compare'), { metrics: ['nps', 'csta'] })).toThrow('metrics: "csta" is not one of nps, csat, ces, overall (did you mean "csat"?)');
  });

  it('at parse time leaves $input values to the run, which checks them once bound', () => {
    expect(() => checkOptions(ipa, { importance: '$importance' }, false)).not.toThrow();
    const data = { columns: [{ name: 'respondent', type: 'VARCHAR' }], rows: [] };
    expect(() => runMethod('ipa', data, { importance: 'nonsense' })).toThrow('importance must be one of stated');
  });

  it('did-you-mean only for near misses', () => {
    expect(didYouMean('colour', ['color', 'x'])).toBe(' (did you mean "color"?)');
    expect(didYouMean('zzz', ['replicates'])).toBe('');
  });
});

describe('pages are checked against the descriptors when parsed', () => {
  const page = (options: string) =>
    `# t\n\n\`\`\`sql d\nSELECT 1 AS x\n\`\`\`\n\n\`\`\`method m\nmethod: ipa\ndata: d\n${options}\n\`\`\`\n`;

  it('a misspelt option fails with the page, the option\'s own line and a did-you-mean', () => {
    expect(() => parseNotebook(page('importance: stated\nreplicats: 100'), 'pages/t.md', 't')).toThrow(
      'pages/t.md:11: method cell "m": method "ipa" has no option "replicats" (did you mean "replicates"?)',
    );
  });

  it('an option of the wrong type fails with its line', () => {
    expect(() => parseNotebook(page('seed: one'), 'pages/t.md', 't')).toThrow('pages/t.md:10: method cell "m": seed must be a whole number from 0 to 2147483647 (got "one")');
  });

  it('valid options parse', () => {
    expect(() => parseNotebook(page('importance: stated\nreplicates: 100\nseed: 7'), 'pages/t.md', 't')).not.toThrow();
  });
});
