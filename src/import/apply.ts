/**
 * The mapping stage, between reading a file and the contract's rules: an export's rows become
 * records under contract column names, each answer turned into the text the contract's parsers
 * read (a number, an id, a quarter), each record keeping its line in the export. The contract's
 * rules then check them as they check any file; their messages name the export's column.
 */
import { isMissingMarker } from '../contract/cells.ts';
import type { IssueSink } from '../contract/issues.ts';
import { showValue } from '../contract/issues.ts';
import type { ParsedCsv, ParseProblem } from '../contract/parse.ts';
import type { Kind } from '../contract/kinds.ts';
import type { ColumnRule, Mapping } from './mapping.ts';
import { exportColumns, findColumn, type ExportColumn } from './platforms.ts';
import { labelGroupOf, type Labels } from './labels.ts';
import { leadingNumber, periodOfDate, type PeriodGrain } from './values.ts';

/** A file as read, before any mapping: every non-blank row, header rows included. */
export interface RawTable {
  rows: string[][];
  /** Line in the file (CSV: physical line; workbook: row number) of each row. */
  lines: number[];
  /** Indices into `rows` of rows the parser could not split reliably. */
  broken: ReadonlySet<number>;
  problems: ParseProblem[];
  blankLines: number[];
}

export function rawFromParsed(p: ParsedCsv): RawTable {
  return {
    rows: [p.header, ...p.records],
    lines: [1, ...p.lines],
    broken: new Set([...p.broken].map((i) => i + 1)),
    problems: p.problems,
    blankLines: p.blankLines,
  };
}

/** A contract file read as it is (no mapping): row 1 is the header. */
export function parsedFromRaw(raw: RawTable): ParsedCsv {
  return {
    header: raw.rows[0] ?? [],
    records: raw.rows.slice(1),
    lines: raw.lines.slice(1),
    broken: new Set([...raw.broken].filter((i) => i > 0).map((i) => i - 1)),
    problems: raw.problems,
    blankLines: raw.blankLines,
  };
}

/** Contract columns that hold numbers: their answers may be labelled choices ("10 - Extremely likely"). */
export function isNumericColumn(kind: Kind, column: string): boolean {
  if (kind === 'survey') return /^(weight|overall|nps|csat|ces)$|^(perf|imp|emo|lvl)_/.test(column);
  if (kind === 'servqual') return /^[ep]\d+$|^w_|^weight$/.test(column);
  if (kind === 'metrics' || kind === 'servqual_provider') return column === 'value' || column === 'n';
  return false;
}

/** The period grain a contract column takes from a date when the mapping does not say. */
function defaultGrain(kind: Kind, column: string): PeriodGrain | null {
  return column === 'quarter' && kind !== 'servqual_opinions' ? 'quarter' : null;
}

export interface ApplyContext {
  kind: Kind;
  /** Whether the contract knows the column for this kind (the same test the header check uses). */
  isKnownColumn: (name: string) => boolean;
  labels: Labels;
  sink: IssueSink;
  /** Semicolon-delimited exports come from locales that write 7,5 for 7.5. */
  decimalComma?: boolean;
}

