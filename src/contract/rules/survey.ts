/**
 * survey/*.csv: one respondent per row, one file per wave; the files are unioned into one wide
 * `survey` table whose columns follow attributes.csv, stages.csv and tasks.csv (every attribute,
 * stage and task has its columns, null where a file lacks them), so the table's shape never
 * depends on which files there are or their order.
 */
import { CellError, exactText, isMissingMarker, number, optionalText, quarter, quarterFromFileName, reference, requiredText, slug, tidy, type CellParser } from '../cells.ts';
import { buildTable, failFile, settle, sheetOf, type DataContext, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact, rejectRow, type ColumnResolution, type ColumnSpec, type Sheet } from '../sheet.ts';
import type { CellValue, CheckedTable, TableColumn } from '../types.ts';
import { FirstOccurrences } from './common.ts';
import { stageOrder } from './stages.ts';
import type { FileKind } from '../kind.ts';
import { segmentsFromSurvey, withAllCustomersSegment } from './segments.ts';

const FIXED_HEAD = ['respondent_id', 'quarter', 'bank', 'segment', 'channel', 'weight', 'overall', 'nps', 'csat', 'ces'] as const;
/** The three experience-quality levels (needs met, ease, enjoyment), each on a 1–5 agreement scale. */
export const LEVELS = ['lvl_needs', 'lvl_ease', 'lvl_enjoy'] as const;
const PLAIN = new Set<string>([...FIXED_HEAD, ...LEVELS, 'comment']);

export const isSurveyColumn = (name: string): boolean =>
  PLAIN.has(name) || name.startsWith('perf_') || name.startsWith('imp_') || name.startsWith('emo_') || name.startsWith('pref_') || name.startsWith('lvl_');

/** An id of a labelled list (channels.csv, segments.csv), or missing: `channel` and every `pref_` column, `segment`. */
function listRef(what: string, file: string, ids: readonly string[]): CellParser {
  const known = new Set(ids);
  const list = ids.join(', ');
  return (raw) => {
    const t = tidy(raw);
    if (isMissingMarker(t)) return null;
    if (known.has(t)) return t;
    const lower = t.toLowerCase();
    const hint = known.has(lower) ? ` (ids are case-sensitive: did you mean ${lower}?)` : '';
    return new CellError(`${what} ${showValue(t)} is not in ${file} (${list})${hint}`);
  };
}

/** Survey-wide metrics: answer scale, and how the column is named in range messages (a Map: header names are data). The one list of their scales. */
export const SURVEY_METRICS = new Map<string, { min: number; max: number; note: string }>([
  ['overall', { min: 1, max: 10, note: 'overall satisfaction scale' }],
  ['nps', { min: 0, max: 10, note: 'likelihood-to-recommend scale' }],
  ['csat', { min: 1, max: 5, note: 'CSAT scale' }],
  ['ces', { min: 1, max: 7, note: 'customer effort scale' }],
]);

interface Seen {
  perf: Set<string>;
  imp: Set<string>;
  emo: Set<string>;
  pref: Set<string>;
}

/** What one file's header said that is reported once for the file, after the header is read. */
interface HeaderNotes {
  /** The first pref_ column, when channels.csv is absent to check its values. */
  prefWithoutChannels: string | null;
}

