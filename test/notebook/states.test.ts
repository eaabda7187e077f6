import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/notebook/inputs.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { DEFAULT_STATE_CAP, cellInputs, enumerateStates, enumeratedInputs, everyStatePrecomputed, invalidatedCells, keptResults, nextStates, runOrder, stateCap, stateCells, stateKey } from '../../src/notebook/states.ts';

const fence = (head: string, body: string) => `\`\`\`${head}\n${body}\n\`\`\`\n`;
const select = (name: string, values: string[]) =>
  fence(`input ${name}`, `type: select\noptions:\n${values.map((v) => `  - ${v}`).join('\n')}\ndefault: ${values[0]}`);
const multiselect = (name: string, values: string[]) =>
  fence(`input ${name}`, `type: multiselect\noptions:\n${values.map((v) => `  - ${v}`).join('\n')}\ndefault: all`);
const chart = (name: string, data: string, extra = '') => fence(`chart ${name}`, `type: table\ndata: ${data}\nmethod: n = 1\n${extra}`);

const PAGE = [
  '---\ntitle: t\n---\n',
  select('quarter', ['2025Q2', '2025Q1', '2024Q4']),
  select('segment', ['all', 'retail', 'sme']),
  multiselect('banks', ['a', 'b', 'c']),
  fence('sql banks_list', 'SELECT 1 AS n'),
  fence('sql filtered', 'SELECT * FROM range(3) WHERE $quarter IS NOT NULL'),
  fence('sql by_bank', 'SELECT count(*) AS n FROM filtered'),
  fence('sql by_segment', "SELECT $segment AS s, list_contains($banks, 'a') AS a"),
  chart('static', 'banks_list'),
  chart('per_bank', 'by_bank', 'title: n = {banks_list.n}'),
  chart('per_segment', 'by_segment'),
  'Prose quoting {by_bank.n}.\n',
].join('\n');

const page = (text = PAGE) => parseNotebook(text, 'pages/t.md', 't');

describe('which inputs each cell depends on', () => {
  it('a cell reading no input depends on none: one state', () => {
    const nb = page();
    expect([...cellInputs(nb).get('banks_list')!]).toEqual([]);
    expect([...invalidatedCells(nb, ['quarter', 'segment', 'banks'])]).not.toContain('banks_list');
  });

  it('a cell reading a cell that reads $quarter depends on quarter', () => {
    const nb = page();
    expect([...cellInputs(nb).get('filtered')!]).toEqual(['quarter']);
    expect([...cellInputs(nb).get('by_bank')!]).toEqual(['quarter']);
    expect([...cellInputs(nb).get('by_segment')!].sort()).toEqual(['banks', 'segment']);
    expect([...invalidatedCells(nb, ['quarter'])]).toEqual(['filtered', 'by_bank']);
  });

  it('a state holds the shown cells that vary and the cells their charts quote, not intermediates', () => {
    // filtered is an intermediate; banks_list varies with nothing but per_bank's title quotes it.
    expect(stateCells(page())).toEqual(['banks_list', 'by_bank', 'by_segment']);
  });
});

describe('which results a page keeps between runs', () => {
  it('the shown cells and the data of a method an input re-runs alone; not the data a method re-runs with', () => {
    const nb = page(
      PAGE +
        [
          fence('sql ratings', 'SELECT $quarter AS q'),
          fence('method per_method', 'method: ipa\ndata: ratings\nimportance: $segment'),
          fence('sql respondents', 'SELECT $quarter AS q'),
          fence('method tests', 'method: ipa\ndata: respondents'),
          chart('grid', 'per_method'),
          chart('family', 'tests'),
        ].join('\n'),
    );
    // per_method re-runs on a segment change that leaves ratings alone: its rows are needed then.
    // tests re-runs only with respondents (both on quarter): respondents' rows can go.
    expect([...keptResults(nb)].sort()).toEqual(['banks_list', 'by_bank', 'by_segment', 'per_method', 'ratings', 'tests']);
  });
});

