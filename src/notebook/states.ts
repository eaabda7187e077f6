import { inlineRefs } from './inline.ts';
import { inputCells, sameValue, valuesToQuery } from './inputs.ts';
import type { InputCell, InputValue, InputValues, MethodCell, Notebook, SqlCell } from './types.ts';

/**
 * Which input states of a page the build precomputes, and what they hold (pure; no data needed).
 * A reader's change to a precomputed state renders from the build's rows with no engine in the
 * browser (src/site/precompute.ts writes them, src/site/client/ reads them).
 */

/**
 * States per page when the page does not say (`precompute: N` in the frontmatter overrides it).
 * Measured on the sample: a state costs 10–30 ms of build time where only SQL re-runs (Overview:
 * 144 states in 4 s) and 0.2–1 s where a derived-importance method re-runs (IPA by bank: 192 states
 * in 37 s); 150 keeps the first whole and the second to the states one change away.
 */
export const DEFAULT_STATE_CAP = 150;

/**
 * A state re-runs the page's cells over the data, so its cost grows with the rows. Without
 * `precompute: N`, combinations are precomputed while states × rows of the largest data table stay
 * within this budget: all 150 up to 200,000 rows, 30 at 1M, 6 at 5M. Measured at 1M respondents:
 * the findings page's 32 states took 523 s (16 s each, the whole test family per state). The states
 * one change away are precomputed whatever the data's size.
 */
export const DEFAULT_STATE_BUDGET = 30_000_000;

/** Cells that produce a result, in page order: sql and method cells. */
function dataCells(nb: Notebook): (SqlCell | MethodCell)[] {
  return nb.blocks.filter((b): b is SqlCell | MethodCell => b.kind === 'sql' || b.kind === 'method');
}

function cellRefs(cell: SqlCell | MethodCell): string[] {
  return cell.kind === 'sql' ? cell.refs : [cell.data];
}

/** The input a parameter binds: `$name`, or `$name_from` / `$name_to` of a range. */
function paramInput(param: string, inputs: InputCell[]): string | undefined {
  return inputs.find((i) => param === i.name || (i.type === 'range' && (param === `${i.name}_from` || param === `${i.name}_to`)))?.name;
}

/** For each sql and method cell, the inputs it depends on: those it binds, and those of every cell it reads. */
export function cellInputs(nb: Notebook): Map<string, Set<string>> {
  const inputs = inputCells(nb);
  const out = new Map<string, Set<string>>();
  for (const cell of dataCells(nb)) {
    const own = new Set<string>();
    for (const p of cell.params) {
      const name = paramInput(p, inputs);
      if (name) own.add(name);
    }
    for (const r of cellRefs(cell)) for (const name of out.get(r) ?? []) own.add(name);
    out.set(cell.name, own);
  }
  return out;
}

/** Cells that must re-run when `changedInputs` change: those binding them, and everything downstream. */
export function invalidatedCells(nb: Notebook, changedInputs: Iterable<string>): Set<string> {
  const changed = new Set(changedInputs);
  const stale = new Set<string>();
  for (const [cell, inputs] of cellInputs(nb)) if ([...inputs].some((i) => changed.has(i))) stale.add(cell);
  return stale;
}

/**
 * The results a page keeps between runs: the shown cells', and the data of a method cell that an
 * input can re-run without re-running its data (an option bound to an input the data do not read,
 * such as `importance: $importance`), which a partial run reads from the previous one. A method's
 * other data (respondent-level rows, gigabytes at 5M respondents) leave a run once read (runCells).
 */
export function keptResults(nb: Notebook): Set<string> {
  const deps = cellInputs(nb);
  const keep = shownCells(nb);
  for (const b of nb.blocks) {
    if (b.kind !== 'method') continue;
    const data = deps.get(b.data) ?? new Set<string>();
    if ([...(deps.get(b.name) ?? [])].some((input) => !data.has(input))) keep.add(b.data);
  }
  return keep;
}

/** Cells whose rows the page shows: chart data and the cells their texts quote, `display` tables, inline values in prose. */
export function shownCells(nb: Notebook): Set<string> {
  const used = new Set<string>();
  for (const b of nb.blocks) {
    if (b.kind === 'chart') {
      used.add(b.data);
      for (const v of Object.values(b.spec)) if (typeof v === 'string') for (const r of inlineRefs(v)) used.add(r.cell);
    }
    if (b.kind === 'sql' && b.display) used.add(b.name);
    if (b.kind === 'prose') for (const r of inlineRefs(b.markdown)) used.add(r.cell);
  }
  return used;
}

