import { type InputCell, type InputValue, type InputValues } from '../notebook/types.ts';
import { localize, type Locale } from '../text/locale.ts';

/**
 * The line a printed page carries instead of its controls: every input with the value the page
 * shows, e.g. "Quarter: 2026Q3 · Segment: All customers". Rendered at build time with the defaults
 * (Inputs.astro) and again by the client each time it shows another state (client/notebook.ts).
 */
export function printState(inputs: InputCell[], values: InputValues, locale: Locale): string {
  const colon = locale === 'zh' ? '：' : ': ';
  return inputs
    .filter((input) => values[input.name] !== undefined)
    .map((input) => `${localize(input.label, locale)}${colon}${valueText(input, values[input.name]!, locale)}`)
    .join(' · ');
}

/** One input's value as the reader reads it: option labels, a range as "from – to", a search in quotes. */
export function valueText(input: InputCell, value: InputValue, locale: Locale): string {
  const label = (v: string) => {
    const option = input.options.find((o) => o.value === v);
    return option ? localize(option.label, locale) || v : v;
  };
  const list = Array.isArray(value) ? value : [value];
  if (input.type === 'search') return value ? `“${value}”` : '—';
  const text = input.type === 'range' ? list.map(label).join(' – ') : list.map(label).join(locale === 'zh' ? '、' : ', ');
  return text || '—';
}
