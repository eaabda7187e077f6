/**
 * One file from disk to parsed records: read bytes, decode, detect the dialect, parse. Problems
 * at these stages are file-level errors; the rows are then checked by the file kind's rules.
 */
import { readFile } from 'node:fs/promises';
import type { LoadedFile } from './context.ts';
import { decodeBytes } from './decode.ts';
import { detectDialect } from './dialect.ts';
import { IssueSink } from './issues.ts';
import { parseCsv } from './parse.ts';

export interface ReadOptions {
  /** Whether a header name belongs to the file kind: the strongest hint for the delimiter. */
  isKnownColumn: (name: string) => boolean;
  onProgress?: (fraction: number, records: number) => void;
}

/** A file before anything is read: no encoding, no rows. */
export function unreadFile(rel: string, display: string): LoadedFile {
  return {
    rel,
    display,
    name: rel.slice(rel.lastIndexOf('/') + 1),
    encoding: 'unknown',
    delimiter: '',
    lineEnding: 'none',
    parsed: null,
    style: { decimalComma: false },
    sink: new IssueSink(display),
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
  };
}

export async function readCsvFile(absPath: string, rel: string, display: string, options: ReadOptions): Promise<LoadedFile> {
  const file = unreadFile(rel, display);

  let bytes: Uint8Array;
  try {
    bytes = await readFile(absPath);
  } catch (e) {
    file.sink.error(`cannot read the file: ${(e as Error).message}`);
    return file;
  }

  const decoded = decodeBytes(bytes);
  file.encoding = decoded.encoding;
  if (!decoded.ok) {
    file.sink.error(decoded.message, decoded.line !== undefined ? { line: decoded.line } : {});
    return file;
  }
  const text = decoded.text;

  if (text.trim() === '') {
    file.sink.warning('the file is empty');
    return file;
  }

  const dialect = detectDialect(text, options.isKnownColumn);
  file.lineEnding = dialect.lineEnding;
  if (!dialect.ok) {
    file.sink.error(dialect.message, { line: 1 });
    return file;
  }
  file.delimiter = dialect.dialect.delimiter;
  file.style = { decimalComma: dialect.dialect.delimiter === ';' };
  file.parsed = parseCsv(text, dialect.dialect, options.onProgress ? { onProgress: options.onProgress } : {});
  return file;
}
