/**
 * Answer text as survey platforms write it → the contract's values: the number at the start of a
 * labelled choice ("10 - Extremely likely", "0 - 完全不可能", "5分"), and the reporting period of a
 * date or date-time in the forms the platforms and Excel write.
 */

/** A number, optionally followed by its label: `10`, `7.5`, `10 - Extremely likely`, `1 = 很差`, `5分`. */
const LEADING_NUMBER = /^([+-]?\d+(?:\.\d+)?)(?:\s*分)?(?:(?:\s*[-–—:：、.)）=]\s*|\s+)(\D[\s\S]*))?$/;

/** The number an answer starts with, or null when it has none (a plain label such as 非常满意). */
export function leadingNumber(text: string): number | null {
  const m = LEADING_NUMBER.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]);
  return Number.isFinite(v) ? v : null;
}

export type DateOrder = 'mdy' | 'dmy';
export type PeriodGrain = 'quarter' | 'month' | 'year';

export type PeriodResult = { ok: true; period: string } | { ok: false; message: string };

const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?(?:$|[T\s])/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s,])/;
const QUARTER = /^(\d{4})\s*-?\s*Q([1-4])$/i;

function period(year: number, month: number, grain: PeriodGrain): string {
  if (grain === 'year') return String(year);
  if (grain === 'month') return `${year}-${String(month).padStart(2, '0')}`;
  return `${year}Q${Math.ceil(month / 3)}`;
}

/**
 * The period of a date: `2026-10-03`, `2026-10-03 10:20:31`, `2026-10-03T10:20:31Z` (Excel's dates as
 * read from a workbook), `2026/10/3 10:20`, `2026年10月3日`, `10/03/2026 10:20:31 AM` (day and month
 * order from `order` unless one of them is above 12), or a period already (`2026Q4`, `2026-10`).
 */
export function periodOfDate(text: string, grain: PeriodGrain, order: DateOrder | null): PeriodResult {
  const t = text.trim();
  const q = QUARTER.exec(t);
  if (q) {
    if (grain === 'quarter') return { ok: true, period: `${q[1]}Q${q[2]}` };
    if (grain === 'year') return { ok: true, period: q[1]! };
    return { ok: false, message: `${t} is a quarter, not a date: a month cannot be taken from it` };
  }
  let year: number;
  let month: number;
  let day: number | null;
  const a = YEAR_FIRST.exec(t);
  const b = a ? null : YEAR_LAST.exec(t);
  if (a) {
    year = Number(a[1]);
    month = Number(a[2]);
    day = a[3] !== undefined ? Number(a[3]) : null;
  } else if (b) {
    const first = Number(b[1]);
    const second = Number(b[2]);
    year = Number(b[3]);
    const dmy = first > 12 ? true : second > 12 ? false : order === null ? null : order === 'dmy';
    if (dmy === null) {
      return { ok: false, message: `the date ${t} could be day/month or month/day: set date_order: mdy or date_order: dmy in the mapping` };
    }
    month = dmy ? second : first;
    day = dmy ? first : second;
  } else {
    return { ok: false, message: `${JSON.stringify(t)} is not a date (expected e.g. 2026-10-03, 2026/10/3 10:20 or 10/03/2026)` };
  }
  if (month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) {
    return { ok: false, message: `${JSON.stringify(t)} is not a valid date` };
  }
  return { ok: true, period: period(year, month, grain) };
}

/** A date cell of a workbook as text the period parser reads: its calendar date and time, as Excel stored them. */
export function excelDateText(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, '').replace('T00:00:00', '');
}
