/**
 * Text → records, with the physical line of each record as a text editor counts it (header = 1).
 * papaparse does the CSV work; its step callback reports the cursor after every record, and the
 * line breaks between two cursors (including those inside quoted cells) move later records down.
 */
import Papa from 'papaparse';
import type { Dialect } from './dialect.ts';

export interface ParseProblem {
  line: number;
  /** Index of the field where the problem sits, when known. */
  field?: number;
  message: string;
}

export interface ParsedCsv {
  header: string[];
  /** Data records (blank lines removed), each the raw field strings. */
  records: string[][];
  /** Physical line where each record starts, parallel to `records`. */
  lines: number[];
  /** Index into `records` of records the parser could not split reliably (quote errors). */
  broken: Set<number>;
  problems: ParseProblem[];
  /** Lines that held no value at all (blank, or only delimiters): skipped, and reported as a warning. */
  blankLines: number[];
  /**
   * Records an earlier stage already rejected with its own message (a mapped export's answer with
   * no number): still checked cell by cell, never loaded.
   */
  flagged?: ReadonlySet<number>;
  /** Cells of flagged records (`record * header.length + column`) already reported: not parsed again. */
  reportedCells?: ReadonlySet<number>;
  /** An earlier stage found the header itself broken (a mapping that names no such column): no row is loaded. */
  failed?: boolean;
}

export interface ParseOptions {
  /** Called every few thousand records with the share of the text consumed. */
  onProgress?: (fraction: number, records: number) => void;
}

/**
 * Line breaks in text[from, to): CRLF, LF and lone CR each count once, like an editor. A CRLF counts
 * at its CR, so when a record ends between the two (a file whose records end in CR holding a CRLF),
 * the break belongs to the record before and the next record starts on the next line.
 */
function countBreaks(text: string, from: number, to: number, hasCR: boolean): number {
  let n = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    if (!hasCR || text.charCodeAt(i - 1) !== 13) n++;
    i = text.indexOf('\n', i + 1);
  }
  if (hasCR) {
    i = text.indexOf('\r', from);
    while (i !== -1 && i < to) {
      n++;
      i = text.indexOf('\r', i + 1);
    }
  }
  return n;
}

function isBlank(row: string[]): boolean {
  if (row.length === 1) return row[0]!.trim() === '';
  for (let i = 0; i < row.length; i++) if (row[i] !== '') return false;
  return true;
}

const QUOTE_HELP =
  'put double quotes around the whole value and write a quote inside it as two quotes (""), as Excel does';

export function parseCsv(text: string, dialect: Dialect, options: ParseOptions = {}): ParsedCsv {
  const records: string[][] = [];
  const lines: number[] = [];
  const problems: ParseProblem[] = [];
  const broken = new Set<number>();
  const blankLines: number[] = [];
  let header: string[] | null = null;

  const hasCR = text.indexOf('\r') !== -1;
  const total = text.length || 1;
  let rowStart = 0;
  let line = 1;
  let seen = 0;
  const { onProgress } = options;

  const parser = new Papa.Parser({
    delimiter: dialect.delimiter,
    newline: dialect.newline,
    quoteChar: '"',
    escapeChar: '"',
    step(results: Papa.ParseStepResult<string[]>) {
      const row = (results.data as unknown as string[][])[0] ?? [];
      const end = results.meta.cursor;
      const rowLine = line;
      const reported = new Set<number>();
      for (const err of results.errors) {
        const at = typeof err.index === 'number' ? err.index : rowStart;
        if (reported.has(at)) continue; // papaparse can report the same quote twice
        reported.add(at);
        const errLine = rowLine + countBreaks(text, rowStart, Math.max(rowStart, at), hasCR);
        if (err.code === 'MissingQuotes') {
          problems.push({
            line: errLine,
            field: row.length - 1,
            message: `a quoted value starts here and is never closed (unterminated quote), so everything after it was read as one value; ${QUOTE_HELP}`,
          });
        } else if (err.code === 'InvalidQuotes') {
          problems.push({
            line: errLine,
            message: `a quoted value is followed by other characters before the next delimiter (malformed quotes); ${QUOTE_HELP}`,
          });
        } else {
          problems.push({ line: errLine, message: err.message });
        }
      }

      if (header === null) {
        header = row;
      } else if (isBlank(row) && results.errors.length === 0) {
        // papaparse reports an empty record after the final line break; that is no line at all.
        if (rowStart < text.length) blankLines.push(rowLine);
      } else {
        if (results.errors.length > 0) broken.add(records.length);
        records.push(row);
        lines.push(rowLine);
      }

      line = rowLine + countBreaks(text, rowStart, end, hasCR);
      rowStart = end;
      if (onProgress && ++seen % 20000 === 0) onProgress(end / total, seen);
    },
  });
  if (text.length > 0) parser.parse(text, 0, false);
  onProgress?.(1, seen);
  return { header: header ?? [], records, lines, broken, problems, blankLines };
}
