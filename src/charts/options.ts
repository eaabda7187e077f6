/**
 * A chart cell's options checked against its type's descriptor when the page is parsed: a key the
 * type does not take (`colour:`, `xerror:`, or `band:` on a dot chart) or a value of the wrong kind
 * (`pageSize: many`) is a page mistake, refused at its own line with a did-you-mean rather than
 * silently ignored. The options themselves are the types' (charts/registry.ts).
 */
import { didYouMean } from '../text/suggest.ts';
import { CHART_TYPE_LIST, chartType } from './registry.ts';
import { baseKey, keysOf, optionsOf, textKeys, valueProblem } from './schema.ts';

/** Every key some chart type takes without its language suffix (a column's table heading is `<key>Label`). */
export const CHART_OPTIONS: readonly string[] = [...new Set(CHART_TYPE_LIST.flatMap(keysOf))];
const KNOWN = new Set(CHART_OPTIONS);
const TEXTS = new Set(CHART_TYPE_LIST.flatMap((t) => [...textKeys(t)]));

/** The first option of a chart spec that no chart type takes, with a did-you-mean; null when all are known. */
export function unknownChartOption(spec: Record<string, unknown>): { key: string; message: string } | null {
  for (const key of Object.keys(spec)) {
    if (KNOWN.has(baseKey(key, TEXTS))) continue;
    return { key, message: `unknown option "${key}"${didYouMean(key, CHART_OPTIONS)}` };
  }
  return null;
}

/**
 * The first option of a chart spec its own type does not take, or whose value is of the wrong kind,
 * with the key to point at; null when all fit. A spec of an unknown type is checked against every
 * type's options (its type is reported when it is drawn, with the types there are).
 */
export function chartOptionProblem(spec: Record<string, unknown>): { key: string; message: string } | null {
  const type = chartType(String(spec.type ?? ''));
  if (!type) return unknownChartOption(spec);
  const keys = keysOf(type);
  const known = new Set(keys);
  const texts = textKeys(type);
  const options = optionsOf(type);
  for (const key of Object.keys(spec)) {
    const base = baseKey(key, texts);
    if (known.has(base)) continue;
    if (!KNOWN.has(baseKey(key, TEXTS))) return { key, message: `unknown option "${key}"${didYouMean(key, keys)}` };
    const others = CHART_TYPE_LIST.filter((t) => t !== type && new Set(keysOf(t)).has(baseKey(key, TEXTS))).map((t) => t.name);
    return { key, message: `unknown option "${key}" for type ${type.name}${didYouMean(key, keys)}; ${others.join(', ')} ${others.length === 1 ? 'takes' : 'take'} it` };
  }
  for (const [key, option] of Object.entries(options)) {
    const problem = valueProblem(key, option, spec[key]);
    if (problem) return { key, message: problem };
  }
  return null;
}
