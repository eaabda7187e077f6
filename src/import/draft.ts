/**
 * `npm run map`: a draft mapping for an export. The platform is recognised from the header rows;
 * each contract column is matched to the export column it most likely comes from, by question
 * text in Chinese and English (and by the answers: a column whose answers are bank names is the
 * bank); each text answer of a rating question gets a proposed number. What cannot be told is
 * written as TODO, which the contract check refuses until a person fills it in.
 */
import { stringify } from 'yaml';
import type { CheckedTable } from '../contract/types.ts';
import { isMissingMarker } from '../contract/cells.ts';
import { labelGroupOf, labelsFrom, type Labels } from './labels.ts';
import { detectPlatform, exportColumns, FORMAT_NAMES, HEADER_ROWS, type ExportColumn, type ExportFormat } from './platforms.ts';
import { WJX_MISSING, type RawTable } from './apply.ts';
import { leadingNumber, periodOfDate } from './values.ts';

/** A contract column the draft looks for, with the words its question is likely to use. */
interface Target {
  name: string;
  required?: boolean;
  /** Phrases (lower-case) in the question's id or text; the more found, the likelier. */
  words: string[];
  /** Phrases that rule a column out (an importance question is not a performance rating). */
  not?: string[];
  /** The scale, for proposing numbers for text answers. */
  scale?: [number, number];
  kind: 'id' | 'date' | 'label' | 'number' | 'text';
}

const RATING_EXCLUDE = ['important', 'importance', '重要', 'prefer', '愿意', '偏好'];

function surveyTargets(tables: Map<string, CheckedTable>): Target[] {
  const rows = (table: string, ...cols: string[]) => {
    const t = tables.get(table);
    if (!t) return [];
    return Array.from({ length: t.rowCount }, (_, i) => cols.map((c) => String(t.values[c]?.[i] ?? '')));
  };
  const labelWords = (zh: string, en: string) => [zh.toLowerCase(), en.toLowerCase()].filter((w) => w !== '');
  const targets: Target[] = [
    { name: 'respondent_id', required: true, kind: 'id', words: ['externalreference', 'external data reference', 'custom data 1', '自定义字段', 'respondent_id', 'responseid', 'response id', 'respondent id', '序号', '编号'] },
    { name: 'quarter', required: true, kind: 'date', words: ['quarter', '季度', 'recordeddate', 'recorded date', '提交答卷时间', 'end date', 'enddate', '提交时间', 'date', '日期'] },
    { name: 'bank', required: true, kind: 'label', words: ['bank', '银行', '机构'], not: ['recommend', '推荐', 'satisf', '满意', 'needs', '需求'] },
    { name: 'segment', kind: 'label', words: ['segment', 'customer type', 'describes you', '客户类型', '哪类客户', '客户类别'] },
    { name: 'channel', kind: 'label', words: ['channel', 'contact us', '渠道'], not: RATING_EXCLUDE },
    { name: 'weight', kind: 'number', words: ['weight', '权重'] },
    { name: 'nps', kind: 'number', scale: [0, 10], words: ['recommend', '推荐', 'nps'] },
    { name: 'csat', kind: 'number', scale: [1, 5], words: ['this visit', 'satisfied were you', '本次服务', '本次满意', 'csat'] },
    { name: 'ces', kind: 'number', scale: [1, 7], words: ['easy', 'effort', '难易', '费力', 'ces'] },
    { name: 'overall', kind: 'number', scale: [1, 10], words: ['overall', '总体', '整体', 'satisf', '满意'], not: ['recommend', '推荐'] },
  ];
  for (const [id, zh, en, min, max] of rows('attributes', 'attribute_id', 'label_zh', 'label_en', 'scale_min', 'scale_max')) {
    const scale: [number, number] = [Number(min), Number(max)];
    targets.push({ name: `perf_${id}`, kind: 'number', scale, words: labelWords(zh!, en!), not: RATING_EXCLUDE });
    targets.push({ name: `imp_${id}`, kind: 'number', scale, words: labelWords(zh!, en!).map((w) => `important|${w}`) });
  }
  for (const [id, zh, en] of rows('stages', 'stage_id', 'label_zh', 'label_en')) {
    targets.push({ name: `emo_${id}`, kind: 'number', scale: [-3, 3], words: labelWords(zh!, en!).map((w) => `feel|${w}`) });
  }
  targets.push(
    { name: 'lvl_needs', kind: 'number', scale: [1, 5], words: ['needs', '需求'] },
    { name: 'lvl_ease', kind: 'number', scale: [1, 5], words: ['easy to deal', 'effortless', '轻松'] },
    { name: 'lvl_enjoy', kind: 'number', scale: [1, 5], words: ['enjoy', '愉悦', '享受'] },
  );
  for (const [id, zh, en] of rows('tasks', 'task_id', 'label_zh', 'label_en')) {
    targets.push({ name: `pref_${id}`, kind: 'label', words: labelWords(zh!, en!).map((w) => `prefer|${w}`) });
  }
  targets.push({ name: 'comment', kind: 'text', words: ['anything else', 'comment', 'tell us', '意见', '建议', '留言', '其他'] });
  return targets;
}