function resolverFor(file: LoadedFile, ctx: DataContext, fileQuarter: string | null, seen: Seen, notes: HeaderNotes): (name: string) => ColumnResolution {
  const style = file.style;
  const spec = (name: string, type: ColumnSpec['type'], parse: CellParser): ColumnSpec => ({ name, type, parse });
  const bankParse: CellParser = ctx.banks ? reference('bank', ctx.banks, 'banks.csv', ctx.bankNames ?? undefined) : slug('bank');
  // Without channels.csv the served channel stays a free category; preferred channels cannot be checked.
  const channelParse: CellParser = ctx.channels ? listRef('channel', 'channels.csv', ctx.channels) : optionalText;
  const segmentParse: CellParser | null = ctx.segments ? listRef('segment', 'segments.csv', ctx.segments) : null;
  const tasks = ctx.tasks ? new Set(ctx.tasks) : null;
  return (name) => {
    switch (name) {
      case 'respondent_id':
        return spec(name, 'VARCHAR', requiredText('respondent_id'));
      case 'quarter':
        return spec(name, 'VARCHAR', quarter(fileQuarter));
      case 'bank':
        return spec(name, 'VARCHAR', bankParse);
      case 'segment':
        return spec(name, 'VARCHAR', segmentParse ?? optionalText);
      case 'channel':
        return spec(name, 'VARCHAR', channelParse);
      case 'weight':
        return spec(name, 'DOUBLE', number({ what: 'weight', min: 0, exclusiveMin: true, missing: 1 }, style));
      case 'comment':
        return spec(name, 'VARCHAR', exactText);
    }
    const m = SURVEY_METRICS.get(name);
    if (m) return spec(name, 'DOUBLE', number({ what: name, min: m.min, max: m.max, rangeNote: m.note, missing: 'null' }, style));

    const isPerf = name.startsWith('perf_');
    if (isPerf || name.startsWith('imp_')) {
      const id = name.slice(isPerf ? 5 : 4);
      if (!ctx.attributes) return { error: `${name} needs attributes.csv, which is missing` };
      const a = ctx.attributes.get(id);
      if (!a) {
        return { error: `${id === '' ? 'the attribute id is empty' : `attribute ${id} is not defined in attributes.csv`} (${isPerf ? 'perf_' : 'imp_'} columns must end with an attribute_id)` };
      }
      if (a.min === null || a.max === null) {
        return { error: `attribute ${id} has no valid scale_min/scale_max in attributes.csv, so its ratings cannot be checked` };
      }
      (isPerf ? seen.perf : seen.imp).add(id);
      return spec(
        name,
        'DOUBLE',
        number({ what: name, min: a.min, max: a.max, rangeNote: `attribute ${id}'s scale`, missing: 'null', naNumbers: a.naNumbers, naStrings: a.naStrings }, style),
      );
    }
    if (name.startsWith('emo_')) {
      const id = name.slice(4);
      if (!ctx.stages) return { error: `${name} needs stages.csv, which is missing` };
      if (!ctx.stages.has(id)) {
        return { error: `${id === '' ? 'the stage id is empty' : `stage ${id} is not defined in stages.csv`} (emo_ columns must end with a stage_id)` };
      }
      seen.emo.add(id);
      return spec(name, 'DOUBLE', number({ what: name, min: -3, max: 3, rangeNote: 'emotion scale', missing: 'null' }, style));
    }
    if (name.startsWith('lvl_')) {
      if (!(LEVELS as readonly string[]).includes(name)) {
        return { error: `${name} is not an experience-quality level: the lvl_ columns are ${LEVELS.join(', ')}` };
      }
      return spec(name, 'DOUBLE', number({ what: name, min: 1, max: 5, rangeNote: 'experience-quality agreement scale', missing: 'null' }, style));
    }
    if (name.startsWith('pref_')) {
      const id = name.slice(5);
      if (!tasks) return { error: `${name} needs tasks.csv, which is missing` };
      if (!tasks.has(id)) {
        return { error: `${id === '' ? 'the task id is empty' : `task ${id} is not defined in tasks.csv`} (pref_ columns must end with a task_id)` };
      }
      seen.pref.add(id);
      if (!ctx.channels) notes.prefWithoutChannels ??= name;
      return spec(name, 'VARCHAR', channelParse);
    }
    return null;
  };
}

/** The survey's contract columns for this data folder (what a misspelt header is compared with). */
function surveyColumns(ctx: DataContext): string[] {
  const attributes = ctx.attributes ? [...ctx.attributes.keys()] : [];
  return [
    ...FIXED_HEAD,
    ...LEVELS,
    'comment',
    ...attributes.flatMap((a) => [`perf_${a}`, `imp_${a}`]),
    ...(ctx.stages ? [...ctx.stages.keys()].map((s) => `emo_${s}`) : []),
    ...(ctx.tasks ?? []).map((t) => `pref_${t}`),
  ];
}

function checkDuplicates(sheet: Sheet, file: LoadedFile, quarters: CellValue[], seen: FirstOccurrences): void {
  const ids = sheet.values.get('respondent_id');
  const banks = sheet.values.get('bank');
  if (!ids || !banks) return;
  for (let i = 0; i < sheet.rowCount; i++) {
    const id = ids[i];
    const bank = banks[i];
    const q = quarters[i];
    if (typeof id !== 'string' || typeof bank !== 'string' || typeof q !== 'string') continue;
    const where = seen.check(q, bank, id, file, sheet.lines[i]!);
    if (where !== null) {
      rejectRow(sheet, i, 'respondent_id', `respondent_id ${id} appears twice for bank ${bank} in ${q} (first at ${where}); respondent ids must be unique within a wave and bank`, id);
    }
  }
}

/**
 * Checks survey files one at a time (so only one file's raw records are in memory) and unions the
 * accepted rows; the table's columns are settled once every file has been seen.
 */
export class SurveyCheck {
  private readonly ctx: DataContext;
  private readonly seen: Seen = { perf: new Set(), imp: new Set(), emo: new Set(), pref: new Set() };
  private readonly firstSeen = new FirstOccurrences();
  private readonly files: LoadedFile[] = [];
  private readonly parts: { rows: number; values: Record<string, CellValue[]> }[] = [];

