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
import { readCsvFile } from './read.ts';
import { emptyContext, toReport, type DataContext, type LoadedFile } from './context.ts';
import { checkAttributes, isAttributesColumn } from './rules/attributes.ts';
import { checkBanks, isBanksColumn } from './rules/banks.ts';
import { checkChannels, isChannelsColumn } from './rules/channels.ts';
import { checkSegments, isSegmentsColumn, segmentsFromSurvey, withAllCustomersSegment } from './rules/segments.ts';
import { checkMetricDefs, isMetricDefsColumn } from './rules/metric_defs.ts';
import { MetricsCheck, isMetricsColumn } from './rules/metrics.ts';
import { ServqualCheck, isServqualColumn } from './rules/servqual.ts';
import { checkServqualItems, defaultServqualItems, isServqualItemsColumn } from './rules/servqual_items.ts';
import { checkServqualOpinions, emptyServqualOpinions, isServqualOpinionsColumn } from './rules/servqual_opinions.ts';
import { ServqualProviderCheck, isServqualProviderColumn } from './rules/servqual_provider.ts';
import { checkStages, isStagesColumn } from './rules/stages.ts';
import { SurveyCheck, isSurveyColumn } from './rules/survey.ts';
import { checkTasks, isTasksColumn } from './rules/tasks.ts';
import { checkThemes, isThemesColumn } from './rules/themes.ts';
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
}

const KNOWN_COLUMN: Record<Kind, (name: string) => boolean> = {
  banks: isBanksColumn,
  attributes: isAttributesColumn,
  stages: isStagesColumn,
  tasks: isTasksColumn,
  channels: isChannelsColumn,
  segments: isSegmentsColumn,
  themes: isThemesColumn,
  survey: isSurveyColumn,
  servqual: isServqualColumn,
  servqual_items: isServqualItemsColumn,
  servqual_provider: isServqualProviderColumn,
  servqual_opinions: isServqualOpinionsColumn,
  metrics: isMetricsColumn,
  metric_defs: isMetricDefsColumn,
};

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

  const load = async (file: DataFile): Promise<LoadedFile> => {
    progress(file, 0, 0, `checking ${file.display} (${(file.size / 1e6).toFixed(1)} MB)`);
    const loaded = await readCsvFile(file.abs, file.rel, file.display, {
      isKnownColumn: KNOWN_COLUMN[file.kind],
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

  const tables = new Map<Kind, CheckedTable>();
  const reports = new Map<string, FileReport>();
  const ctx: DataContext = emptyContext();

  const checkSingle = async <R extends { table: CheckedTable }>(kind: Kind, check: (f: LoadedFile) => R): Promise<R | null> => {
    const file = single(kind);
    if (!file) return null;
    const f = await load(file);
    const r = check(f);
    tables.set(kind, r.table);
    done(file, f);
    reports.set(file.rel, toReport(f, kind));
    return r;
  };

  ctx.stages = (await checkSingle('stages', checkStages))?.stages ?? null;
  ctx.attributes = (await checkSingle('attributes', (f) => checkAttributes(f, ctx.stages)))?.attributes ?? null;
  ctx.banks = (await checkSingle('banks', checkBanks))?.ids ?? null;
  ctx.tasks = (await checkSingle('tasks', checkTasks))?.tasks ?? null;
  ctx.channels = (await checkSingle('channels', checkChannels))?.channels ?? null;
  ctx.segments = (await checkSingle('segments', checkSegments))?.segments ?? null;
  await checkSingle('themes', checkThemes);
  ctx.metricIds = (await checkSingle('metric_defs', checkMetricDefs))?.ids ?? null;
  const items = await checkSingle('servqual_items', checkServqualItems);
  if (items) ctx.servqualItems = items.items;
  else if (ofKind('servqual').length > 0) {
    const r = defaultServqualItems();
    ctx.servqualItems = r.items;
    tables.set('servqual_items', r.table);
  }

  const multi = async (kind: Kind, check: { add(file: LoadedFile): void; table(): CheckedTable }) => {
    const files = ofKind(kind);
    if (files.length === 0) return;
    for (const file of files) {
      const f = await load(file);
      check.add(f);
      done(file, f);
      reports.set(file.rel, toReport(f, kind));
    }
    tables.set(kind, check.table());
  };
  await multi('survey', new SurveyCheck(ctx));
  const survey = tables.get('survey');
  const allCustomers = survey ? withAllCustomersSegment(survey, tables.get('segments')) : null;
  if (allCustomers) tables.set('segments', allCustomers);
  // Pages show segments by label: without segments.csv, each survey segment is its own label.
  else if (survey && !tables.has('segments')) tables.set('segments', segmentsFromSurvey(survey));
  const servqual = new ServqualCheck(ctx, ctx.servqualItems ?? []);
  await multi('servqual', servqual);
  if (ofKind('servqual').length > 0) ctx.servqualPairs = servqual.pairs;
  await multi('servqual_provider', new ServqualProviderCheck(ctx));
  await checkSingle('servqual_opinions', (f) => checkServqualOpinions(f, ctx));
  if (ofKind('servqual').length > 0) {
    // A team that measures only gap 5 still gets the gap page: the provider side is empty, not absent.
    if (!tables.has('servqual_provider')) tables.set('servqual_provider', new ServqualProviderCheck(ctx).table());
    if (!tables.has('servqual_opinions')) tables.set('servqual_opinions', emptyServqualOpinions(ctx));
  }
  await multi('metrics', new MetricsCheck(ctx));

  // Reports in table order, then file name, the order a reader of the report expects.
  const files = TABLE_ORDER.flatMap((k) => ofKind(k).map((f) => reports.get(f.rel))).filter((r): r is FileReport => r !== undefined);
  const orderedTables = TABLE_ORDER.map((k) => tables.get(k)).filter((t): t is CheckedTable => t !== undefined);
  const ok = files.every((f) => f.errorCount === 0) && issues.every((i) => i.severity !== 'error');
  return { ok, dataDir: dir, tables: orderedTables, files, issues };
}
