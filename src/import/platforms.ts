/**
 * Survey-platform exports: which platform a file comes from, judged from its first rows, and what
 * its columns are called. Qualtrics writes three header rows (question ids, question texts, and a
 * row of `{"ImportId":…}`), 问卷星 (wjx) one header whose first columns are 序号 and 提交答卷时间,
 * SurveyMonkey two (question texts spanning their sub-columns, then "Response" or the sub-item).
 */

export const FORMATS = ['qualtrics', 'wjx', 'surveymonkey', 'plain'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** Header rows above the data, per format (plain: the one header row of a contract file). */
export const HEADER_ROWS: Record<ExportFormat, number> = { qualtrics: 3, wjx: 1, surveymonkey: 2, plain: 1 };

export const FORMAT_NAMES: Record<ExportFormat, string> = { qualtrics: 'Qualtrics', wjx: '问卷星 (wjx)', surveymonkey: 'SurveyMonkey', plain: 'plain table' };

export interface Detected {
  format: Exclude<ExportFormat, 'plain'>;
  /** What gave it away, for messages. */
  evidence: string;
}

const cell = (rows: readonly (readonly string[])[], r: number, j: number): string => (rows[r]?.[j] ?? '').trim();

/** The platform a file's first rows look like, or null for anything else (a contract file, say). */
export function detectPlatform(rows: readonly (readonly string[])[]): Detected | null {
  const first = (rows[0] ?? []).map((h) => h.trim());
  const third = rows[2] ?? [];
  const importIds = third.filter((c) => c.trim().startsWith('{"ImportId"')).length;
  if (importIds > 0 && importIds >= third.filter((c) => c.trim() !== '').length / 2) {
    return { format: 'qualtrics', evidence: `its third row holds Qualtrics' {"ImportId":…} column ids` };
  }
  if (first.includes('序号') && first.includes('提交答卷时间')) {
    return { format: 'wjx', evidence: 'its header starts with 问卷星’s 序号 and 提交答卷时间 columns' };
  }
  const second = (rows[1] ?? []).map((h) => h.trim());
  if (first.includes('Respondent ID') && (second.includes('Response') || second.includes('Open-Ended Response'))) {
    return { format: 'surveymonkey', evidence: 'it has SurveyMonkey’s two header rows (Respondent ID, then "Response" under each question)' };
  }
  return null;
}

export interface ExportColumn {
  /** 0-based position in the export. */
  index: number;
  /** How the mapping names it: the question id (Qualtrics Q7_1), else the header as written. */
  id: string;
  /** The question's text, as long as the platform gives it (for guessing and for messages). */
  text: string;
}

const SM_PLAIN = new Set(['', 'Response', 'Open-Ended Response']);

/** The export's columns, read from its header rows. */
export function exportColumns(rows: readonly (readonly string[])[], format: ExportFormat, headerRows: number): ExportColumn[] {
  const width = Math.max(0, ...rows.slice(0, headerRows).map((r) => r.length));
  const out: ExportColumn[] = [];
  let question = '';
  for (let j = 0; j < width; j++) {
    const top = cell(rows, 0, j);
    if (format === 'surveymonkey') {
      if (top !== '') question = top;
      const sub = cell(rows, 1, j);
      const id = SM_PLAIN.has(sub) ? question : `${question} / ${sub}`;
      out.push({ index: j, id, text: id });
    } else if (format === 'qualtrics' || (format === 'plain' && headerRows >= 2)) {
      out.push({ index: j, id: top, text: cell(rows, 1, j) || top });
    } else {
      out.push({ index: j, id: top, text: top });
    }
  }
  return out;
}

export type ColumnMatch = { ok: true; column: ExportColumn } | { ok: false; message: string };

const squash = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The export column a mapping names: by id, else by its full text; ignoring case and runs of spaces. */
export function findColumn(columns: readonly ExportColumn[], ref: string): ColumnMatch {
  const want = squash(ref);
  for (const key of ['id', 'text'] as const) {
    const hits = columns.filter((c) => squash(c[key]) === want);
    if (hits.length === 1) return { ok: true, column: hits[0]! };
    if (hits.length > 1) {
      return { ok: false, message: `${JSON.stringify(ref)} names ${hits.length} columns of the export (columns ${hits.map((h) => h.index + 1).join(', ')}); name one by its full header text` };
    }
  }
  return { ok: false, message: `column ${JSON.stringify(ref)} is not in the export` };
}
