/**
 * The chart types: one descriptor each (charts/schema.ts), in the order error messages and the
 * README list them. Adding a chart type is its module plus one line here.
 */
import { bar } from './bar.ts';
import { diverging } from './diverging.ts';
import { dot } from './dot.ts';
import { emotionmap } from './emotionmap.ts';
import { gapmodel } from './gapmodel.ts';
import { heatmap } from './heatmap.ts';
import { ipa } from './ipa.ts';
import { line } from './line.ts';
import { multiples } from './multiples.ts';
import type { ChartType } from './schema.ts';
import { stacked } from './stacked.ts';
import { table } from './table.ts';

export const CHART_TYPE_LIST: readonly ChartType[] = [dot, bar, line, ipa, diverging, gapmodel, emotionmap, stacked, heatmap, multiples, table];

export const CHART_TYPES: readonly string[] = CHART_TYPE_LIST.map((t) => t.name);

/** The descriptor of a type by its name; undefined for a name no type has (`constructor` included). */
export function chartType(name: string): ChartType | undefined {
  return CHART_TYPE_LIST.find((t) => t.name === name);
}
