import type { Row } from '../db/types.ts';
import { formatBoolean, formatPeriod, formatValue } from '../text/format.ts';
import { escapeHtml } from '../text/html.ts';
import { localize, type Localized } from '../text/locale.ts';
import { PAGER_TEXT, pagerStatus } from './pager.ts';
import { setting, type ChartOption, type ChartType } from './schema.ts';
import { column, type ChartContext } from './spec.ts';

const OPTIONS: Record<string, ChartOption> = {
  columns: { type: 'tableColumns', doc: 'the columns shown, each a name or `{column, label_zh, label_en, format, formatColumn, period, tone, link, wrap}` (`tone`: a column of good / bad / neutral, the cell coloured and titled better / worse, e.g. a change judged by the metric\'s direction; `link: true`: http(s) URLs become links, and `../slug/?input=value` a link to that page in that state, shown as `→ slug`, while any other text, `javascript:` included, stays text); default: every column' },
  pageSize: { type: 'integer', min: 1, doc: 'rows per page: a longer table shows a page at a time (every row stays in the page, in downloads, and shown whole without JavaScript)' },
};

export interface TableColumnSpec {
  column: string;
  label?: Localized;
  label_zh?: string;
  label_en?: string;
  format?: string;
  /** A column holding good | bad | neutral: the cell is coloured (and titled) by it, e.g. a change by the metric's direction. */
  tone?: string;
  /** Show http(s) URLs as links (other text stays text). */
  link?: boolean;
  /** Free text (e.g. comments): every cell wraps, short ones too, so the column keeps one width. */
  wrap?: boolean;
  /** A column holding each row's d3-format (e.g. the metric's), used instead of `format`. */
  formatColumn?: string;
  /** Reporting periods (`2026Q3`, `2026-03`): written as the reader's edition writes them. */
  period?: boolean;
  /** Shown only when some row has a value: e.g. a target's column, which stays away without targets.csv. */
  optional?: boolean;
}

interface ShownColumn {
  /** The column as the spec names it (`name`, `nps_lo`): the same in both languages, the CSV's column id. */
  id: string;
  key: string;
  label: string;
  format?: string | undefined;
  formatColumn?: string | undefined;
  period?: boolean | undefined;
  tone?: string | undefined;
  link?: boolean | undefined;
  wrap?: boolean | undefined;
  optional?: boolean | undefined;
}

/** The columns a table shows: the spec's `columns` list, or every column of the data. */
function tableColumns(ctx: ChartContext): ShownColumn[] {
  const spec = ctx.spec.columns;
  if (!Array.isArray(spec)) return ctx.columns.map((c) => ({ id: c, key: c, label: c }));
  return (spec as (string | TableColumnSpec)[]).map((c) => {
    const s = typeof c === 'string' ? { column: c } : c;
    const key = column({ ...ctx, spec: { c: s.column } }, 'c')!;
    const text = s.label ?? (s.label_zh || s.label_en ? { zh: s.label_zh, en: s.label_en } : undefined);
    const tone = s.tone ? column({ ...ctx, spec: { t: s.tone } }, 't') : undefined;
    const formatColumn = s.formatColumn ? column({ ...ctx, spec: { f: s.formatColumn } }, 'f') : undefined;
    return { id: s.column, key, label: text ? localize(text as Localized, ctx.locale) : s.column, format: s.format, formatColumn, period: s.period, tone, link: s.link, wrap: s.wrap, optional: s.optional };
  });
}

function tableColumnKeys(ctx: ChartContext): string[] {
  return tableColumns(ctx).flatMap((c) => (c.tone ? [c.key, c.tone] : [c.key]));
}

const TONES: Record<string, Record<'zh' | 'en', string>> = {
  good: { zh: '向好', en: 'better' },
  bad: { zh: '变差', en: 'worse' },
};

function cellAttributes(value: unknown, tone: unknown, locale: 'zh' | 'en', wrap = false): string {
  const classes: string[] = [];
  let extra = '';
  // The unrounded number travels with the cell: for copying, checking and downloads.
  if (typeof value === 'number') {
    classes.push('num');
    extra += ` data-value="${value}"`;
  } else if (wrap || (typeof value === 'string' && value.length > 40)) classes.push('text');
  if (typeof tone === 'string' && Object.hasOwn(TONES, tone) && value !== null && value !== undefined) {
    classes.push(`tone-${tone}`);
    extra += ` title="${TONES[tone]![locale]}"`;
  }
  return `${classes.length ? ` class="${classes.join(' ')}"` : ''}${extra}`;
}