describe('which states the build precomputes', () => {
  it('every state one change away from the defaults, whatever the cap', () => {
    const nb = page();
    const defaults = defaultValues(nb);
    const states = enumerateStates(nb, defaults, 1);
    const keys = states.map((s) => stateKey(nb, s, defaults));
    // the defaults, 2 other quarters, 2 other segments, 3 multiselect toggles (each bank off)
    expect(keys).toEqual(['', 'quarter=2025Q1', 'quarter=2024Q4', 'segment=retail', 'segment=sme', 'banks=b%2Cc', 'banks=a%2Cc', 'banks=a%2Cb']);
  });

  it('every combination when their product is within the cap', () => {
    const nb = page();
    const defaults = defaultValues(nb);
    // 3 quarters × 3 segments × 7 non-empty bank lists
    expect(enumerateStates(nb, defaults, 63)).toHaveLength(63);
    expect(enumerateStates(nb, defaults, 62)).toHaveLength(8);
    const two = { ...defaults, quarter: '2024Q4', banks: ['b'] };
    expect(enumerateStates(nb, defaults, 63).map((s) => stateKey(nb, s, defaults))).toContain(stateKey(nb, two, defaults));
  });

  it('a chart opted out with precompute: false keeps its inputs for the engine; the frontmatter sets the cap', () => {
    const optedOut = page(PAGE.replace('type: table\ndata: by_segment', 'type: table\ndata: by_segment\nprecompute: false'));
    expect(enumeratedInputs(optedOut).map((i) => i.name)).toEqual(['quarter']);
    expect(stateCells(optedOut)).toEqual(['banks_list', 'by_bank']);
    const none = page(PAGE.replace('title: t', 'title: t\nprecompute: false'));
    expect(enumerateStates(none, defaultValues(none))).toEqual([]);
    const capped = page(PAGE.replace('title: t', 'title: t\nprecompute: 63'));
    expect(enumerateStates(capped, defaultValues(capped))).toHaveLength(63);
    expect(() => page(PAGE.replace('title: t', 'title: t\nprecompute: many'))).toThrow(/pages\/t\.md:1: precompute: /);
  });

  it('the build runs the states grouped by the input that re-runs the most cells, the defaults first', () => {
    const nb = page();
    const defaults = defaultValues(nb);
    const states = enumerateStates(nb, defaults, 63);
    const ordered = runOrder(nb, states, defaults);
    const keys = (list: typeof states) => list.map((s) => stateKey(nb, s, defaults));
    expect(keys(ordered).sort()).toEqual(keys(states).sort());
    // quarter re-runs two cells (filtered, by_bank), segment and banks one each: quarter changes twice in all.
    const changes = (list: typeof states, input: string) => list.filter((s, i) => s[input] !== (i === 0 ? defaults : list[i - 1]!)[input]).length;
    expect(changes(ordered, 'quarter')).toBe(2);
    expect(changes(states, 'quarter')).toBeGreaterThan(2);
    expect(ordered[0]).toEqual(defaults);
  });

  it('the default cap falls as the data grow, never below the states one change away; a page\'s own cap stays', () => {
    const nb = page();
    expect(stateCap(nb)).toBe(DEFAULT_STATE_CAP);
    expect(stateCap(nb, 200_000)).toBe(150);
    expect(stateCap(nb, 1_000_000)).toBe(30);
    expect(stateCap(nb, 5_000_000)).toBe(6);
    expect(stateCap(nb, 1e12)).toBe(1);
    // 63 combinations at 400,000 rows (cap 75); at 1M only the 8 states one change away.
    expect(enumerateStates(nb, defaultValues(nb), stateCap(nb, 400_000))).toHaveLength(63);
    expect(enumerateStates(nb, defaultValues(nb), stateCap(nb, 1_000_000))).toHaveLength(8);
    const capped = page(PAGE.replace('title: t', 'title: t\nprecompute: 63'));
    expect(stateCap(capped, 5_000_000)).toBe(63);
  });
});

describe('what a reader may ask for next', () => {
  it('the states one change away from the shown one, the inputs the reader changed first', () => {
    const nb = page();
    const defaults = defaultValues(nb);
    const shown = { ...defaults, segment: 'retail' };
    const keys = nextStates(nb, shown, ['segment']).map((s) => stateKey(nb, s, defaults));
    // the two other segments first (back to the default, on to sme), then the quarters and the bank toggles
    expect(keys).toEqual([
      '',
      'segment=sme',
      'quarter=2025Q1&segment=retail',
      'quarter=2024Q4&segment=retail',
      'segment=retail&banks=b%2Cc',
      'segment=retail&banks=a%2Cc',
      'segment=retail&banks=a%2Cb',
    ]);
    // From the defaults, they are the states the build precomputes one change away (less the defaults).
    const fromDefaults = nextStates(nb, defaults).map((s) => stateKey(nb, s, defaults));
    expect(fromDefaults).toEqual(enumerateStates(nb, defaults, 1).map((s) => stateKey(nb, s, defaults)).slice(1));
  });

  it('every state is precomputed only when the build wrote the whole product of the inputs\' values', () => {
    const nb = page();
    expect(everyStatePrecomputed(nb, 63)).toBe(true);
    expect(everyStatePrecomputed(nb, 8)).toBe(false);
    // A search box, or a chart opted out, leaves states only the engine can give.
    const search = page(PAGE + fence('input words', 'type: search') + fence('sql hits', 'SELECT $words AS w') + chart('hits_table', 'hits'));
    expect(everyStatePrecomputed(search, 1000)).toBe(false);
    const optedOut = page(PAGE.replace('type: table\ndata: by_segment', 'type: table\ndata: by_segment\nprecompute: false'));
    expect(everyStatePrecomputed(optedOut, 1000)).toBe(false);
    // A page without inputs has one state.
    expect(everyStatePrecomputed(page('---\ntitle: t\n---\n' + fence('sql one', 'SELECT 1 AS n') + chart('c', 'one')), 1)).toBe(true);
  });
});