/** A chart whose data cell a page keeps out of precomputation (`precompute: false` on the chart). */
function optedOutCells(nb: Notebook): Set<string> {
  const out = new Set<string>();
  for (const b of nb.blocks) if (b.kind === 'chart' && b.spec.precompute === false) out.add(b.data);
  return out;
}

/**
 * The page's state cap: `precompute: N` in its frontmatter, `precompute: false` for none, else the
 * default, lowered for large data (`rows`: the largest data table's) by {@link DEFAULT_STATE_BUDGET}.
 */
export function stateCap(nb: Notebook, rows = 0): number {
  if (nb.precompute === false) return 0;
  if (nb.precompute !== undefined) return nb.precompute;
  return Math.max(1, Math.min(DEFAULT_STATE_CAP, Math.floor(DEFAULT_STATE_BUDGET / Math.max(1, rows))));
}

/**
 * The inputs whose states are precomputed: those a shown cell depends on, except `search` boxes
 * (free text has no list of states) and inputs an opted-out cell depends on (a change to them
 * needs the engine). An input no shown cell depends on changes nothing the page shows.
 */
export function enumeratedInputs(nb: Notebook): InputCell[] {
  const deps = cellInputs(nb);
  const wanted = shownInputs(nb);
  const excluded = new Set<string>();
  for (const cell of optedOutCells(nb)) for (const i of deps.get(cell) ?? []) excluded.add(i);
  return inputCells(nb).filter((i) => wanted.has(i.name) && !excluded.has(i.name) && i.type !== 'search' && i.options.length > 0);
}

/** The inputs some shown cell depends on: the ones a reader's change can show. */
function shownInputs(nb: Notebook): Set<string> {
  const deps = cellInputs(nb);
  const out = new Set<string>();
  for (const cell of shownCells(nb)) for (const i of deps.get(cell) ?? []) out.add(i);
  return out;
}

/** Every value an input can take: each option (select), each list of options in order (multiselect), each ordered pair (range). */
function allValues(input: InputCell): InputValue[] | null {
  const values = input.options.map((o) => o.value);
  if (input.type === 'select') return values;
  if (input.type === 'range') return values.flatMap((from, i) => values.slice(i).map((to) => [from, to]));
  // 2^n lists: only small multiselects are listed in full.
  if (input.type === 'multiselect' && values.length <= 10) {
    return Array.from({ length: 2 ** values.length - 1 }, (_, k) => values.filter((_, j) => k + 1 & (1 << j)));
  }
  return null;
}

/** The values one change away from `current`: another option, one option toggled, one end of a range moved. */
function oneChangeValues(input: InputCell, current: InputValue): InputValue[] {
  const values = input.options.map((o) => o.value);
  if (input.type === 'select') return values;
  if (input.type === 'multiselect') {
    const list = current as string[];
    // The client reads checkboxes in option order, so a list is in option order.
    return values.map((v) => (list.includes(v) ? list.filter((x) => x !== v) : values.filter((x) => x === v || list.includes(x)))).filter((l) => l.length > 0);
  }
  if (input.type === 'range') {
    const [from, to] = current as string[];
    return [...values.map((v) => [v, to!]), ...values.map((v) => [from!, v])];
  }
  return [];
}

/**
 * The states one input change away from `values` (over the enumerated inputs), inputs in
 * `first` ahead of the others: what a reader is likely to ask for next, which the page fetches
 * ahead when the build precomputed them.
 */
