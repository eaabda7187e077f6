/**
 * The sample data set: reference tables (banks, stages, attributes, tasks, channels, comment
 * themes), one survey, one SERVQUAL questionnaire and one SERVQUAL
 * provider file per quarter, gap-coded opinions, operating metrics, targets and a SAMPLE.md note, all from
 * one seed. The same options give byte-identical files.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import type { BankId } from './catalog.ts';
import { ATTRIBUTES, BANKS, CHANNEL_INFO, SEGMENT_INFO, STAGES, TASKS, THEMES } from './catalog.ts';
import { METRIC_COLUMNS, METRIC_DEFS, METRIC_DEF_COLUMNS, metricDefRows, metricRows } from './metrics.ts';
import { OPINION_COLUMNS, opinionRows } from './opinions.ts';
import { quarterRange } from './periods.ts';
import { PROVIDER_COLUMNS, providerRows } from './provider.ts';
import { SERVQUAL_COLUMNS, servqualRows } from './servqual.ts';
import { SURVEY_COLUMNS, surveyRows } from './survey.ts';
import { TARGET_COLUMNS, targetRows } from './targets.ts';
import type { FileSummary } from './write.ts';
import { openCsv, writeCsv } from './write.ts';
import { renderSampleNote, SAMPLE_MARKER } from './note.ts';

export interface SampleOptions {
  outDir: string;
  seed: number;
  /** Survey respondents per bank and quarter. */
  respondents: number;
  /** When set, overrides `respondents`: this many in all, spread evenly over banks × quarters. */
  totalRespondents: number | null;
  quarters: number;
  endQuarter: string;
  /** SERVQUAL questionnaires per bank and quarter. */
  servqualCustomers: number;
  servqualManagers: number;
}

export const DEFAULT_OPTIONS: SampleOptions = {
  outDir: 'data',
  seed: 20260930,
  respondents: 2000,
  totalRespondents: null,
  quarters: 8,
  endQuarter: '2026Q3',
  servqualCustomers: 300,
  servqualManagers: 30,
};

export interface SampleResult {
  options: SampleOptions;
  quarters: string[];
  files: FileSummary[];
  /** Respondents actually generated per bank and quarter, `${quarter}/${bank}` → n. */
  cellSizes: Map<string, number>;
  /** Leftover CSVs from an earlier run that were removed, or (outside a sample folder) kept and warned about. */
  removed: string[];
  warnings: string[];
}

/** Splits a total over the cells as evenly as possible; earlier cells take the remainder. */
export function spreadEvenly(total: number, cells: number): number[] {
  const base = Math.floor(total / cells);
  const extra = total - base * cells;
  return Array.from({ length: cells }, (_, i) => base + (i < extra ? 1 : 0));
}

