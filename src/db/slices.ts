import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { tableToIPC, type Table } from 'apache-arrow';
import type { TableFile } from './load.ts';
import { narrowColumn, tableColumns, tableOfColumns, type Column } from './narrow.ts';

/**
 * Column slices: what a page's browser engine downloads. A page gets, per data table it reads, only
 * the columns DuckDB's plan says it reads (notebook/reads.ts), so a free-text comment column never
 * travels to a page that does not read it; and a slice larger than the per-file limit of static hosts
 * is cut into row ranges that each stay under it, loaded back into one table (db/load.ts). Each column
 * travels in its narrowest exact form (db/narrow.ts), decided over the whole table before it is cut,
 * so every part of a table has the same types.
 */

/** Static hosts refuse files over 25 MiB (Cloudflare Pages, for one); no file of the site exceeds it. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

// Level 6, not 9: on a 200k-respondent survey slice 9 took 17.5 s for 5% fewer bytes (6: 1.1 s).
const gzip = (ipc: Uint8Array) => zlib.gzipSync(ipc, { level: 6 });

/** A table's columns, in the table's order, restricted to `read`; a page that reads none (count(*)) still needs its rows. */
export function sliceColumns(table: Table, read: ReadonlySet<string>): string[] {
  const all = table.schema.fields.map((f) => f.name);
  const kept = all.filter((c) => read.has(c));
  return kept.length ? kept : all.slice(0, 1);
}

/**
 * Gzip-compressed Arrow IPC parts of `table` (already restricted to its columns), each at most
 * `maxBytes`: the whole table when it fits, else consecutive row ranges, halved until each fits.
 */
export function compressedParts(table: Table, maxBytes: number = MAX_FILE_BYTES): { gz: Uint8Array; rows: number }[] {
  const whole = gzip(tableToIPC(table, 'stream'));
  if (whole.length <= maxBytes || table.numRows <= 1) return [{ gz: whole, rows: table.numRows }];
  // Start from an even cut with some headroom, as gzip ratios vary along the rows.
  const count = Math.min(table.numRows, Math.ceil((whole.length / maxBytes) * 1.1));
  const size = Math.ceil(table.numRows / count);
  const parts: { gz: Uint8Array; rows: number }[] = [];
  for (let start = 0; start < table.numRows; start += size) parts.push(...compressedParts(table.slice(start, start + size), maxBytes));
  return parts;
}

/** Writes each part under a content-hashed name; identical bytes share one file. */
function writeParts(dir: string, name: string, parts: { gz: Uint8Array; rows: number }[]): TableFile[] {
  return parts.map(({ gz, rows }) => {
    const hash = crypto.createHash('sha256').update(gz).digest('hex').slice(0, 12);
    const file = `${name}-${hash}.arrow.gz`;
    const target = path.join(dir, file);
    if (!fs.existsSync(target)) fs.writeFileSync(target, gz);
    return { name, file, rows, bytes: gz.length };
  });
}

/**
 * Writes the slices pages read into `dir`, once per distinct column set: table files in, per
 * (table, columns) the files a page fetches out.
 */
export class SliceWriter {
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly read: (name: string) => Table;
  private readonly written = new Map<string, TableFile[]>();
  /** Narrowed columns by table and column name: each is analysed once, whichever pages read it. */
  private readonly narrowed = new Map<string, Column>();

  constructor(dir: string, read: (name: string) => Table, maxBytes: number = MAX_FILE_BYTES) {
    this.dir = dir;
    this.read = read;
    this.maxBytes = maxBytes;
    fs.mkdirSync(dir, { recursive: true });
  }

  /** The files holding `columns` of `name` (all of the table's rows, in parts when large). */
  slice(name: string, read: ReadonlySet<string>): TableFile[] {
    const table = this.read(name);
    const columns = sliceColumns(table, read);
    const key = JSON.stringify([name, columns]);
    let files = this.written.get(key);
    if (!files) {
      files = writeParts(this.dir, name, compressedParts(this.narrowTable(name, table, columns), this.maxBytes));
      this.written.set(key, files);
    }
    return files;
  }

  /** `columns` of `table` narrowed, each with a dictionary id of its own (its index in the table). */
  private narrowTable(name: string, table: Table, columns: string[]): Table {
    const all = tableColumns(table);
    const narrowed = columns.map((column) => {
      const key = JSON.stringify([name, column]);
      let narrow = this.narrowed.get(key);
      if (!narrow) {
        const index = all.findIndex((c) => c.field.name === column);
        narrow = narrowColumn(all[index]!, index);
        this.narrowed.set(key, narrow);
      }
      return narrow;
    });
    return tableOfColumns(narrowed, table.batches.map((b) => b.numRows));
  }
}