export function nextStates(nb: Notebook, values: InputValues, first: Iterable<string> = []): InputValues[] {
  const order = [...new Set(first)];
  const inputs = enumeratedInputs(nb).sort((a, b) => rank(order, a.name) - rank(order, b.name));
  const out: InputValues[] = [];
  for (const input of inputs) {
    for (const v of oneChangeValues(input, values[input.name]!)) if (!sameValue(v, values[input.name])) out.push({ ...values, [input.name]: v });
  }
  return out;
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/**
 * Whether the build precomputed every state a reader can reach (`count`: the states it wrote):
 * no search box, no opted-out chart, and the product of the inputs' values within what it wrote.
 * When not, the page may need the engine later, and warms it up after the reader's first change.
 */
export function everyStatePrecomputed(nb: Notebook, count: number): boolean {
  const inputs = enumeratedInputs(nb);
  if ([...shownInputs(nb)].some((name) => !inputs.some((i) => i.name === name))) return false;
  const lists = inputs.map(allValues);
  if (lists.some((l) => l === null)) return false;
  return lists.reduce((n, l) => n * l!.length, 1) <= count;
}

/** The key of a state in the manifest: its URL query (inputs that differ from the defaults, in page order). */
export function stateKey(nb: Notebook, values: InputValues, defaults: InputValues): string {
  return valuesToQuery(nb, values, defaults);
}

/**
 * The states to precompute: the defaults, every state one input change away from them (whatever
 * the cap, so a reader's first change never waits for the engine), and, when the product of the
 * enumerated inputs' values is within the cap, every combination. Only enumerated inputs vary.
 * A cap of 0 precomputes nothing.
 */
export function enumerateStates(nb: Notebook, defaults: InputValues, cap = stateCap(nb)): InputValues[] {
  if (cap <= 0) return [];
  const inputs = enumeratedInputs(nb);
  const states = new Map<string, InputValues>();
  const add = (values: InputValues) => {
    const key = stateKey(nb, values, defaults);
    if (!states.has(key)) states.set(key, values);
  };
  add({ ...defaults });
  for (const input of inputs) for (const v of oneChangeValues(input, defaults[input.name]!)) add({ ...defaults, [input.name]: v });
  const lists = inputs.map(allValues);
  const product = lists.reduce((n, l) => (l === null ? Infinity : n * l.length), 1);
  if (product <= cap && lists.every((l) => l !== null)) {
    let partial: InputValues[] = [{ ...defaults }];
    inputs.forEach((input, i) => {
      partial = partial.flatMap((s) => lists[i]!.map((v) => ({ ...s, [input.name]: v })));
    });
    partial.forEach(add);
  }
  return [...states.values()];
}

/**
 * The states in the order the build runs them: grouped by the input whose change re-runs the most
 * work (a method cell counting as ten SQL cells), then by the next, the defaults' group first. Each
 * run re-runs only what the previous state's inputs invalidate, so the costly cells run once per
 * value of their inputs rather than whenever the enumeration comes back to them (the findings page's
 * 32 states: 8 runs of its test family instead of 15).
 */
export function runOrder(nb: Notebook, states: InputValues[], defaults: InputValues): InputValues[] {
  const methods = new Set(dataCells(nb).filter((c) => c.kind === 'method').map((c) => c.name));
  const cost = (input: string) => [...invalidatedCells(nb, [input])].reduce((sum, cell) => sum + (methods.has(cell) ? 10 : 1), 0);
  const inputs = enumeratedInputs(nb)
    .map((i) => ({ name: i.name, cost: cost(i.name) }))
    .sort((a, b) => b.cost - a.cost)
    .map((i) => i.name);
  // The defaults' value sorts first within each input; other values keep their first-seen order.
  const rank = new Map<string, Map<string, number>>(inputs.map((name) => [name, new Map([[JSON.stringify(defaults[name]), 0]])]));
  const rankOf = (name: string, value: InputValue | undefined) => {
    const ranks = rank.get(name)!;
    const key = JSON.stringify(value);
    if (!ranks.has(key)) ranks.set(key, ranks.size);
    return ranks.get(key)!;
  };
  const keyed = states.map((state) => ({ state, key: inputs.map((name) => rankOf(name, state[name])) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < inputs.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return 0;
  });
  return keyed.map((k) => k.state);
}

/**
 * The cells a state file holds: the shown cells that depend on an enumerated input, and the cells
 * the texts of their charts quote (a redrawn chart's title or method may quote a cell no input changes).
 */
export function stateCells(nb: Notebook): string[] {
  const deps = cellInputs(nb);
  const enumerated = new Set(enumeratedInputs(nb).map((i) => i.name));
  const shown = shownCells(nb);
  const varying = new Set([...shown].filter((c) => [...(deps.get(c) ?? [])].some((i) => enumerated.has(i))));
  const out = new Set(varying);
  for (const b of nb.blocks) {
    if (b.kind !== 'chart' || !varying.has(b.data)) continue;
    for (const v of Object.values(b.spec)) if (typeof v === 'string') for (const r of inlineRefs(v)) out.add(r.cell);
  }
  return dataCells(nb).map((c) => c.name).filter((c) => out.has(c));
}
