/**
 * Excel workbooks (.xlsx, as 问卷星 and Qualtrics offer them) → rows of text, read in Node only (the
 * build) with read-excel-file. Cells keep the type Excel stored: a number is written as the number
 * (never as the sheet's display format), a date as its ISO date and time, so the mapping reads
 * them as it reads a CSV's. A row's line is its row number in the sheet.
 */
import readXlsxFile from 'read-excel-file/node';
import type { RawTable } from './apply.ts';
import { excelDateText } from './values.ts';

export type WorkbookResult = { ok: true; raw: RawTable; sheet: string } | { ok: false; message: string };

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return excelDateText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** One worksheet (by name, ignoring case; null = the first) of a workbook's bytes. */
export async function readWorkbook(bytes: Buffer, sheet: string | null): Promise<WorkbookResult> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(bytes)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    return { ok: false, message: `cannot read the workbook (${(e as Error).message}); save it from Excel as .xlsx, or export it as CSV UTF-8` };
  }
  const chosen = sheet === null ? sheets[0] : sheets.find((s) => s.sheet.toLowerCase() === sheet.toLowerCase());
  if (!chosen) {
    return {
      ok: false,
      message: sheet === null ? 'the workbook has no worksheet' : `the workbook has no sheet ${JSON.stringify(sheet)} (it has ${sheets.map((s) => JSON.stringify(s.sheet)).join(', ')}); set sheet: in the mapping`,
    };
  }
  const raw: RawTable = { rows: [], lines: [], broken: new Set(), problems: [], blankLines: [] };
  chosen.data.forEach((row, i) => {
    const cells = row.map(text);
    if (cells.every((c) => c.trim() === '')) {
      if (raw.rows.length > 0) raw.blankLines.push(i + 1);
      return;
    }
    raw.rows.push(cells);
    raw.lines.push(i + 1);
  });
  // Rectangular, as wide as the last column holding a value: a CSV's rows all have the header's width.
  const width = Math.max(0, ...raw.rows.map((r) => r.findLastIndex((c) => c.trim() !== '') + 1));
  raw.rows = raw.rows.map((r) => (r.length === width ? r : r.length > width ? r.slice(0, width) : [...r, ...new Array<string>(width - r.length).fill('')]));
  return { ok: true, raw, sheet: chosen.sheet };
}
