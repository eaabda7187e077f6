import fs from 'node:fs';
import path from 'node:path';
/**
 * The data contract: every CSV of a data folder is decoded, parsed and checked, and the accepted
 * rows come back as typed column-major tables with a per-file report. Files are checked in
 * dependency order (stages before attributes; banks, tasks, channels and metric definitions before
 * the files that refer to them; the SERVQUAL questionnaires before the provider measures that are
 * read against them).
 */
import { discover, type DataFile, type Kind } from './files.ts';
import { TABLE_KINDS } from './kinds.ts';
import { labelsFrom } from '../import/labels.ts';
import { readDataFile } from '../import/stage.ts';
import { emptyContext, toReport, type DataContext, type LoadedFile } from './context.ts';
import { FILE_KINDS } from './registry.ts';
import type { CheckedTable, ContractIssue, ContractResult, FileReport } from './types.ts';

export type * from './types.ts';
export { formatReport, formatIssue } from './report.ts';

export interface ContractProgress {
  /** The file being worked on, as shown in the report. */
  file: string;
  /** Share of the current file done, 0..1. */
  fraction: number;
  /** Records parsed so far in the current file. */
  rows: number;
  /** Files finished / all files. */
  filesDone: number;
  filesTotal: number;
  /** Bytes of all files / of the files finished: lets a caller show overall progress. */
  bytesTotal: number;
  bytesDone: number;
  /** Size of the current file in bytes. */
  fileBytes: number;
  /** One line for a log. */
  message: string;
}

export interface CheckOptions {
  onProgress?: (progress: ContractProgress) => void;
  /** Check only the files of these kinds (e.g. the reference lists a draft mapping needs). */
  only?: readonly Kind[];
}

const KNOWN_COLUMN = new Map(FILE_KINDS.map((k) => [k.kind, k.isColumn]));

/** Tables in the order the report and the catalogue list them: the contract's own order (kinds.ts). */
const TABLE_ORDER: readonly Kind[] = TABLE_KINDS;

/** The file a data folder declares unknown columns ignored in: one `table.column` (or `column`, any table) a line. */
export const IGNORED_COLUMNS_FILE = 'ignored-columns.txt';

function readIgnoredColumns(dir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const file = path.join(dir, IGNORED_COLUMNS_FILE);
  if (!fs.existsSync(file)) return out;
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim().toLowerCase();
    if (!line) continue;
    const dot = line.indexOf('.');
    const [table, column] = dot > 0 ? [line.slice(0, dot), line.slice(dot + 1)] : ['*', line];
    if (!out.has(table)) out.set(table, new Set());
    out.get(table)!.add(column);
  }
  // A bare column is ignored in every table: add those to each table's own set.
  const any = out.get('*');
  if (any) for (const [t, set] of out) if (t !== '*') for (const c of any) set.add(c);
  return out;
}

export async function checkDataFolder(dir: string, options: CheckOptions = {}): Promise<ContractResult> {
  const discovery = await discover(dir);
  if (options.only) discovery.files = discovery.files.filter((f) => options.only!.includes(f.kind));
  const issues: ContractIssue[] = [...discovery.issues];
  if (!discovery.found) return { ok: false, dataDir: dir, tables: [], files: [], issues };
  if (discovery.files.length === 0) {
    issues.push({ severity: 'warning', file: dir, message: 'no data files found (expected banks.csv, attributes.csv, survey/*.csv, …; see data/README.md)' });
  }

  const ignored = readIgnoredColumns(dir);
  const { onProgress } = options;
  const bytesTotal = discovery.files.reduce((s, f) => s + f.size, 0);
  let bytesDone = 0;
  let filesDone = 0;
  const progress = (file: DataFile, fraction: number, rows: number, message: string) =>
    onProgress?.({ file: file.display, fraction, rows, filesDone, filesTotal: discovery.files.length, bytesTotal, bytesDone, fileBytes: file.size, message });

  const tables = new Map<Kind, CheckedTable>();
  const reports = new Map<string, FileReport>();
  const load = async (file: DataFile): Promise<LoadedFile> => {
    progress(file, 0, 0, `checking ${file.display} (${(file.size / 1e6).toFixed(1)} MB)`);
    const loaded = await readDataFile(file, {
      kind: file.kind,
      isKnownColumn: KNOWN_COLUMN.get(file.kind)!,
      labels: () => labelsFrom(tables.values()),
      ...(onProgress
        ? { onProgress: (fraction: number, rows: number) => progress(file, fraction * 0.8, rows, `${file.display}: ${rows} rows parsed`) }
        : {}),
    });
    loaded.ignoredColumns = ignored.get(file.kind) ?? ignored.get('*');
    return loaded;
  };
  const done = (file: DataFile, loaded: LoadedFile) => {
    loaded.parsed = null; // the raw records are no longer needed; free them before the next file
    filesDone++;
    bytesDone += file.size;
    progress(file, 1, loaded.rowsRead, `${file.display}: ${loaded.rowsRead} rows read, ${loaded.rowsLoaded} loaded, ${loaded.rowsRejected} rejected`);
  };
  const ofKind = (kind: Kind) => discovery.files.filter((f) => f.kind === kind);
  const single = (kind: Kind) => {
    const [file, ...extra] = ofKind(kind);
    for (const e of extra) issues.push({ severity: 'error', file: e.display, message: `a second ${kind} file (names differ only in case); keep only one` });
    return file;
  };

  const ctx: DataContext = emptyContext();

  const checkSingle = async (kind: Kind, check: (f: LoadedFile) => CheckedTable): Promise<void> => {
    const file = single(kind);
    if (!file) return;
    const f = await load(file);
    tables.set(kind, check(f));
    done(file, f);
    reports.set(file.rel, toReport(f, kind));
  };

  const multi = async (kind: Kind, check: { add(file: LoadedFile): void; table(): CheckedTable }) => {
    const files = ofKind(kind);
    if (files.length === 0) return;
    const loaded: [DataFile, LoadedFile][] = [];
    for (const file of files) {
      const f = await load(file);
      check.add(f);
      done(file, f);
      loaded.push([file, f]);
    }
    tables.set(kind, check.table());
    // After table(): checks across the files (e.g. raking to the targets) report into them too.
    for (const [file, f] of loaded) reports.set(file.rel, toReport(f, kind));
  };

  const present = (kind: Kind) => ofKind(kind).length > 0;
  for (const k of FILE_KINDS) {
    if ('file' in k) await checkSingle(k.kind, (f) => k.check(f, ctx));
    else await multi(k.kind, k.checker(ctx, tables));
    if (!tables.has(k.kind)) {
      const derived = k.absent?.(ctx, present);
      if (derived) tables.set(k.kind, derived);
    }
    k.finish?.(tables);
  }

  // Reports in table order, then file name, the order a reader of the report expects.
  const files = TABLE_ORDER.flatMap((k) => ofKind(k).map((f) => reports.get(f.rel))).filter((r): r is FileReport => r !== undefined);
  const orderedTables = TABLE_ORDER.map((k) => tables.get(k)).filter((t): t is CheckedTable => t !== undefined);
  const ok = files.every((f) => f.errorCount === 0) && issues.every((i) => i.severity !== 'error');
  return { ok, dataDir: dir, tables: orderedTables, files, issues, ...(ctx.weighting ? { weighting: ctx.weighting } : {}) };
}
