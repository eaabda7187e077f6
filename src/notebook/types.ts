/** The parsed form of a report page (a notebook). Plain JSON: it is embedded in the page for the client. */
import type { Locale, Localized } from '../text/locale.ts';


export interface ProseBlock {
  kind: 'prose';
  /** null = shown in every language. */
  locale: Locale | null;
  markdown: string;
  line: number;
}

export interface SqlCell {
  kind: 'sql';
  name: string;
  /** SQL as written, with `$input` references. */
  source: string;
  /** SQL with `$input` references rewritten to positional `$1, $2, …`. */
  sql: string;
  /** Input parameter names, in positional order. */
  params: string[];
  /** Earlier cells this cell selects from. */
  refs: string[];
  /** Also show the result as a table on the page. */
  display: boolean;
  line: number;
}

/** `search`: free text (e.g. words to find in comments), bound as a parameter like any value. */
export type InputType = 'select' | 'multiselect' | 'range' | 'search';

export interface InputOption {
  value: string;
  label: Localized;
}

export interface InputCell {
  kind: 'input';
  name: string;
  type: InputType;
  label: Localized;
  /** A query whose column `value` (and optional `label_zh`, `label_en` or `label`) gives the options. */
  optionsSql: string | null;
  /** Options resolved at build time (static, or from `optionsSql`). */
  options: InputOption[];
  /** As written: `first`, `last`, a value, or a list (multi-select, range). */
  defaultSpec: unknown;
  /** A search box's hint, e.g. "words in the comment". */
  placeholder?: Localized;
  line: number;
}

export interface ChartCell {
  kind: 'chart';
  name: string;
  /** The chart spec as written (YAML), checked by the chart type's own `validate`. */
  spec: Record<string, unknown>;
  /** The SQL cell that feeds it. */
  data: string;
  line: number;
}

/**
 * A statistical method applied to an earlier SQL cell's rows, in JavaScript, on both sides (e.g.
 * derived importance, which SQL cannot compute). Its result is a table later cells can query.
 */
export interface MethodCell {
  kind: 'method';
  name: string;
  /** Registry name in src/methods/cells.ts. */
  method: string;
  /** The SQL cell whose rows it reads. */
  data: string;
  /** Options as written; a value `$input` is replaced by that input's value. */
  options: Record<string, unknown>;
  /** Inputs the options bind. */
  params: string[];
  line: number;
}

export type Cell = SqlCell | InputCell | ChartCell | MethodCell;
export type Block = ProseBlock | Cell;

export interface Notebook {
  /** Page path relative to the project, e.g. `pages/overview.md`, for error messages. */
  path: string;
  slug: string;
  title: Localized;
  order: number;
  /** Data tables the page needs; the page is left out of a build whose data lack any of them. */
  tables: string[];
  /**
   * Conditions on the data (`requires:` in the frontmatter), each a query that must return a row,
   * e.g. a case page about one bank; the page is left out of a build whose data fail one, and the
   * build log gives the reason.
   */
  requires: { sql: string; why: string }[];
  blocks: Block[];
  /**
   * `precompute:` in the frontmatter: the most input states the build precomputes for the page
   * (beyond those one change away from the defaults, always precomputed), or false for none.
   */
  precompute?: number | false;
}

/** Input values: a string for select, a list for multi-select, [from, to] for range. */
export type InputValue = string | string[];
export type InputValues = Record<string, InputValue>;

/** A page mistake, pointing at the page file and line, as the build and the browser report it. */
export class NotebookError extends Error {
  readonly path: string;
  readonly line: number;
  constructor(path: string, line: number, message: string) {
    super(`${path}:${line}: ${message}`);
    this.name = 'NotebookError';
    this.path = path;
    this.line = line;
  }
}
