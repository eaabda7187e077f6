/**
 * Data folders shaped unlike the sample: each variant copies a generated sample folder and drops or
 * varies one thing the contract allows to differ (an optional column, a file kind, the number of
 * banks, quarters or stages, the period grain, the ids). Pages must hold for all of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

type Row = Record<string, string>;

interface Csv {
  fields: string[];
  rows: Row[];
}

function readCsv(file: string): Csv {
  const parsed = Papa.parse<Row>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

function writeCsv(file: string, csv: Csv): void {
  fs.writeFileSync(file, Papa.unparse({ fields: csv.fields, data: csv.rows.map((r) => csv.fields.map((f) => r[f] ?? '')) }, { newline: '\n' }) + '\n');
}

/** A data folder being reshaped: every CSV of a kind (a file or a folder of files) edited in place. */
class Folder {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  files(kind: string): string[] {
    const p = path.join(this.dir, kind);
    if (fs.existsSync(`${p}.csv`)) return [`${p}.csv`];
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return fs.readdirSync(p).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(p, f));
    return [];
  }

  edit(kind: string, change: (csv: Csv, file: string) => Csv | null): void {
    for (const file of this.files(kind)) {
      const next = change(readCsv(file), file);
      if (next === null || next.rows.length === 0) fs.rmSync(file);
      else writeCsv(file, next);
    }
  }

  dropColumns(kind: string, keep: (field: string) => boolean): void {
    this.edit(kind, (csv) => ({ fields: csv.fields.filter(keep), rows: csv.rows }));
  }

  filterRows(kind: string, keep: (row: Row) => boolean): void {
    this.edit(kind, (csv) => ({ fields: csv.fields, rows: csv.rows.filter(keep) }));
  }

  mapRows(kind: string, change: (row: Row) => Row): void {
    this.edit(kind, (csv) => ({ fields: csv.fields, rows: csv.rows.map(change) }));
  }

  remove(kind: string): void {
    fs.rmSync(path.join(this.dir, `${kind}.csv`), { force: true });
    fs.rmSync(path.join(this.dir, kind), { recursive: true, force: true });
  }
}

const KINDS_WITH_BANK = ['survey', 'servqual', 'servqual_provider', 'servqual_opinions', 'metrics'];
const KINDS_WITH_QUARTER = ['survey', 'servqual', 'servqual_provider', 'servqual_opinions'];

function latestQuarter(folder: Folder): string {
  const quarters = folder.files('survey').map((f) => path.basename(f, '.csv').slice(0, 6));
  return quarters.sort().at(-1)!;
}

