import YAML from 'yaml';
import { TABLE_KINDS } from '../contract/kinds.ts';
import { chartOptionProblem } from '../charts/index.ts';
import { METHODS } from '../methods/cells.ts';
import { checkOptions, MethodOptionError } from '../methods/method.ts';
import { bindParams, paramNames, referencedNames } from './sql.ts';
import { NotebookError, type Block, type ChartCell, type InputCell, type MethodCell, type InputOption, type InputType, type Notebook, type SqlCell } from './types.ts';
import { readLocalized, type Locale, type Localized } from '../text/locale.ts';

/**
 * Markdown → prose blocks + cells with their line numbers. The syntax (see README, "Writing a page"):
 *
 *   ```sql by_bank            a named SQL cell (add `display` to also show its result as a table)
 *   ```input quarter          an input cell, YAML: type, label, options, default
 *   ```chart nps_dots         a chart cell, YAML: type, data, x, y, …
 *   ```method ipa             a method cell, YAML: method, data, options (`$input` binds an input)
 *   ::: zh / ::: en … :::     prose for one language only; prose outside is shown in both
 *
 * Parsing is pure: option queries and defaults are resolved later by run.ts against a database.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INPUT_TYPES: readonly InputType[] = ['select', 'multiselect', 'range', 'search'];
const UNIT_SEPARATOR = 'chr(31)';

/** Names that a sql cell may not take: its temporary table would shadow a data table or read as SQL. */
export const RESERVED_NAMES = new Set<string>([...TABLE_KINDS, 'select', 'from', 'where', 'table', 'order', 'group']);
/** Names every JavaScript object answers to (`constructor`, `__proto__`, `toString`, …): a cell or input so named is refused, never special. */
const OBJECT_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

interface RawFence {
  lang: string;
  name: string;
  flags: string[];
  body: string;
  line: number;
}

function parseFrontmatter(lines: string[], path: string): { data: Record<string, unknown>; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { data: {}, bodyStart: 0 };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new NotebookError(path, 1, 'frontmatter opened with --- is never closed');
  try {
    const data = YAML.parse(lines.slice(1, end).join('\n')) ?? {};
    return { data, bodyStart: end + 1 };
  } catch (e) {
    throw new NotebookError(path, 1, `frontmatter is not valid YAML: ${(e as Error).message}`);
  }
}

function parseYamlBody(fence: RawFence, path: string): Record<string, unknown> {
  try {
    const value = YAML.parse(fence.body) ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('expected key: value pairs');
    return value as Record<string, unknown>;
  } catch (e) {
    throw new NotebookError(path, fence.line, `${fence.lang} cell "${fence.name}": ${(e as Error).message}`);
  }
}

function parseInput(fence: RawFence, path: string): InputCell {
  const body = parseYamlBody(fence, path);
  const type = (body.type ?? 'select') as InputType;
  if (!INPUT_TYPES.includes(type)) {
    throw new NotebookError(path, fence.line, `input "${fence.name}": unknown type "${String(type)}" (use ${INPUT_TYPES.join(', ')})`);
  }
  let optionsSql: string | null = null;
  let options: InputOption[] = [];
  if (type === 'search') {
    if (body.options !== undefined) throw new NotebookError(path, fence.line, `input "${fence.name}": a search input takes no options`);
  } else if (typeof body.options === 'string') optionsSql = body.options;
  else if (Array.isArray(body.options)) {
    options = body.options.map((o) =>
      o && typeof o === 'object'
        ? { value: String((o as Record<string, unknown>).value), label: readLocalized(o as Record<string, unknown>, 'label') ?? String((o as Record<string, unknown>).value) }
        : { value: String(o), label: String(o) },
    );
  } else {
    throw new NotebookError(path, fence.line, `input "${fence.name}": "options" must be a SQL query or a list`);
  }
  return {
    kind: 'input',
    name: fence.name,
    type,
    label: readLocalized(body, 'label') ?? fence.name,
    optionsSql,
    options,
    defaultSpec: body.default ?? (type === 'search' ? '' : 'first'),
    ...(type === 'search' ? { placeholder: readLocalized(body, 'placeholder') } : {}),
    line: fence.line,
  };
}

