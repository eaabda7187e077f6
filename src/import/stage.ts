/**
 * Reading one data file, export or not: a CSV or an .xlsx workbook, through its mapping
 * (`<name>.map.yml` beside it) when it has one. What comes out is a `LoadedFile` whose records
 * carry contract column names and the export's own line numbers, ready for the contract's rules.
 * An export without a mapping is recognised and told how to get one, instead of failing on every
 * column.
 */
import { readFile } from 'node:fs/promises';
import type { LoadedFile } from '../contract/context.ts';
import type { Kind } from '../contract/kinds.ts';
import type { ParsedCsv } from '../contract/parse.ts';
import { readCsvFile, unreadFile } from '../contract/read.ts';
import { applyMapping, parsedFromRaw, rawFromParsed, type RawTable } from './apply.ts';
import type { Labels } from './labels.ts';
import { mappingNameFor, parseMapping, type Mapping } from './mapping.ts';
import { detectPlatform, FORMAT_NAMES, HEADER_ROWS } from './platforms.ts';
import { readWorkbook } from './xlsx.ts';

export interface SourceFile {
  abs: string;
  rel: string;
  display: string;
  mapping?: { abs: string; display: string };
}

export interface StageOptions {
  kind: Kind;
  isKnownColumn: (name: string) => boolean;
  /** The reference lists' labels, read when a mapped file needs them. */
  labels: () => Labels;
  onProgress?: (fraction: number, records: number) => void;
}

export const isWorkbook = (name: string): boolean => name.toLowerCase().endsWith('.xlsx');

/** Every data row rejected, none checked further: the file's header could not be read as the contract's. */
function rejectAll(raw: RawTable, headerRows: number): ParsedCsv {
  const records = raw.rows.slice(headerRows).map(() => []);
  return {
    header: [],
    records,
    lines: raw.lines.slice(headerRows),
    broken: new Set(records.map((_, i) => i)),
    problems: [],
    blankLines: raw.blankLines,
    failed: true,
  };
}

/** The raw rows of a file: a workbook's sheet, or a CSV decoded and split as the contract does. */
export async function readRaw(source: SourceFile, mapping: Mapping | null, options: StageOptions): Promise<{ file: LoadedFile; raw: RawTable | null }> {
  if (!isWorkbook(source.rel)) {
    // A mapped export's columns are not the contract's: only the rows' shape can tell the delimiter.
    const file = await readCsvFile(source.abs, source.rel, source.display, {
      isKnownColumn: mapping ? () => false : options.isKnownColumn,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { file, raw: file.parsed ? rawFromParsed(file.parsed) : null };
  }
  const file = unreadFile(source.rel, source.display);
  file.encoding = 'xlsx';
  let bytes: Buffer;
  try {
    bytes = await readFile(source.abs);
  } catch (e) {
    file.sink.error(`cannot read the file: ${(e as Error).message}`);
    return { file, raw: null };
  }
  const book = await readWorkbook(bytes, mapping?.sheet ?? null);
  if (!book.ok) {
    file.sink.error(book.message, mapping?.sheet ? { file: mapping.file } : {});
    return { file, raw: null };
  }
  file.origin = { format: 'plain', mapping: null, sheet: book.sheet };
  return { file, raw: book.raw };
}

export async function readDataFile(source: SourceFile, options: StageOptions): Promise<LoadedFile> {
  let mapping: Mapping | null = null;
  const mappingErrors: { line: number; message: string }[] = [];
  if (source.mapping) {
    let text: string | null = null;
    try {
      text = await readFile(source.mapping.abs, 'utf8');
    } catch (e) {
      mappingErrors.push({ line: 1, message: `cannot read the mapping: ${(e as Error).message}` });
    }
    if (text !== null) {
      const parsed = parseMapping(text, source.mapping.display);
      if (parsed.ok) mapping = parsed.mapping;
      else mappingErrors.push(...parsed.errors);
    }
  }

  const { file, raw } = await readRaw(source, mapping, options);
  const sheet = file.origin?.sheet;
  for (const e of mappingErrors) file.sink.error(e.message, { file: source.mapping!.display, line: e.line });
  if (!raw) return file;
  const detected = detectPlatform(raw.rows);

  if (source.mapping && !mapping) {
    // The mapping is broken: its errors are reported; the rows are counted, none loaded.
    const headerRows = HEADER_ROWS[detected?.format ?? 'plain'];
    file.sink.error(`no row is loaded until the mapping ${source.mapping.display} is fixed (see its errors)`, { line: 1 });
    file.parsed = rejectAll(raw, headerRows);
    file.origin = { format: detected?.format ?? 'plain', mapping: source.mapping.display, ...(sheet ? { sheet } : {}) };
    return file;
  }
  if (!mapping) {
    if (detected) {
      file.sink.error(
        `this looks like a ${FORMAT_NAMES[detected.format]} export (${detected.evidence}), not a contract file: ` +
          `write its mapping with npm run map -- ${source.display} (a draft ${mappingNameFor(source.rel.slice(source.rel.lastIndexOf('/') + 1))} beside it), fill in its TODOs and check again`,
        { line: 1 },
      );
      file.parsed = rejectAll(raw, HEADER_ROWS[detected.format]);
      file.origin = { format: detected.format, mapping: null, ...(sheet ? { sheet } : {}) };
    } else if (isWorkbook(source.rel)) {
      file.parsed = parsedFromRaw(raw);
    }
    return file;
  }
  if (detected && mapping.format !== detected.format && mapping.format !== 'plain') {
    file.sink.warning(`the mapping says format: ${mapping.format}, but ${detected.evidence}; check the mapping's header_rows`, { file: mapping.file, line: 1 });
  }
  file.parsed = applyMapping(raw, mapping, {
    kind: options.kind,
    isKnownColumn: options.isKnownColumn,
    labels: options.labels(),
    sink: file.sink,
    decimalComma: file.style.decimalComma,
  });
  file.origin = { format: mapping.format, mapping: mapping.file, ...(sheet ? { sheet } : {}) };
  return file;
}
