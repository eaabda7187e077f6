/**
 * Streaming CSV output: rows are serialised with papaparse in chunks and appended with
 * synchronous writes, so a 200k-respondent wave never sits in memory as one string, and the
 * bytes depend only on the rows (UTF-8, comma, LF, header row, quoting only where needed).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null;

export interface FileSummary {
  /** Path relative to the output folder, forward slashes. */
  file: string;
  rows: number;
  bytes: number;
}

export interface CsvWriter {
  write(row: CsvCell[]): void;
  close(): FileSummary;
}

const CHUNK_ROWS = 2000;

function serialise(rows: CsvCell[][]): string {
  return Papa.unparse(rows, { newline: '\n', quotes: false, header: false }) + '\n';
}

export function openCsv(outDir: string, file: string, columns: readonly string[]): CsvWriter {
  const path = `${outDir}/${file}`;
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let bytes = 0;
  let rows = 0;
  let buffer: CsvCell[][] = [];
  const put = (text: string) => {
    const data = Buffer.from(text, 'utf8');
    writeSync(fd, data);
    bytes += data.length;
  };
  const flush = () => {
    if (buffer.length === 0) return;
    put(serialise(buffer));
    buffer = [];
  };
  put(serialise([[...columns]]));
  return {
    write(row) {
      if (row.length !== columns.length) {
        throw new Error(`${file}: row has ${row.length} cells, header has ${columns.length}`);
      }
      buffer.push(row);
      rows++;
      if (buffer.length >= CHUNK_ROWS) flush();
    },
    close() {
      flush();
      closeSync(fd);
      return { file, rows, bytes };
    },
  };
}

export function writeCsv(outDir: string, file: string, columns: readonly string[], rows: Iterable<CsvCell[]>): FileSummary {
  const w = openCsv(outDir, file, columns);
  for (const row of rows) w.write(row);
  return w.close();
}