/** The input a `$param` refers to: `$x` → x; for a range input also `$x_from` / `$x_to`. */
export function inputForParam(param: string, inputs: Map<string, InputCell>): InputCell | undefined {
  const direct = inputs.get(param);
  if (direct && direct.type !== 'range') return direct;
  const m = /^(.*)_(from|to)$/.exec(param);
  const range = m ? inputs.get(m[1]!) : undefined;
  return range?.type === 'range' ? range : undefined;
}

function parseSql(fence: RawFence, path: string, inputs: Map<string, InputCell>, earlier: string[]): SqlCell {
  const params = paramNames(fence.body);
  for (const p of params) {
    if (!inputForParam(p, inputs)) {
      throw new NotebookError(path, fence.line, `sql cell "${fence.name}": $${p} is not an input defined above it`);
    }
  }
  const sql = bindParams(fence.body, params, (name, placeholder) =>
    inputs.get(name)?.type === 'multiselect' ? `string_split(${placeholder}, ${UNIT_SEPARATOR})` : placeholder,
  );
  return {
    kind: 'sql',
    name: fence.name,
    source: fence.body,
    sql,
    params,
    refs: referencedNames(fence.body, earlier),
    display: fence.flags.includes('display'),
    line: fence.line,
  };
}

const INPUT_REF = /^\$([A-Za-z_]\w*)$/;

/** The Markdown line of a top-level `key:` in a fence's YAML (the fence's own line when absent). */
function lineOfKey(fence: RawFence, key: string): number {
  const at = fence.body.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`"${key}":`));
  return at < 0 ? fence.line : fence.line + 1 + at;
}

function parseMethod(fence: RawFence, path: string, inputs: Map<string, InputCell>, sqlCells: string[]): MethodCell {
  const body = parseYamlBody(fence, path);
  const { method, data, ...options } = body;
  const where = `method cell "${fence.name}"`;
  if (typeof method !== 'string') throw new NotebookError(path, fence.line, `${where}: "method" must name a method`);
  // A known method's descriptor checks the options now, so a misspelt one fails with its own line
  // (inputs' values: when bound). An unknown method fails when the cell runs, with the fence's line.
  const descriptor = METHODS.find((m) => m.name === method);
  try {
    if (descriptor) checkOptions(descriptor, options, false);
  } catch (e) {
    if (!(e instanceof MethodOptionError)) throw e;
    throw new NotebookError(path, lineOfKey(fence, e.key), `${where}: ${e.message}`);
  }
  if (typeof data !== 'string' || !sqlCells.includes(data)) {
    throw new NotebookError(path, fence.line, `${where}: data "${String(data)}" is not a sql cell defined above it`);
  }
  const params: string[] = [];
  for (const value of Object.values(options)) {
    const ref = typeof value === 'string' ? INPUT_REF.exec(value) : null;
    if (!ref) continue;
    if (inputs.get(ref[1]!)?.type !== 'select') throw new NotebookError(path, fence.line, `${where}: ${value} is not a select input defined above it`);
    params.push(ref[1]!);
  }
  return { kind: 'method', name: fence.name, method, data, options, params, line: fence.line };
}

/** The options of a method cell with `$input` references replaced by the inputs' values. */
export function boundOptions(cell: MethodCell, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(cell.options).map(([k, v]) => {
      const ref = typeof v === 'string' ? INPUT_REF.exec(v) : null;
      return [k, ref ? values[ref[1]!] : v];
    }),
  );
}

function parseChart(fence: RawFence, path: string, sqlCells: Set<string>): ChartCell {
  const spec = parseYamlBody(fence, path);
  const data = spec.data;
  if (typeof data !== 'string') throw new NotebookError(path, fence.line, `chart "${fence.name}": "data" must name a sql cell`);
  if (!sqlCells.has(data)) {
    throw new NotebookError(path, fence.line, `chart "${fence.name}": data "${data}" is not a sql cell defined above it`);
  }
  // Checked against the chart type's own options: a misspelt key, another type's, or a value of the wrong kind.
  const problem = chartOptionProblem(spec);
  if (problem) throw new NotebookError(path, lineOfKey(fence, problem.key), `chart "${fence.name}": ${problem.message}`);
  return { kind: 'chart', name: fence.name, spec, data, line: fence.line };
}