/** A page of this site, relative to the current one, with its input state: `../overview/?quarter=2026Q3&bank=cmb`. */
const SITE_LINK = /^\.\.\/([a-z0-9][a-z0-9-]*)\/(?:\?[\w%.,*=&-]*)?$/;

function cellText(value: unknown, c: ShownColumn, row: Row, locale: 'zh' | 'en'): string {
  if (typeof value === 'boolean') return formatBoolean(value, locale);
  if (c.period && typeof value === 'string') return formatPeriod(value, locale);
  const rowFormat = c.formatColumn ? row[c.formatColumn] : undefined;
  return formatValue(value as never, typeof rowFormat === 'string' ? rowFormat : c.format);
}

function cellContent(value: unknown, c: ShownColumn, row: Row, locale: 'zh' | 'en'): string {
  const text = cellText(value, c, row, locale);
  // Only web links and links to another page of this site (`../slug/?input=value`) become links:
  // a javascript: or data: "URL" in a source cell stays text.
  if (c.link && typeof value === 'string' && /^https?:\/\/[^\s"<>]+$/i.test(value)) {
    return `<a href="${escapeHtml(value)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
  }
  const page = c.link && typeof value === 'string' ? SITE_LINK.exec(value) : null;
  if (page) return `<a href="${escapeHtml(value)}">→ ${escapeHtml(page[1])}</a>`;
  return escapeHtml(text);
}

/** Rows per page of a `type: table` with `pageSize`; 0 = not paged. */
function pageSizeOf(ctx: ChartContext): number {
  return ctx.spec.type === 'table' ? (setting<number>(OPTIONS, ctx.spec, 'pageSize') ?? 0) : 0;
}

/**
 * An accessible HTML table (numbers right-aligned, values escaped): the data behind a chart, or a
 * table cell. A table cell with `pageSize` holds every row (downloads and readers without JavaScript
 * get them all) and shows one page at a time, turned by client/pager.ts.
 */
export function renderTable(ctx: ChartContext, rows: Row[] = ctx.rows): string {
  const cols = tableColumns(ctx).filter((c) => !c.optional || rows.some((r) => r[c.key] !== null && r[c.key] !== undefined));
  const pageSize = pageSizeOf(ctx);
  const paged = pageSize > 0 && rows.length > pageSize;
  // data-column: the column's id, for the CSV's header row of ids (client/export.ts).
  const head = cols.map((c) => `<th scope="col" data-column="${escapeHtml(c.id)}">${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((r, i) => `<tr${paged && i >= pageSize ? ' hidden' : ''}>${cols.map((c) => `<td${cellAttributes(r[c.key], c.tone ? r[c.tone] : null, ctx.locale, c.wrap)}>${cellContent(r[c.key], c, r, ctx.locale)}</td>`).join('')}</tr>`)
    .join('');
  // The figure's caption names the table; a second caption would be read twice.
  const table = `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  if (!paged) return table;
  const t = PAGER_TEXT[ctx.locale];
  return (
    `<div class="paged" data-pager data-page="0" data-page-size="${pageSize}" data-rows="${rows.length}">${table}` +
    `<nav class="pager" aria-label="${t.pages}"><button type="button" data-page-step="-1" aria-label="${t.previous}" disabled>‹</button>` +
    `<span class="pager-status" aria-live="polite">${pagerStatus(ctx.locale, 0, pageSize, rows.length)}</span>` +
    `<button type="button" data-page-step="1" aria-label="${t.next}">›</button></nav></div>`
  );
}

export const table: ChartType = {
  name: 'table',
  doc: 'An accessible HTML table of the data: numbers right-aligned and formatted, values escaped.',
  title: null,
  required: [],
  options: OPTIONS,
  encodings: [],
  markup: (ctx) => renderTable(ctx),
  extraColumns: tableColumnKeys,
};
