/**
 * A figure read against its target, in words: "NPS 31.0, target 35: below" / "NPS 31.0，目标 35：低于目标",
 * and a run of periods on the wrong side, "below target for the third quarter running". One writer for
 * the charts' text alternatives and the pages' sentences (src/methods/targets.ts), so both say the same.
 */
import { formatSpecifier } from 'd3';
import { formatValue } from './format.ts';
import type { Locale } from './locale.ts';

/** Where a value sits against its target, by number alone: `met` means equal as printed. */
export type TargetStatus = 'below' | 'above' | 'met';

/** Equal as the figure is printed (31.04 against 31 at `.1f` both print 31.0: met), else below or above. */
export function targetStatus(value: number, target: number, format?: string): TargetStatus {
  if (formatValue(value, format) === formatValue(target, format)) return 'met';
  return value < target ? 'below' : 'above';
}

/** A target as people write it: the figure's format without trailing zeros (35, 4.5, not 35.0). */
export function formatTarget(target: number, format?: string): string {
  try {
    const s = formatSpecifier(format ?? ',.1f');
    s.trim = true;
    return formatValue(target, s.toString());
  } catch {
    return formatValue(target);
  }
}

/** Whether the figure is on the wrong side of its target, by the metric's direction (`neutral`: never). */
export function missesTarget(status: TargetStatus, direction: string | null | undefined): boolean {
  if (status === 'met' || direction === 'neutral') return false;
  return direction === 'lower_better' ? status === 'above' : status === 'below';
}

const STATUS: Record<Locale, Record<TargetStatus, string>> = {
  zh: { below: '低于目标', above: '高于目标', met: '达到目标' },
  en: { below: 'below', above: 'above', met: 'met' },
};

const TARGET_WORD: Record<Locale, string> = { zh: '目标', en: 'target' };

export interface TargetReading {
  /** What is measured, e.g. "NPS" or a bank's name; empty for none. */
  figure: string;
  value: number;
  target: number;
  /** The target's own label (年度目标 / 2026 goal); the generic word when none. */
  label?: string | null;
  format?: string | undefined;
}

/**
 * "NPS 31.0, target 35: below" / "NPS 31.0，目标 35：低于目标"; after a run of periods on the wrong side,
 * "NPS 31.0, target 35: below target for the third quarter running" / "…：连续第 3 个季度低于目标".
 */
export function targetSentence(r: TargetReading, locale: Locale, run?: { periods: number; grain: 'year' | 'quarter' | 'month' }): string {
  const status = targetStatus(r.value, r.target, r.format);
  const value = formatValue(r.value, r.format);
  const label = r.label && r.label.trim() !== '' ? r.label.trim() : TARGET_WORD[locale];
  // The generic word reads "target 35"; an own label reads "2026 goal 35".
  const head = r.figure ? `${r.figure} ${value}` : value;
  const reading = run && run.periods > 1 && status !== 'met' ? streakSentence(run.periods, status, run.grain, locale) : STATUS[locale][status];
  return locale === 'zh' ? `${head}，${label} ${formatTarget(r.target, r.format)}：${reading}` : `${head}, ${label} ${formatTarget(r.target, r.format)}: ${reading}`;
}

const ORDINALS_EN = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

function ordinalEn(n: number): string {
  if (n <= ORDINALS_EN.length) return ORDINALS_EN[n - 1]!;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const GRAIN: Record<'year' | 'quarter' | 'month', Record<Locale, string>> = {
  year: { zh: '年', en: 'year' },
  quarter: { zh: '个季度', en: 'quarter' },
  month: { zh: '个月', en: 'month' },
};

/** The grain of a contract period (`2026`, `2026Q3`, `2026-03`). */
export function periodGrainOf(period: string): 'year' | 'quarter' | 'month' {
  return /Q/.test(period) ? 'quarter' : /-/.test(period) ? 'month' : 'year';
}

/** A period's position within its grain: consecutive periods have consecutive indexes (2025Q4 → 2026Q1). */
export function periodIndex(period: string): number {
  const year = Number(period.slice(0, 4));
  const grain = periodGrainOf(period);
  return grain === 'year' ? year : grain === 'quarter' ? year * 4 + Number(period.slice(5)) - 1 : year * 12 + Number(period.slice(5)) - 1;
}

/** The period at `index` of a grain: the inverse of {@link periodIndex}. */
export function periodAt(index: number, grain: 'year' | 'quarter' | 'month'): string {
  return grain === 'year' ? String(index) : grain === 'quarter' ? `${Math.floor(index / 4)}Q${(index % 4) + 1}` : `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A run of `periods` periods on the wrong side of the target, up to the latest: "below target for the
 * third quarter running" / "连续第 3 个季度低于目标"; one period: "below target" / "低于目标".
 */
export function streakSentence(periods: number, status: TargetStatus, grain: 'year' | 'quarter' | 'month', locale: Locale): string {
  const side = status === 'above' ? { zh: '高于目标', en: 'above target' } : { zh: '低于目标', en: 'below target' };
  if (periods <= 1) return side[locale];
  return locale === 'zh' ? `连续第 ${periods} ${GRAIN[grain].zh}${side.zh}` : `${side.en} for the ${ordinalEn(periods)} ${GRAIN[grain].en} running`;
}
