/**
 * targets.csv for the sample: goals and benchmarks over the last four quarters (all of them when
 * fewer), so that pages draw them and the findings page finds runs below them. Planted, to be read
 * against the sample's figures: an NPS goal of 20 for every bank that pingan and icbc miss every
 * quarter (cmb's own goal of 35, which it meets only in the latest quarter, wins over it); a CSAT
 * benchmark of 75%; an app-rating goal of 4.5 stars; and a complaints watch line of 1.5 per 10,000
 * customers over the months of the last three quarters (lower is better: above it misses).
 */
import { monthsOfQuarter } from './periods.ts';

export const TARGET_COLUMNS = ['metric', 'bank', 'period', 'value', 'label_zh', 'label_en', 'source'] as const;

const SOURCE = 'Synthetic demonstration data';

export function targetRows(quarters: readonly string[]): (string | number)[][] {
  const last = quarters[quarters.length - 1]!;
  const range = (from: string, to: string) => (from === to ? from : `${from}–${to}`);
  const recent = range(quarters[Math.max(0, quarters.length - 4)]!, last);
  const months = range(monthsOfQuarter(quarters[Math.max(0, quarters.length - 3)]!)[0]!, monthsOfQuarter(last)[2]!);
  return [
    ['nps', '*', recent, 20, '年度目标', 'annual goal', SOURCE],
    ['nps', 'cmb', recent, 35, '招行自定目标', "CMB's own goal", SOURCE],
    ['csat', '*', recent, 75, '行业基准', 'industry benchmark', SOURCE],
    ['app_rating', '*', recent, 4.5, '年度目标', 'annual goal', SOURCE],
    ['complaints_per_10k', '*', months, 1.5, '监管关注线', "regulator's watch line", SOURCE],
  ];
}
