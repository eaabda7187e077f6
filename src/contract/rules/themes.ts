/**
 * themes.csv: the topics a page looks for in free-text comments. Each theme has Chinese keywords
 * (matched as substrings: Chinese has no spaces between words) and English keywords (matched as
 * whole words, case-insensitively). English keywords hold only a–z, digits, spaces, `-` and `'`,
 * so a page can put them into a regular expression between `\b` … `\b` as they are.
 */
import { CellError, requiredText, slug, tidy, type CellParser } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact, rejectRow } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

/** `;`-separated keywords, each trimmed (inner runs of spaces made one), empties and repeats dropped. */
function splitKeywords(raw: string, lower = false): string[] {
  const out: string[] = [];
  for (const part of raw.split(';')) {
    const trimmed = part.trim().replace(/\s+/g, ' ');
    const k = lower ? trimmed.toLowerCase() : trimmed;
    if (k !== '' && !out.includes(k)) out.push(k);
  }
  return out;
}

/** Chinese keywords: any text without `;`; stored as `排队;等待`. */
const keywordsZh: CellParser = (raw) => {
  const k = splitKeywords(tidy(raw));
  return k.length === 0 ? null : k.join(';');
};

const ENGLISH_WORD = /^[a-z0-9](?:[a-z0-9' -]*[a-z0-9])?$/;

/** English keywords: words or short phrases, stored lower-case as `wait;queue`. */
const keywordsEn: CellParser = (raw) => {
  const k = splitKeywords(tidy(raw), true);
  for (const w of k) {
    if (!ENGLISH_WORD.test(w)) {
      return new CellError(
        `keyword ${showValue(w)} is not an English word or phrase: use letters a–z, digits, spaces, - and ' (Chinese keywords go in keywords_zh)`,
      );
    }
  }
  return k.length === 0 ? null : k.join(';');
};

const COLUMNS: ColumnDef[] = [
  { name: 'theme_id', type: 'VARCHAR', parse: slug('theme_id'), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
  { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
  { name: 'keywords_zh', type: 'VARCHAR', parse: keywordsZh },
  { name: 'keywords_en', type: 'VARCHAR', parse: keywordsEn },
];

export const isThemesColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

export function checkThemes(file: LoadedFile): { table: CheckedTable } {
  const sheet = sheetOf(file, fixedColumns(COLUMNS));
  uniqueIds(sheet, 'theme_id', 'theme_id');
  if (sheet) {
    const zh = sheet.values.get('keywords_zh');
    const en = sheet.values.get('keywords_en');
    if (!zh && !en) {
      sheet.sink.error('required column keywords_zh or keywords_en is missing from the header; a theme is found in comments by its keywords', {
        line: 1,
        column: 'keywords_zh',
      });
      sheet.headerFailed = true;
    } else {
      const ids = sheet.values.get('theme_id') ?? [];
      const records = file.parsed?.records ?? [];
      const enPos = en ? sheet.position.get('keywords_en') : undefined;
      for (let i = 0; i < sheet.rowCount; i++) {
        if (zh?.[i] != null || en?.[i] != null) continue;
        // An English keyword that broke its own rule has already said so.
        if (enPos !== undefined && tidy(records[i]?.[enPos] ?? '').replace(/;/g, '').trim() !== '') continue;
        const id = ids[i];
        rejectRow(
          sheet,
          i,
          zh ? 'keywords_zh' : 'keywords_en',
          `theme ${typeof id === 'string' ? `${id} ` : ''}has no keywords: give at least one in keywords_zh or keywords_en (;-separated, e.g. 排队;等待 and wait;queue)`,
        );
      }
    }
  }
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, COLUMNS.map((c) => c.name)) }] : [];
  return { table: buildTable('themes', tableColumns(COLUMNS), [file], parts) };
}

export const themesKind: FileKind = {
  kind: 'themes',
  file: 'themes.csv',
  doc: 'the comment themes and their keywords',
  after: [],
  isColumn: isThemesColumn,
  check: (file) => checkThemes(file).table,
};