  constructor(ctx: DataContext) {
    this.ctx = ctx;
  }

  add(file: LoadedFile): void {
    const { ctx } = this;
    const fileQuarter = quarterFromFileName(file.name);
    const notes: HeaderNotes = { prefWithoutChannels: null };
    const sheet = sheetOf(file, {
      required: fileQuarter ? ['respondent_id', 'bank'] : ['respondent_id', 'quarter', 'bank'],
      resolve: resolverFor(file, ctx, fileQuarter, this.seen, notes),
      known: surveyColumns(ctx),
      missingHint: (name) =>
        name === 'quarter' ? 'add a quarter column (e.g. 2025Q3), or start the file name with the quarter (e.g. 2025Q3_wave.csv)' : undefined,
    });
    if (!ctx.banks) failFile(file, sheet, 'banks.csv is missing: survey files need it to check the bank column');
    if (!ctx.attributes) failFile(file, sheet, 'attributes.csv is missing: survey files need it for the rating scales of perf_ and imp_ columns');
    if (sheet && notes.prefWithoutChannels !== null) {
      // One error for the header, however many pref_ columns there are.
      const j = sheet.position.get(notes.prefWithoutChannels);
      sheet.sink.error(
        'channels.csv is missing: it is needed to check the preferred channels in the pref_ columns; add channels.csv (channel_id, label_zh, label_en) listing every channel',
        { line: 1, column: j !== undefined ? sheet.header[j]!.trim() : notes.prefWithoutChannels, ...(j !== undefined ? { columnIndex: j } : {}) },
      );
      sheet.headerFailed = true;
    }
    this.files.push(file);
    if (!sheet) {
      this.parts.push({ rows: 0, values: {} });
      return;
    }
    if (!sheet.values.has('quarter')) sheet.values.set('quarter', new Array<CellValue>(sheet.rowCount).fill(fileQuarter));
    checkDuplicates(sheet, file, sheet.values.get('quarter')!, this.firstSeen);
    settle(file, sheet);
    const values = compact(sheet, [...sheet.values.keys(), 'weight'], { weight: 1 });
    values.source_file = new Array<CellValue>(file.rowsLoaded).fill(file.rel);
    this.parts.push({ rows: file.rowsLoaded, values });
  }

  table(): CheckedTable {
    const { ctx, seen } = this;
    const attributeOrder = ctx.attributes ? [...ctx.attributes.keys()] : [];
    const stageIds = ctx.stages ? stageOrder(ctx.stages) : [];
    const taskIds = ctx.tasks ?? [];
    // The schema follows attributes.csv, stages.csv and tasks.csv, not which columns some wave happens
    // to carry: every attribute has its perf_/imp_ column, every stage its emo_ column, every task its
    // pref_ column, and the three lvl_ columns are always there (null when unasked), so pages can rely
    // on them.
    const columns: TableColumn[] = [
      ...FIXED_HEAD.map((name): TableColumn => ({ name, type: name === 'weight' || SURVEY_METRICS.has(name) ? 'DOUBLE' : 'VARCHAR' })),
      ...attributeOrder.map((a): TableColumn => ({ name: `perf_${a}`, type: 'DOUBLE' })),
      ...attributeOrder.map((a): TableColumn => ({ name: `imp_${a}`, type: 'DOUBLE' })),
      ...stageIds.map((s): TableColumn => ({ name: `emo_${s}`, type: 'DOUBLE' })),
      ...LEVELS.map((l): TableColumn => ({ name: l, type: 'DOUBLE' })),
      ...taskIds.map((t): TableColumn => ({ name: `pref_${t}`, type: 'VARCHAR' })),
      { name: 'comment', type: 'VARCHAR' },
      { name: 'source_file', type: 'VARCHAR' },
    ];
    return buildTable('survey', columns, this.files, this.parts);
  }
}

export const surveyKind: FileKind = {
  kind: 'survey',
  folder: 'survey',
  doc: 'one row per respondent: scores, ratings, emotions, channels and comments',
  after: ['stages', 'attributes', 'banks', 'tasks', 'channels', 'segments'],
  isColumn: isSurveyColumn,
  checker: (ctx) => new SurveyCheck(ctx),
  // Pages show segments by label: without segments.csv, each survey segment is its own label.
  finish(tables) {
    const survey = tables.get('survey');
    if (!survey) return;
    const allCustomers = withAllCustomersSegment(survey, tables.get('segments'));
    if (allCustomers) tables.set('segments', allCustomers);
    else if (!tables.has('segments')) tables.set('segments', segmentsFromSurvey(survey));
  },
};
