import type { QueryResult } from '../db/types.ts';
import { bankComparisons, correlationCell, periodChange } from './comparison.ts';
import { ipaFigures } from './ipa.ts';
import { channelMismatchCell, channelSatisfactionCell } from './channel-fit.ts';
import { levelsCell } from './levels.ts';
import { peakEndCell } from './peak-end.ts';
import { servqualCell } from './servqual.ts';
import { themesCell } from './themes.ts';

/**
 * Methods a page can apply in a ```method cell: (the data cell's result, the bound options) →
 * a result table. One entry per method; each lives in its own module with its tests.
 */
export type MethodCellFunction = (input: QueryResult, options: Record<string, unknown>) => QueryResult;

export const METHOD_CELLS: Record<string, MethodCellFunction> = {
  ipa: ipaFigures,
  servqual: servqualCell,
  compare: bankComparisons, change: periodChange, correlation: correlationCell,
  peak_end: peakEndCell, levels: levelsCell,
  channel_mismatch: channelMismatchCell, channel_satisfaction: channelSatisfactionCell,
  themes: themesCell,
};

export function runMethod(name: string, input: QueryResult, options: Record<string, unknown>): QueryResult {
  const method = Object.hasOwn(METHOD_CELLS, name) ? METHOD_CELLS[name] : undefined;
  if (!method) throw new Error(`unknown method "${name}" (built-in methods: ${Object.keys(METHOD_CELLS).join(', ')})`);
  return method(input, options);
}
