/**
 * What the build refuses to publish because it would mislead a reader, checked on the page's
 * default state (the state every reader sees first, and the one printed): a chart with no rows that
 * does not say why, an inline value that prints "–" without saying why, an inline reference to a
 * column its cell does not return, and a chart whose method does not state its n.
 */
import { chartIsEmpty } from '../charts/index.ts';
import { inlineRefs, inlineValue, type InlineRef } from './inline.ts';
import { readLocalized } from '../text/locale.ts';
import type { CellResults } from './run.ts';
import { NotebookError, type ChartCell, type InputValues, type Notebook } from './types.ts';
import { LOCALES } from '../text/locale.ts';

/** Localised text keys of a chart that may hold inline values. */
const CHART_TEXT_KEYS = ['title', 'method', 'empty'] as const;

function describeState(values: InputValues): string {
  const parts = Object.entries(values).map(([k, v]) => `${k} = ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Every piece of text of the page that can hold inline values, with its line. */
function texts(nb: Notebook): { line: number; text: string; where: string }[] {
  const out: { line: number; text: string; where: string }[] = [];
  for (const b of nb.blocks) {
    if (b.kind === 'prose') out.push({ line: b.line, text: b.markdown, where: 'text' });
    if (b.kind === 'chart') {
      for (const key of CHART_TEXT_KEYS) {
        const t = readLocalized(b.spec, key);
        if (t === undefined) continue;
        const byLocale = typeof t === 'string' ? [t] : LOCALES.map((l) => t[l]).filter((x): x is string => typeof x === 'string');
        for (const text of byLocale) out.push({ line: b.line, text, where: `chart "${b.name}" ${key}` });
      }
    }
  }
  return out;
}

function columnKnown(ref: InlineRef, results: CellResults): boolean {
  const result = results[ref.cell];
  if (!result) return true; // a cell that did not run here (checked elsewhere)
  const names = new Set(result.columns.map((c) => c.name));
  return names.has(ref.column) || LOCALES.every((l) => names.has(`${ref.column}_${l}`));
}

/** A method states its n when it names n (`n = …`, `effective n`, `每点 n`) or prints a count from the data. */
export function statesN(text: string): boolean {
  return /(^|[^A-Za-z])n([^A-Za-z]|$)/.test(text) || inlineRefs(text).length > 0;
}

/** Throws the first misleading thing found in the page's default state, with the page's line. */
export function checkDefaultState(nb: Notebook, results: CellResults, defaults: InputValues): void {
  for (const { line, text, where } of texts(nb)) {
    for (const ref of inlineRefs(text)) {
      if (!columnKnown(ref, results)) {
        const have = results[ref.cell]!.columns.map((c) => c.name).join(', ');
        throw new NotebookError(nb.path, line, `${where}: {${ref.cell}.${ref.column}}: cell "${ref.cell}" has no column "${ref.column}" (it returns ${have})`);
      }
      if (ref.fallback === undefined && LOCALES.some((l) => inlineValue(ref, results, l) === undefined)) {
        const why = results[ref.cell]?.rows.length === 0 ? `cell "${ref.cell}" returns no rows` : `its value is missing`;
        throw new NotebookError(
          nb.path,
          line,
          `${where}: {${ref.cell}.${ref.column}} would print "–" for the default inputs${describeState(defaults)}: ${why}. ` +
            `Fix the query, or say what the reader should know instead with {${ref.cell}.${ref.column} ?? text}`,
        );
      }
    }
  }
  for (const b of nb.blocks) {
    if (b.kind !== 'chart') continue;
    const chart = b as ChartCell;
    const method = readLocalized(chart.spec, 'method');
    for (const l of LOCALES) {
      const text = typeof method === 'string' ? method : method?.[l];
      if (text !== undefined && !statesN(text)) {
        throw new NotebookError(nb.path, chart.line, `chart "${chart.name}": method_${l} does not state its n (write "n = …", or print the count with an inline value)`);
      }
    }
    const result = results[chart.data];
    if (result && LOCALES.some((l) => chartIsEmpty(chart.spec, result, l)) && readLocalized(chart.spec, 'empty') === undefined) {
      throw new NotebookError(
        nb.path,
        chart.line,
        `chart "${chart.name}" is empty for the default inputs${describeState(defaults)}: "${chart.data}" returns ${result.rows.length === 0 ? 'no rows' : 'no value to draw'}. ` +
          `Fix the query, or, where data may lack what it needs, add empty_zh/empty_en naming the file or column that would enable it`,
      );
    }
  }
}