interface Bound {
  rule: ColumnRule;
  column: ExportColumn | null;
  convert: (raw: string) => string | { error: string };
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
export const WJX_MISSING: ReadonlySet<string> = new Set(['(跳过)', '(空)']);

/** Turns an export into records under contract names; problems go to the export's sink. */
export function applyMapping(raw: RawTable, mapping: Mapping, ctx: ApplyContext): ParsedCsv {
  const { sink, kind } = ctx;
  const mapFile = mapping.file;
  const at = (rule: ColumnRule) => `${baseName(mapFile)}:${rule.line}`;
  const headerRows = Math.min(mapping.headerRows, raw.rows.length);
  const columns = exportColumns(raw.rows, mapping.format, headerRows);
  let failed = false;
  const labelsShown = new Map<string, string>();
  // 问卷星 writes (跳过) for a question the logic skipped and (空) for one left empty.
  const platformMissing = mapping.format === 'wjx' ? WJX_MISSING : null;

  const bind = (rule: ColumnRule, target: string, numeric: boolean): Bound | null => {
    let column: ExportColumn | null = null;
    if (rule.from !== null) {
      const found = findColumn(columns, rule.from);
      if (!found.ok) {
        failed = true;
        sink.error(`${found.message}, but ${mapFile}:${rule.line} maps it to ${target}; name one of the export's columns (npm run map -- ${sink.file} lists them)`, {
          line: 1,
          column: rule.from,
        });
        return null;
      }
      column = found.column;
    }
    const grain: PeriodGrain | null = rule.as === 'quarter' || rule.as === 'month' || rule.as === 'year' ? rule.as : defaultGrain(kind, target);
    const asNumber = numeric || rule.as === 'number';
    const group = labelGroupOf(target);
    const labels = group ? ctx.labels[group] : null;
    const where = `${mapFile}:${rule.mapLine}`;
    const convert = (rawValue: string): string | { error: string } => {
      const t = rawValue.trim();
      if (platformMissing !== null && platformMissing.has(t)) return '';
      if (isMissingMarker(t)) return rule.as === 'text' || target === 'comment' ? rawValue : '';
      if (rule.map) {
        const hit = rule.map.get(t.toLowerCase());
        if (hit !== undefined) return String(hit);
      }
      if (rule.as === 'text') return rawValue;
      if (grain !== null) {
        const p = periodOfDate(t, grain, mapping.dateOrder);
        if (p.ok) return p.period;
        if (rule.as !== null) return { error: `${target}: ${p.message}` };
        return t;
      }
      if (asNumber) {
        const n = leadingNumber(ctx.decimalComma ? t.replace(/^([+-]?\d+),(\d+)/, '$1.$2') : t);
        if (n !== null) return String(n);
        return {
          error: rule.map
            ? `${target}: ${showValue(t)} has no number: add it to the map of ${target} in ${where} (e.g. ${t}: 4)`
            : `${target}: ${showValue(t)} has no number: give ${target} a map in ${mapFile}:${rule.line}, e.g. ${target}: { from: ${rule.from ?? '…'}, map: { ${t}: 4 } }`,
        };
      }
      if (labels) return labels.get(t.toLowerCase()) ?? t;
      return target === 'comment' || target === 'note' || target === 'text' ? rawValue : t;
    };
    labelsShown.set(target, column ? `${column.id} → ${target} (${at(rule)})` : `${target} (constant, ${at(rule)})`);
    return { rule, column, convert };
  };

  const bound: Bound[] = [];
  for (const rule of mapping.columns) {
    if (!ctx.isKnownColumn(rule.target)) {
      failed = true;
      sink.error(`${rule.target} is not a column of the ${kind} table (see data/README.md for its columns)`, { file: mapFile, line: rule.line });
      continue;
    }
    const b = bind(rule, rule.target, isNumericColumn(kind, rule.target));
    if (b) bound.push(b);
  }
  const wide: Bound[] = [];
  if (mapping.wide) {
    if (kind !== 'metrics') {
      failed = true;
      sink.error(`metrics: (wide form) belongs in a mapping of a metrics/ file; this file feeds the ${kind} table`, { file: mapFile, line: mapping.wideLine });
    } else {
      for (const rule of mapping.wide) {
        const b = bind(rule, rule.target, true);
        if (b) wide.push(b);
      }
      labelsShown.set('value', 'value (the metric columns listed under metrics:)');
    }
  }
  // Every column a rule names in a mapped file is a contract column: one the mapping feeds is named
  // by its export column; any other is missing from the mapping (a required quarter, say).
  sink.columnLabels = (column) => labelsShown.get(column) ?? `${column} (not in ${baseName(mapFile)})`;

  const header = [...bound.map((b) => b.rule.target), ...(wide.length > 0 ? ['metric', 'value'] : [])];
  const records: string[][] = [];
  const lines: number[] = [];
  const flagged = new Set<number>();
  const reportedCells = new Set<number>();
  const broken = new Set<number>();
  let emptyWide = 0;

  for (let r = headerRows; r < raw.rows.length; r++) {
    const row = raw.rows[r]!;
    const line = raw.lines[r]!;
    const base: string[] = [];
    const badCells: number[] = [];
    for (const b of bound) {
      const source = b.column ? (row[b.column.index] ?? '') : b.rule.constant!;
      const v = b.convert(source);
      if (typeof v === 'string') base.push(v);
      else {
        badCells.push(base.length);
        base.push('');
        sink.error(v.error, { line, column: b.rule.target, value: source, columnIndex: b.column?.index ?? -1 });
      }
    }
    const emit = (record: string[], cells: number[]) => {
      if (raw.broken.has(r)) broken.add(records.length);
      if (cells.length > 0) flagged.add(records.length);
      for (const j of cells) reportedCells.add(records.length * header.length + j);
      records.push(record);
      lines.push(line);
    };
    if (wide.length === 0) {
      emit(base, badCells);
      continue;
    }
    for (const w of wide) {
      const cell = row[w.column!.index] ?? '';
      if (isMissingMarker(cell.trim())) {
        emptyWide++;
        continue;
      }
      const v = w.convert(cell);
      if (typeof v === 'string') emit([...base, w.rule.target, v], badCells);
      else {
        sink.error(v.error, { line, column: 'value', value: cell, columnIndex: w.column!.index });
        emit([...base, w.rule.target, ''], [...badCells, base.length + 1]);
      }
    }
  }
  if (emptyWide > 0) {
    sink.warning(`${emptyWide} empty ${emptyWide === 1 ? 'cell' : 'cells'} of the metric columns (${mapFile}:${mapping.wideLine}) gave no metrics row`);
  }
  const lastHeaderLine = raw.lines[headerRows - 1] ?? 1;
  const problems = raw.problems.map((p) => ({ line: p.line, message: p.message }));
  if (problems.some((p) => p.line <= lastHeaderLine)) failed = true;
  return { header, records, lines, broken, problems, blankLines: raw.blankLines, flagged, reportedCells, failed };
}