function validate(o: SampleOptions): void {
  const positiveInt = (name: string, v: number, min = 1) => {
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  positiveInt('seed', o.seed, 0);
  positiveInt('respondents', o.respondents);
  if (o.totalRespondents !== null) positiveInt('total respondents', o.totalRespondents);
  positiveInt('quarters', o.quarters);
  positiveInt('SERVQUAL customers', o.servqualCustomers, 0);
  positiveInt('SERVQUAL managers', o.servqualManagers, 0);
}

export function generateSampleData(partial: Partial<SampleOptions> = {}): SampleResult {
  const options: SampleOptions = { ...DEFAULT_OPTIONS, ...partial };
  validate(options);
  const { outDir, seed } = options;
  const quarters = quarterRange(options.endQuarter, options.quarters);
  mkdirSync(outDir, { recursive: true });
  const files: FileSummary[] = [];

  files.push(
    writeCsv(
      outDir,
      'banks.csv',
      ['bank_id', 'name_zh', 'name_en', 'color', 'peer_group'],
      BANKS.map((b) => [b.bank_id, b.name_zh, b.name_en, b.color, b.peer_group]),
    ),
  );
  files.push(
    writeCsv(
      outDir,
      'stages.csv',
      ['stage_id', 'order', 'label_zh', 'label_en', 'moment_of_truth'],
      STAGES.map((s) => [s.stage_id, s.order, s.label_zh, s.label_en, s.moment_of_truth ? 'true' : 'false']),
    ),
  );
  files.push(
    writeCsv(
      outDir,
      'attributes.csv',
      ['attribute_id', 'label_zh', 'label_en', 'stage_id', 'dimension', 'scale_min', 'scale_max', 'na_codes'],
      ATTRIBUTES.map((a) => [
        a.attribute_id,
        a.label_zh,
        a.label_en,
        a.stage_id,
        a.dimension,
        a.scale_min,
        a.scale_max,
        a.na_codes.length ? a.na_codes.join(';') : null,
      ]),
    ),
  );

  files.push(writeCsv(outDir, 'tasks.csv', ['task_id', 'label_zh', 'label_en', 'order'], TASKS.map((t) => [t.task_id, t.label_zh, t.label_en, t.order])));
  files.push(
    writeCsv(outDir, 'segments.csv', ['segment_id', 'label_zh', 'label_en', 'order'], SEGMENT_INFO.map((s) => [s.segment_id, s.label_zh, s.label_en, s.order])),
  );
  files.push(
    writeCsv(outDir, 'channels.csv', ['channel_id', 'label_zh', 'label_en', 'order'], CHANNEL_INFO.map((c) => [c.channel_id, c.label_zh, c.label_en, c.order])),
  );
  files.push(
    writeCsv(
      outDir,
      'themes.csv',
      ['theme_id', 'label_zh', 'label_en', 'keywords_zh', 'keywords_en'],
      THEMES.map((t) => [t.theme_id, t.label_zh, t.label_en, t.keywords_zh.join(';'), t.keywords_en.join(';')]),
    ),
  );

  const cells = quarters.flatMap((q) => BANKS.map((b) => `${q}/${b.bank_id}`));
  const sizes =
    options.totalRespondents !== null
      ? spreadEvenly(options.totalRespondents, cells.length)
      : cells.map(() => options.respondents);
  const cellSizes = new Map(cells.map((c, i) => [c, sizes[i]!]));

  for (const quarter of quarters) {
    const w = openCsv(outDir, `survey/${quarter}.csv`, SURVEY_COLUMNS);
    for (const b of BANKS) {
      const count = cellSizes.get(`${quarter}/${b.bank_id}`)!;
      // One comment with markup in the last quarter, at the first bank: pages must show it as text.
      const hostileComment = quarter === quarters[quarters.length - 1] && b === BANKS[0];
      for (const row of surveyRows({ seed, bank: b.bank_id as BankId, quarter, count, hostileComment })) w.write(row);
    }
    files.push(w.close());
  }

  if (options.servqualCustomers + options.servqualManagers > 0) {
    for (const quarter of quarters) {
      const w = openCsv(outDir, `servqual/${quarter}.csv`, SERVQUAL_COLUMNS);
      for (const b of BANKS) {
        const rows = servqualRows({
          seed,
          bank: b.bank_id as BankId,
          quarter,
          customers: options.servqualCustomers,
          managers: options.servqualManagers,
        });
        for (const row of rows) w.write(row);
      }
      files.push(w.close());
    }
    // The provider's measures are read against the questionnaires, so they come with them.
    for (const quarter of quarters) {
      const w = openCsv(outDir, `servqual_provider/${quarter}.csv`, PROVIDER_COLUMNS);
      for (const b of BANKS) for (const row of providerRows({ seed, bank: b.bank_id as BankId, quarter })) w.write(row);
      files.push(w.close());
    }
    files.push(writeCsv(outDir, 'servqual_opinions.csv', OPINION_COLUMNS, opinionRows({ seed, quarters })));
  }

  files.push(writeCsv(outDir, 'metric_defs.csv', METRIC_DEF_COLUMNS, metricDefRows()));
  for (const def of METRIC_DEFS) {
    files.push(writeCsv(outDir, `metrics/${def.metric_id}.csv`, METRIC_COLUMNS, metricRows(def, { seed, quarters })));
  }
  files.push(writeCsv(outDir, 'targets.csv', TARGET_COLUMNS, targetRows(quarters)));

  const { removed, warnings } = tidyStaleFiles(outDir, files);

  const note = renderSampleNote(options, quarters, files);
  writeFileSync(`${outDir}/SAMPLE.md`, note);
  files.push({ file: 'SAMPLE.md', rows: 0, bytes: Buffer.byteLength(note) });

  return { options, quarters, files, cellSizes, removed, warnings };
}

/**
 * CSVs left in survey/, servqual/, servqual_provider/ or metrics/ by an earlier run (e.g. with
 * more quarters) would be unioned into the site, and a stale servqual_opinions.csv read with it. They are removed only when the folder is already a generated sample
 * (its SAMPLE.md carries the marker); in any other folder they may be a team's real exports, so
 * they are kept and reported.
 */
function tidyStaleFiles(outDir: string, written: readonly FileSummary[]): { removed: string[]; warnings: string[] } {
  const keep = new Set(written.map((f) => f.file));
  const notePath = `${outDir}/SAMPLE.md`;
  const isSample = existsSync(notePath) && readFileSync(notePath, 'utf8').includes(SAMPLE_MARKER);
  const removed: string[] = [];
  const warnings: string[] = [];
  for (const dir of ['survey', 'servqual', 'servqual_provider', 'metrics']) {
    if (!existsSync(`${outDir}/${dir}`)) continue;
    for (const name of readdirSync(`${outDir}/${dir}`).sort()) {
      const rel = `${dir}/${name}`;
      if (!name.toLowerCase().endsWith('.csv') || keep.has(rel)) continue;
      if (isSample) {
        rmSync(`${outDir}/${rel}`);
        removed.push(rel);
      } else {
        warnings.push(`${rel} was not written by this run and will be read with the sample data; remove it if it is stale`);
      }
    }
  }
  // Generated single files that only some runs write (no SERVQUAL customers or managers, no opinions).
  for (const rel of ['servqual_opinions.csv']) {
    if (keep.has(rel) || !existsSync(`${outDir}/${rel}`)) continue;
    if (isSample) {
      rmSync(`${outDir}/${rel}`);
      removed.push(rel);
    } else {
      warnings.push(`${rel} was not written by this run and will be read with the sample data; remove it if it is stale`);
    }
  }
  return { removed, warnings };
}
