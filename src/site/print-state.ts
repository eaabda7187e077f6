import { localize, type InputCell, type InputValues, type Locale } from '../notebook/types.ts';

/**
 * The line a printed page carries instead of its controls: every input with the value the page
 * shows, e.g. "Quarter: 2026Q3 · Segment: All customers". Rendered at build time with the defaults
 * (Inputs.astro) and again by the client each time it shows another state (client/notebook.ts).
 */
export function printState(inputs: InputCell[], values: InputValues, locale: Locale): string {
  const colon = locale === 'zh' ? '：' : ': ';
  const label = (input: InputCell, value: string) => {
    const option = input.options.find((o) => o.value === value);
    return option ? localize(option.label, locale) || value : value;
  };
  return inputs
    .filter((input) => values[input.name] !== undefined)
    .map((input) => {
      const value = values[input.name]!;
      const list = Array.isArray(value) ? value : [value];
      if (input.type === 'search') return `${localize(input.label, locale)}${colon}${value ? `“${value}”` : '—'}`;
      const text = input.type === 'range' ? list.map((v) => label(input, v)).join(' – ') : list.map((v) => label(input, v)).join(locale === 'zh' ? '、' : ', ');
      return `${localize(input.label, locale)}${colon}${text || '—'}`;
    })
    .join(' · ');
}