/** Synonyms of the markers in `prefer|transfer money`-style words: the first part must be found too. */
const MARKERS: Record<string, string[]> = {
  important: ['important', 'importance', '重要'],
  feel: ['feel', 'felt', 'emotion', '感受', '感觉', '心情'],
  prefer: ['prefer', '愿意', '偏好', '首选', '喜欢'],
};

/** Word stems of an English label, so "Transfer money" finds "transferring money". */
const stems = (s: string): string[] => s.split(/[^a-z0-9]+/).filter((w) => w.length >= 3).map((w) => w.slice(0, 5));

function phraseScore(hay: string, phrase: string): number {
  if (hay.includes(phrase)) return 2;
  const s = stems(phrase);
  if (s.length >= 2 && s.every((w) => hay.includes(w))) return 1;
  return 0;
}

function score(target: Target, column: ExportColumn): number {
  const hay = `${column.id}\n${column.text}`.toLowerCase();
  if (target.not?.some((w) => hay.includes(w))) return 0;
  let total = 0;
  let first = -1;
  for (const [k, w] of target.words.entries()) {
    const bar = w.indexOf('|');
    if (bar === -1) {
      const s = phraseScore(hay, w);
      total += s;
      if (s > 0 && first === -1) first = k;
      continue;
    }
    const marker = w.slice(0, bar);
    if (!(MARKERS[marker] ?? [marker]).some((m) => hay.includes(m))) continue;
    total += phraseScore(hay, w.slice(bar + 1));
  }
  // Ids and dates: the phrases are listed likeliest first (the reference sent with the link before
  // the platform's own response id; the recorded date before the start date).
  if ((target.kind === 'id' || target.kind === 'date') && first !== -1) total += 1 - first / target.words.length;
  return total;
}

/** 5-point answer labels, lowest first: proposed as 1–5 on a 1–5 scale. */
const FIVE_POINT = [
  ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  ['very dissatisfied', 'dissatisfied', 'neither satisfied nor dissatisfied', 'satisfied', 'very satisfied'],
  ['非常不同意', '不同意', '一般', '同意', '非常同意'],
  ['strongly disagree', 'disagree', 'neither agree nor disagree', 'agree', 'strongly agree'],
  ['很差', '差', '一般', '好', '很好'],
  ['very poor', 'poor', 'fair', 'good', 'excellent'],
  ['非常困难', '困难', '一般', '容易', '非常容易'],
  ['very difficult', 'difficult', 'neither easy nor difficult', 'easy', 'very easy'],
];

function proposeNumber(answer: string, scale: [number, number] | undefined): number | null {
  if (!scale || scale[0] !== 1 || scale[1] !== 5) return null;
  const a = answer.trim().toLowerCase();
  for (const list of FIVE_POINT) {
    const i = list.indexOf(a);
    if (i !== -1) return i + 1;
  }
  return null;
}

export interface DraftInput {
  /** The export as the user named it, for the comments. */
  display: string;
  raw: RawTable;
  /** Reference tables of the data folder (banks, attributes, …): their ids and labels. */
  references: CheckedTable[];
  /** The worksheet read, for workbooks. */
  sheet?: string;
  /** The file name starts with the quarter (2026Q4_…): the quarter column may be left out. */
  quarterInName: boolean;
}

export interface Draft {
  text: string;
  format: ExportFormat;
  todos: number;
}