/** Each variant: its name, what it changes (for test titles), and the change. */
export const SHAPE_VARIANTS: { name: string; what: string; apply: (folder: Folder) => void }[] = [
  {
    name: 'no-segment',
    what: 'the survey has no segment column and there is no segments.csv',
    apply: (f) => {
      f.dropColumns('survey', (c) => c !== 'segment');
      f.remove('segments');
    },
  },
  { name: 'no-weight', what: 'the survey has no weight column', apply: (f) => f.dropColumns('survey', (c) => c !== 'weight') },
  {
    name: 'one-bank',
    what: 'one bank only',
    apply: (f) => {
      f.filterRows('banks', (r) => r.bank_id === 'pingan');
      for (const kind of KINDS_WITH_BANK) f.filterRows(kind, (r) => r.bank === 'pingan');
      f.filterRows('targets', (r) => r.bank === '*' || r.bank === 'pingan');
    },
  },
  {
    name: 'one-quarter',
    what: 'one quarter of survey and SERVQUAL data, one period of each metric',
    apply: (f) => {
      const last = latestQuarter(f);
      for (const kind of KINDS_WITH_QUARTER) f.filterRows(kind, (r) => r.quarter === last);
      f.edit('metrics', (csv) => {
        const latest = csv.rows.map((r) => r.period!).sort().at(-1);
        return { fields: csv.fields, rows: csv.rows.filter((r) => r.period === latest) };
      });
    },
  },
  {
    name: 'monthly-metrics',
    what: 'operating metrics reported monthly (YYYY-MM) instead of by quarter or year',
    apply: (f) =>
      f.edit('metrics', (csv) => ({
        fields: csv.fields,
        rows: csv.rows.flatMap((r) => {
          const q = /^(\d{4})Q([1-4])$/.exec(r.period!);
          const months = q ? [0, 1, 2].map((k) => `${q[1]}-${String((Number(q[2]) - 1) * 3 + k + 1).padStart(2, '0')}`) : /^\d{4}$/.test(r.period!) ? [`${r.period}-12`] : [r.period!];
          return months.map((period) => ({ ...r, period }));
        }),
      })),
  },
  {
    name: 'two-stages',
    what: 'two journey stages only',
    apply: (f) => {
      const stages = readCsv(f.files('stages')[0]!).rows.map((r) => r.stage_id!);
      const kept = new Set(stages.slice(0, 2));
      f.filterRows('stages', (r) => kept.has(r.stage_id!));
      f.dropColumns('survey', (c) => !c.startsWith('emo_') || kept.has(c.slice(4)));
      f.mapRows('attributes', (r) => ({ ...r, stage_id: kept.has(r.stage_id!) ? r.stage_id! : '' }));
    },
  },
  { name: 'no-nps', what: 'the survey asks no likelihood to recommend (nps)', apply: (f) => f.dropColumns('survey', (c) => c !== 'nps') },
  {
    name: 'no-csat-ces',
    what: 'the survey asks neither CSAT nor CES',
    apply: (f) => f.dropColumns('survey', (c) => c !== 'csat' && c !== 'ces'),
  },
  { name: 'no-emotions', what: 'the survey asks no emotion at any journey stage (no emo_ columns)', apply: (f) => f.dropColumns('survey', (c) => !c.startsWith('emo_')) },
  { name: 'no-comments', what: 'the survey has no comment column', apply: (f) => f.dropColumns('survey', (c) => c !== 'comment') },
  {
    name: 'no-metrics',
    what: 'no operating metrics (no metrics/ and no metric_defs.csv)',
    apply: (f) => {
      f.remove('metrics');
      f.remove('metric_defs');
      // Targets of operating metrics need metric_defs.csv; the survey's keep theirs.
      f.filterRows('targets', (r) => ['nps', 'csat', 'ces', 'overall'].includes(r.metric!.toLowerCase()));
    },
  },
  {
    name: 'no-channels',
    what: 'no channels.csv (nor tasks.csv and pref_ columns): the served channel is a free category without labels',
    apply: (f) => {
      f.remove('channels');
      f.remove('tasks');
      f.dropColumns('survey', (c) => !c.startsWith('pref_'));
    },
  },
  {
    name: 'one-language-units',
    what: 'metric_defs.csv gives each unit once, in `unit` (no unit_zh/unit_en)',
    apply: (f) =>
      f.edit('metric_defs', (csv) => ({
        fields: [...csv.fields.filter((c) => c !== 'unit_zh' && c !== 'unit_en'), 'unit'],
        rows: csv.rows.map((r) => ({ ...r, unit: r.unit_en ?? '' })),
      })),
  },
  {
    name: 'no-servqual',
    what: 'no SERVQUAL study (no servqual/, servqual_provider/, servqual_items.csv or servqual_opinions.csv)',
    apply: (f) => {
      for (const kind of ['servqual', 'servqual_provider', 'servqual_items', 'servqual_opinions']) f.remove(kind);
    },
  },
  {
    name: 'no-stages',
    what: 'no journey stages (no stages.csv, no emo_ columns, attributes without stage_id)',
    apply: (f) => {
      f.remove('stages');
      f.dropColumns('survey', (c) => !c.startsWith('emo_'));
      f.dropColumns('attributes', (c) => c !== 'stage_id');
    },
  },
  { name: 'no-managers', what: 'SERVQUAL without manager questionnaires', apply: (f) => f.filterRows('servqual', (r) => r.role !== 'manager') },
  { name: 'no-moments', what: 'stages.csv marks no moment of truth', apply: (f) => f.mapRows('stages', (r) => ({ ...r, moment_of_truth: 'false' })) },
  { name: 'no-attribute-stage', what: 'attributes.csv has no stage_id column', apply: (f) => f.dropColumns('attributes', (c) => c !== 'stage_id') },
  {
    name: 'other-ids',
    what: 'other bank ids than the sample’s',
    apply: (f) => {
      const rename: Row = { cmb: 'north', pingan: 'south-2', icbc: 'b3' };
      const to = (id: string) => rename[id] ?? id;
      f.mapRows('banks', (r) => ({ ...r, bank_id: to(r.bank_id!) }));
      for (const kind of KINDS_WITH_BANK) f.mapRows(kind, (r) => ({ ...r, bank: to(r.bank!) }));
      f.mapRows('targets', (r) => ({ ...r, bank: to(r.bank!) }));
    },
  },
  { name: 'no-targets', what: 'no targets.csv: no target is drawn or read anywhere', apply: (f) => f.remove('targets') },
  {
    name: 'targets-one-bank',
    what: 'targets for one bank only, over ranges of quarters and of months, without labels',
    apply: (f) =>
      f.edit('targets', (csv) => ({
        fields: ['metric', 'bank', 'period', 'value'],
        rows: [
          { metric: 'NPS', bank: 'icbc', period: '2020Q1–2030Q4', value: '25' },
          { metric: 'complaints_per_10k', bank: 'icbc', period: '2020-01..2030-12', value: '1.2' },
        ].filter(() => csv.rows.length > 0),
      })),
  },
];

/** Copies `base` (a sample data folder) into `out` and applies the variants, in order, to the copy. */
export function makeShape(base: string, out: string, ...variants: string[]): string {
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(base, out, { recursive: true });
  for (const name of variants) {
    const v = SHAPE_VARIANTS.find((s) => s.name === name);
    if (!v) throw new Error(`unknown shape variant ${name}`);
    v.apply(new Folder(out));
  }
  return out;
}
