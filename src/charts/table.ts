import type { Row } from '../db/types.ts';
import { formatValue } from '../notebook/format.ts';
import { escapeHtml } from '../notebook/html.ts';
import { localize, type Localized } from '../notebook/types.ts';
import { column, type ChartContext } from './spec.ts';

interface TableColumnSpec {
  column: string;
  label?: Localized;
  label_zh?: string;
  label_en?: string;
  format?: string;
}

/** The columns a table shows: the spec's `columns` list, or every column of the data. */
function tableColumns(ctx: ChartContext): { key: string; label: string; format?: string }[] {
  const spec = ctx.spec.columns;
  if (!Array.isArray(spec)) return ctx.columns.map((c) => ({ key: c, label: c }));
  return (spec as (string | TableColumnSpec)[]).map((c) => {
    const s = typeof c === 'string' ? { column: c } : c;
    const key = column({ ...ctx, spec: { c: s.column } }, 'c')!;
    const text = s.label ?? (s.label_zh || s.label_en ? { zh: s.label_zh, en: s.label_en } : undefined);
    return { key, label: text ? localize(text as Localized, ctx.locale) : s.column, format: s.format };
  });
}

export function tableColumnKeys(ctx: ChartContext): string[] {
  return tableColumns(ctx).map((c) => c.key);
}

function cellClass(value: unknown): string {
  // The unrounded number travels with the cell: for copying, checking and downloads.
  if (typeof value === 'number') return ` class="num" data-value="${value}"`;
  return typeof value === 'string' && value.length > 40 ? ' class="text"' : '';
}

/** An accessible HTML table (numbers right-aligned, values escaped): the data behind a chart, or a table cell. */
export function renderTable(ctx: ChartContext, rows: Row[] = ctx.rows): string {
  const cols = tableColumns(ctx);
  const head = cols.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${cols.map((c) => `<td${cellClass(r[c.key])}>${escapeHtml(formatValue(r[c.key], c.format))}</td>`).join('')}</tr>`)
    .join('');
  // The figure's caption names the table; a second caption would be read twice.
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
