import type { UnknownInQuery } from '../notebook/inputs.ts';
import { type InputValues } from '../notebook/types.ts';
import { localize, type Locale } from '../text/locale.ts';
import { valueText } from './print-state.ts';

/**
 * What the page says when a link asked for a state the data do not hold (`?quarter=2099Q1`, a bank
 * that is not in the data, a range outside the options): per input, what was asked and what is shown
 * instead, in the reader's language. Asked values are printed as the URL wrote them (they have no label), each cut to 40 characters.
 */
export function linkNotice(unknown: UnknownInQuery[], shown: InputValues, locale: Locale): string {
  return unknown
    .map(({ input, asked: askedValues }) => {
      const name = localize(input.label, locale) || input.name;
      const showing = valueText(input, shown[input.name]!, locale);
      const asked = askedValues.map((v) => ([...v].length > 40 ? `${[...v].slice(0, 40).join('')}…` : v));
      return locale === 'zh'
        ? `${name}：链接要求的 ${asked.join('、')} 不在数据中；现显示 ${showing}。`
        : `${name}: the link asked for ${asked.join(', ')}, which the data do not hold; showing ${showing}.`;
    })
    .join(locale === 'zh' ? '' : ' ');
}