export function parseNotebook(source: string, path: string, slug: string): Notebook {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { data: front, bodyStart } = parseFrontmatter(lines, path);
  const blocks: Block[] = [];
  const names = new Map<string, number>();
  const inputs = new Map<string, InputCell>();
  const sqlNames: string[] = [];

  let proseLocale: Locale | null = null;
  let prose: string[] = [];
  let proseLine = bodyStart + 1;
  const flushProse = (nextLine: number) => {
    const markdown = prose.join('\n');
    if (markdown.trim()) blocks.push({ kind: 'prose', locale: proseLocale, markdown, line: proseLine });
    prose = [];
    proseLine = nextLine;
  };

  const claimName = (name: string, line: number, lang: string) => {
    if (!NAME.test(name)) throw new NotebookError(path, line, `${lang} cell needs a name of letters, digits and _ (got "${name}")`);
    if (OBJECT_KEYS.has(name)) throw new NotebookError(path, line, `cell name "${name}" is reserved (every JavaScript object has a property of that name); choose another`);
    if ((lang === 'sql' || lang === 'method') && RESERVED_NAMES.has(name.toLowerCase())) throw new NotebookError(path, line, `cell name "${name}" is reserved (a data table or SQL word)`);
    const first = names.get(name);
    if (first !== undefined) throw new NotebookError(path, line, `cell name "${name}" is already used at line ${first}`);
    names.set(name, line);
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const lang = /^:::\s*(zh|en)\s*$/.exec(line);
    if (lang) {
      if (proseLocale) throw new NotebookError(path, lineNo, `::: ${lang[1]} opened inside ::: ${proseLocale}`);
      flushProse(lineNo + 1);
      proseLocale = lang[1] as Locale;
      continue;
    }
    if (/^:::\s*$/.test(line) && proseLocale) {
      flushProse(lineNo + 1);
      proseLocale = null;
      continue;
    }
    const fence = /^```\s*(sql|input|chart|method)\b\s*(.*)$/.exec(line);
    if (!fence) {
      prose.push(line);
      continue;
    }
    if (proseLocale) throw new NotebookError(path, lineNo, `cells belong outside ::: ${proseLocale} blocks (write them once for both languages)`);
    const [name = '', ...flags] = fence[2]!.trim().split(/\s+/);
    const close = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (close < 0) throw new NotebookError(path, lineNo, `${fence[1]} cell "${name}" is never closed with \`\`\``);
    const raw: RawFence = { lang: fence[1]!, name, flags, body: lines.slice(i + 1, close).join('\n'), line: lineNo };
    flushProse(close + 2);
    claimName(name, lineNo, raw.lang);
    if (raw.lang === 'input') {
      const cell = parseInput(raw, path);
      inputs.set(cell.name, cell);
      blocks.push(cell);
    } else if (raw.lang === 'sql') {
      blocks.push(parseSql(raw, path, inputs, sqlNames));
      sqlNames.push(name);
    } else if (raw.lang === 'method') {
      blocks.push(parseMethod(raw, path, inputs, sqlNames));
      // Its result is a table like a sql cell's: later cells select from it, charts draw it.
      sqlNames.push(name);
    } else {
      blocks.push(parseChart(raw, path, new Set(sqlNames)));
    }
    i = close;
  }
  if (proseLocale) throw new NotebookError(path, lines.length, `::: ${proseLocale} is never closed with :::`);
  flushProse(lines.length + 1);

  const tables = front.tables;
  const requires = front.requires === undefined ? [] : front.requires;
  if (!Array.isArray(requires) || !requires.every((r) => r && typeof r === 'object' && typeof r.sql === 'string' && typeof r.why === 'string')) {
    throw new NotebookError(path, 1, 'requires: a list of { sql: a query that must return a row, why: the reason the page is left out otherwise }');
  }
  const precompute = front.precompute as unknown;
  if (precompute !== undefined && precompute !== false && !(typeof precompute === 'number' && Number.isInteger(precompute) && precompute >= 0)) {
    throw new NotebookError(path, 1, 'precompute: the most input states to precompute (a whole number), or false for none');
  }
  return {
    path,
    slug,
    title: readLocalized(front, 'title') ?? slug,
    order: typeof front.order === 'number' ? front.order : 100,
    tables: Array.isArray(tables) ? tables.map(String) : [],
    requires: requires.map((r: { sql: string; why: string }) => ({ sql: r.sql, why: r.why })),
    blocks,
    ...(precompute === undefined ? {} : { precompute: precompute as number | false }),
  };
}