const q = (s: string): string => stringify(s, { lineWidth: 0 }).trimEnd();
const qKey = (s: string): string => {
  const t = q(s);
  return t.includes('\n') ? JSON.stringify(s) : t;
};

export function draftMapping(input: DraftInput): Draft {
  const { raw } = input;
  const detected = detectPlatform(raw.rows);
  const format: ExportFormat = detected?.format ?? 'plain';
  const headerRows = HEADER_ROWS[format];
  const columns = exportColumns(raw.rows, format, headerRows);
  const data = raw.rows.slice(headerRows);
  const tables = new Map(input.references.map((t) => [t.name, t]));
  const labels: Labels = labelsFrom(input.references);
  const ids = (table: string, col: string) => (tables.get(table)?.values[col] ?? []).filter((v): v is string => typeof v === 'string');
  const idsOf: Record<string, string[]> = { bank: ids('banks', 'bank_id'), segment: ids('segments', 'segment_id'), channel: ids('channels', 'channel_id') };

  const skipped = format === 'wjx' ? WJX_MISSING : new Set<string>();
  const valuesOf = (c: ExportColumn) => data.map((r) => (r[c.index] ?? '').trim()).filter((v) => !isMissingMarker(v) && !skipped.has(v));
  const distinct = (c: ExportColumn) => [...new Set(valuesOf(c))];
  const resolves = (group: string, v: string) => idsOf[group]?.includes(v) || labels[group as keyof Labels]?.has(v.toLowerCase());
  const isDate = (c: ExportColumn) => {
    const v = valuesOf(c);
    return v.length > 0 && v.every((x) => /\d/.test(x) && periodOfDate(x, 'quarter', 'mdy').ok && !/^\d+$/.test(x));
  };

  const used = new Set<number>();
  const chosen = new Map<string, ExportColumn>();
  const targets = surveyTargets(tables);
  // The specific before the general: csat before overall, pref_ before channel, perf_ before the rest.
  const order = [...targets].sort((a, b) => rank(a) - rank(b));
  for (const t of order) {
    let best: ExportColumn | null = null;
    let bestScore = 0;
    for (const c of columns) {
      if (used.has(c.index)) continue;
      let s = score(t, c);
      const values = t.kind === 'text' || s > 0 || t.kind === 'label' ? valuesOf(c) : [];
      if (t.kind === 'date' && s > 0 && !isDate(c)) s = 0;
      if (t.kind === 'id' && s > 0 && values.length === 0) s = 0;
      if (t.kind === 'label' && !t.name.startsWith('pref_') && idsOf[t.name] && values.length > 0) {
        // Answers that are the list's ids or labels settle it, whatever the question says.
        const share = values.filter((v) => resolves(t.name, v)).length / values.length;
        if (share >= 0.5) s += 3 * share;
      }
      if (t.kind === 'number' && s > 0 && values.length > 0) {
        const numeric = values.filter((v) => leadingNumber(v) !== null).length;
        const proposed = values.filter((v) => proposeNumber(v, t.scale) !== null).length;
        if (numeric + proposed === 0 && distinct(c).length > 12) s = 0; // free text, not a rating
      }
      if (t.kind === 'text' && s > 0 && values.some((v) => leadingNumber(v) !== null && v.length < 4)) s = 0;
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    if (best) {
      chosen.set(t.name, best);
      used.add(best.index);
    }
  }

  let todos = 0;
  const todo = (why: string) => {
    todos++;
    return `TODO   # ${why}`;
  };
  const out: string[] = [];
  out.push(`# Mapping of ${input.display}, drafted by npm run map.`);
  out.push(`# ${detected ? `${FORMAT_NAMES[format]} export: ${detected.evidence}.` : 'No survey platform recognised: read as a plain table with one header row.'}`);
  out.push('# Check every line, fill in each TODO (or delete its line), then run npm run check-data.');
  out.push('# A column is named by its id or its full header text; answers matching a label of banks.csv,');
  out.push('# segments.csv or channels.csv are read as that id without a map.');
  out.push(`format: ${format}`);
  if (format === 'plain') out.push('header_rows: 1                 # rows above the first respondent');
  if (format === 'surveymonkey') out.push('date_order: mdy                # SurveyMonkey writes US dates: 10/03/2026 is 3 October');
  if (input.sheet) out.push(`sheet: ${q(input.sheet)}`);

  const constants: string[] = [];
  const body: string[] = [];
  const missing: string[] = [];
  for (const t of targets) {
    const c = chosen.get(t.name);
    if (!c) {
      if (t.name === 'bank') constants.push(`  bank: ${todo(`no bank column found: the bank every row is about, one of ${idsOf.bank!.join(', ') || '(banks.csv is missing)'}`)}`);
      else if (t.name === 'quarter' && !input.quarterInName) body.push(`  quarter: ${todo('no date column found: { from: <date column>, as: quarter }, or start the file name with the quarter (2026Q4_…)')}`);
      else if (t.name === 'respondent_id') body.push(`  respondent_id: ${todo('no respondent id column found')}`);
      else if (t.name !== 'quarter') missing.push(t.name);
      continue;
    }
    const name = qKey(c.id);
    const shown = c.text !== c.id ? `   # ${c.text.replace(/\s+/g, ' ').slice(0, 80)}` : '';
    if (t.kind === 'date') {
      body.push(`  ${t.name}: { from: ${flow(c.id)}, as: quarter }${shown}`);
      continue;
    }
    const answers = distinct(c);
    const map: string[] = [];
    if (t.kind === 'number') {
      // Every label of a recognised scale, not only those this quarter's answers happen to use.
      const texts = answers.filter((a) => leadingNumber(a) === null);
      const hits = (list: string[]) => texts.filter((a) => list.includes(a.toLowerCase())).length;
      const scale = [...FIVE_POINT].sort((x, y) => hits(y) - hits(x))[0]!;
      const all = [...new Map([...texts, ...(hits(scale) > 0 && t.scale?.[0] === 1 && t.scale[1] === 5 ? scale : [])].reverse().map((a) => [a.toLowerCase(), a])).values()].reverse();
      const entries = all.map((a) => ({ a, n: proposeNumber(a, t.scale) })).sort((x, y) => (y.n ?? 99) - (x.n ?? 99));
      for (const { a, n } of entries) map.push(`      ${qKey(a)}: ${n !== null ? n : todo(`a number on ${t.scale ? `${t.scale[0]}–${t.scale[1]}` : 'the scale'}`)}`);
    } else if (t.kind === 'label') {
      const group = labelGroupOf(t.name) ?? t.name;
      const list = idsOf[group] ?? [];
      for (const a of answers) {
        if (resolves(group, a)) continue;
        map.push(`      ${qKey(a)}: ${todo(`one of ${list.join(', ')}`)}`);
      }
    }
    if (map.length === 0) body.push(`  ${t.name}: ${name}${shown}`);
    else body.push(`  ${t.name}:${shown}`, `    from: ${name}`, '    map:', ...map);
  }
  if (constants.length > 0) out.push('constants:', ...constants);
  out.push('columns:', ...body);
  if (missing.length > 0) {
    out.push('# Contract columns not found in the export (add any it has, as above):');
    for (let i = 0; i < missing.length; i += 8) out.push(`#   ${missing.slice(i, i + 8).join(', ')}`);
  }
  const unused = columns.filter((c) => !used.has(c.index) && c.id !== '');
  if (unused.length > 0) {
    out.push('# Export columns not mapped:');
    for (const c of unused) out.push(`#   ${c.id}${c.text !== c.id ? ` (${c.text.replace(/\s+/g, ' ').slice(0, 60)})` : ''}`);
  }
  return { text: out.join('\n') + '\n', format, todos };
}

/** A column name inside a flow map `{ from: …, as: quarter }`. */
function flow(s: string): string {
  return /^[^,{}[\]:#&*!|>'"%@`\s][^,{}[\]#]*$/.test(s) && !s.includes(': ') ? s : JSON.stringify(s);
}

function rank(t: Target): number {
  if (t.kind === 'id' || t.kind === 'date') return 0;
  if (t.name.startsWith('pref_') || t.name.startsWith('imp_') || t.name.startsWith('emo_')) return 1;
  if (t.name.startsWith('perf_')) return 2;
  if (['nps', 'csat', 'ces', 'lvl_needs', 'lvl_ease', 'lvl_enjoy'].includes(t.name)) return 3;
  if (t.name === 'comment') return 5;
  return 4;
}
