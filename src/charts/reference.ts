/**
 * The README's chart reference, written from the chart types' descriptors: each type's doc, then
 * its options with what they hold, their defaults and what they do. `npm run docs`
 * (scripts/chart-docs.ts) puts it between the README's markers, and a test fails when the README
 * holds anything else, so the reference cannot drift from what the types take.
 */
import { CHART_TYPE_LIST } from './registry.ts';
import { COMMON_OPTIONS, TABLE_COLUMNS_OPTION, type ChartOption, type ChartType } from './schema.ts';

export const REFERENCE_START = '<!-- chart-reference:start (written by `npm run docs` from src/charts/*.ts: edit the chart types, not this) -->';
export const REFERENCE_END = '<!-- chart-reference:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v).replace(/,/g, ', ')}\``;

/** What an option holds, as a reader writes it. */
function kindOf(option: ChartOption): string {
  switch (option.type) {
    case 'name':
      return 'name';
    case 'column':
      return 'column';
    case 'columnPair':
      return '`[lo, hi]` columns';
    case 'text':
      return 'text, or `_zh` / `_en`';
    case 'boolean':
      return '`true` / `false`';
    case 'format':
      return 'd3-format';
    case 'choice':
      return option.values.map((v) => `\`${v}\``).join(' \\| ');
    case 'choiceOrPoint':
      return [...option.values.map((v) => `\`${v}\``), '`{x, y}`'].join(' \\| ');
    case 'integer':
      return option.max === undefined ? `whole number ≥ ${option.min}` : `whole number ${option.min}–${option.max}`;
    case 'numberPair':
      return '`[min, max]`';
    case 'tableColumns':
      return 'list of columns';
  }
}

function defaultOf(option: ChartOption): string {
  return 'default' in option && option.default !== undefined ? code(option.default) : '';
}

function optionRows(options: Readonly<Record<string, ChartOption>>, required: readonly string[] = []): string[] {
  return Object.entries(options).map(([key, o]) => `| \`${key}\`${required.includes(key) ? ' (required)' : ''} | ${kindOf(o)} | ${defaultOf(o)} | ${cell(o.doc)} |`);
}

const HEAD = ['| option | value | default | what it does |', '|---|---|---|---|'];

function typeSection(type: ChartType): string[] {
  const title = type.title ? ` — ${type.title.en} / ${type.title.zh}` : '';
  return [`#### \`type: ${type.name}\`${title}`, '', type.doc, '', ...HEAD, ...optionRows(type.options, type.required), ''];
}

/** The markdown between the README's markers (without them). */
export function chartReference(): string {
  return [
    `Chart types: ${CHART_TYPE_LIST.map((t) => `\`${t.name}\``).join(', ')}. Every chart cell takes:`,
    '',
    ...HEAD,
    ...optionRows(COMMON_OPTIONS),
    ...optionRows({ tableColumns: TABLE_COLUMNS_OPTION }),
    '',
    "and its type's options below; any other key fails the build at its line. Each option naming a column also takes",
    "the heading of that column in the chart's data table as `<key>Label` (once, or `_zh` / `_en`: `seriesNameLabel_en: Bank`,",
    '`panelLabel_zh: 指标`); `xLabel` / `yLabel` are the axes\' titles too. A column `name` resolves to `name_zh` / `name_en`.',
    '',
    ...CHART_TYPE_LIST.flatMap(typeSection),
  ]
    .join('\n')
    .trimEnd();
}

/** The README with its reference section rewritten; throws when the markers are missing. */
export function withReference(readme: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error(`README.md: the markers ${REFERENCE_START} … ${REFERENCE_END} are missing`);
  return `${readme.slice(0, start + REFERENCE_START.length)}\n\n${chartReference()}\n\n${readme.slice(end)}`;
}
