/**
 * Operating metrics in long format (bank, period, metric, value, source, note), at the grain a
 * bank would report them: quarterly, monthly (`YYYY-MM`) or yearly (`YYYY`). They are derived
 * from the same latent bank-quarter levels as the survey (model.ts), so app ratings follow the
 * banks' app scores and complaints rise in icbc's migration dip, and a page correlating them
 * with NPS finds something.
 */
import type { AttributeId, BankId } from './catalog.ts';
import { BANKS } from './catalog.ts';
import { ATTRIBUTE_BASE, TREND_ANCHOR, cellAttributeMeans, icbcDip } from './model.ts';
import { monthsOfQuarter, quarterOrdinal, yearOfQuarter } from './periods.ts';
import type { Rng } from './random.ts';
import { clamp, createRng } from './random.ts';
import type { Cell } from './survey.ts';

export type Grain = 'quarter' | 'month' | 'year';

export interface MetricDef {
  metric_id: string;
  label_zh: string;
  label_en: string;
  unit_zh: string;
  unit_en: string;
  direction: 'higher_better' | 'lower_better' | 'neutral';
  format: string;
  grain: Grain;
  source: string;
  group_zh: string;
  group_en: string;
}

const SYNTHETIC = 'Synthetic demonstration data';

export const METRIC_DEFS: readonly MetricDef[] = [
  {
    metric_id: 'app_rating',
    group_zh: '数字渠道',
    group_en: 'Digital',
    label_zh: '应用商店评分',
    label_en: 'App store rating',
    unit_zh: '星（1–5）',
    unit_en: 'stars (1–5)',
    direction: 'higher_better',
    format: '.2f',
    grain: 'quarter',
    source: `${SYNTHETIC} (modelled on app-store ratings)`,
  },
  {
    metric_id: 'complaints_per_10k',
    group_zh: '服务质量',
    group_en: 'Service',
    label_zh: '每万名客户投诉量',
    label_en: 'Complaints per 10,000 customers',
    unit_zh: '件/万名客户',
    unit_en: 'complaints per 10,000 customers',
    direction: 'lower_better',
    format: '.2f',
    grain: 'month',
    source: SYNTHETIC,
  },
  {
    metric_id: 'avg_wait_minutes',
    group_zh: '服务质量',
    group_en: 'Service',
    label_zh: '网点平均等候时间',
    label_en: 'Average branch waiting time',
    unit_zh: '分钟',
    unit_en: 'minutes',
    direction: 'lower_better',
    format: '.1f',
    grain: 'quarter',
    source: SYNTHETIC,
  },
  {
    metric_id: 'digital_share',
    group_zh: '数字渠道',
    group_en: 'Digital',
    label_zh: '线上渠道交易占比',
    label_en: 'Share of transactions in digital channels',
    unit_zh: '交易占比',
    unit_en: 'share of transactions',
    direction: 'higher_better',
    format: '.0%',
    grain: 'year',
    // A URL source, so pages exercise linking; example.com is reserved for documentation.
    source: 'https://example.com/synthetic-annual-report',
  },
  {
    metric_id: 'mobile_mau_million',
    group_zh: '数字渠道',
    group_en: 'Digital',
    label_zh: '手机银行月活跃用户',
    label_en: 'Mobile banking monthly active users',
    unit_zh: '百万用户',
    unit_en: 'million users',
    direction: 'higher_better',
    format: '.1f',
    grain: 'quarter',
    source: SYNTHETIC,
  },
  {
    metric_id: 'branch_count',
    group_zh: '网点与规模',
    group_en: 'Network and scale',
    label_zh: '营业网点数量',
    label_en: 'Number of branches',
    unit_zh: '个网点',
    unit_en: 'branches',
    direction: 'neutral',
    format: ',d',
    grain: 'year',
    source: SYNTHETIC,
  },
];

export const METRIC_DEF_COLUMNS: readonly string[] = ['metric_id', 'label_zh', 'label_en', 'unit_zh', 'unit_en', 'direction', 'format', 'group_zh', 'group_en'];
export const METRIC_COLUMNS: readonly string[] = ['bank', 'period', 'metric', 'value', 'source', 'note'];

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function deviation(means: Readonly<Record<AttributeId, number>>, ids: readonly AttributeId[]): number {
  let s = 0;
  for (const id of ids) s += means[id] - ATTRIBUTE_BASE[id];
  return s / ids.length;
}

const DIGITAL_BASE: Readonly<Record<BankId, number>> = { cmb: 0.92, pingan: 0.9, icbc: 0.86 };
const MAU: Readonly<Record<BankId, { level: number; growth: number; dip: number }>> = {
  cmb: { level: 70, growth: 1.1, dip: 0 },
  pingan: { level: 44, growth: 0.2, dip: 0 },
  icbc: { level: 108, growth: 0.6, dip: 4 },
};
const BRANCHES: Readonly<Record<BankId, { level: number; change: number }>> = {
  cmb: { level: 1800, change: -5 },
  pingan: { level: 1150, change: -15 },
  icbc: { level: 15600, change: -60 },
};
/** Complaints peak after Spring Festival and around the November shopping festival. */
const MONTH_SEASON = [0.08, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0.05, 0.02];

function quarterValue(rng: Rng, metric: string, seed: number, bank: BankId, quarter: string): { value: number; note: string | null } {
  const means = cellAttributeMeans(seed, bank, quarter);
  const dip = bank === 'icbc' ? icbcDip(quarter) : 0;
  const migration = dip > 0.9 ? 'Core system and app migration this quarter' : null;
  switch (metric) {
    case 'app_rating': {
      const level = deviation(means, ['app_ease', 'app_stability']);
      return { value: round(clamp(4.35 + 0.45 * level + 0.03 * rng.normal(), 1, 5), 2), note: migration };
    }
    case 'avg_wait_minutes': {
      const level = deviation(means, ['queue_time']);
      return { value: round(Math.max(1, 13 - 4 * level + 0.3 * rng.normal()), 1), note: null };
    }
    case 'mobile_mau_million': {
      const u = quarterOrdinal(quarter) - quarterOrdinal(TREND_ANCHOR);
      const m = MAU[bank];
      return { value: round(Math.max(1, m.level + m.growth * u - m.dip * dip + 0.4 * rng.normal()), 1), note: migration };
    }
    default:
      throw new Error(`unknown quarterly metric ${metric}`);
  }
}

export interface MetricOptions {
  seed: number;
  quarters: readonly string[];
}

/** Rows of one metric's file, bank by bank, oldest period first. */
export function* metricRows(def: MetricDef, options: MetricOptions): Generator<Cell[]> {
  const { seed, quarters } = options;
  const lastQuarter = quarters[quarters.length - 1]!;
  const years = [...new Set(quarters.map(yearOfQuarter))];
  for (const b of BANKS) {
    const bank = b.bank_id as BankId;
    const rng = createRng(seed, 'metric', def.metric_id, bank);
    const row = (period: string, value: number, note: string | null): Cell[] => [bank, period, def.metric_id, value, def.source, note];
    if (def.grain === 'quarter') {
      for (const q of quarters) {
        const { value, note } = quarterValue(rng, def.metric_id, seed, bank, q);
        yield row(q, value, note);
      }
    } else if (def.grain === 'month') {
      for (const q of quarters) {
        const means = cellAttributeMeans(seed, bank, q);
        const level = deviation(means, ['complaint_handling', 'response_speed']);
        for (const month of monthsOfQuarter(q)) {
          const season = MONTH_SEASON[Number(month.slice(5)) - 1]!;
          const value = Math.max(0.05, (1.5 - 0.55 * level + season) * (1 + 0.04 * rng.normal()));
          const note = bank === 'icbc' && month === '2025-08' ? 'Service disruption after the app upgrade' : null;
          yield row(month, round(value, 2), note);
        }
      }
    } else {
      for (const year of years) {
        // The latest year is only partly over when the series ends before Q4.
        const partial = year === yearOfQuarter(lastQuarter) && !lastQuarter.endsWith('Q4');
        const note = partial ? `Year to date, through ${lastQuarter}` : null;
        const t = year - 2024;
        if (def.metric_id === 'digital_share') {
          yield row(String(year), round(clamp(DIGITAL_BASE[bank] + 0.012 * t + 0.004 * rng.normal(), 0, 1), 3), note);
        } else if (def.metric_id === 'branch_count') {
          const br = BRANCHES[bank];
          yield row(String(year), Math.round(br.level + br.change * t + 3 * rng.normal()), note);
        } else {
          throw new Error(`unknown yearly metric ${def.metric_id}`);
        }
      }
    }
  }
}

export function metricDefRows(): Cell[][] {
  return METRIC_DEFS.map((d) => [d.metric_id, d.label_zh, d.label_en, d.unit_zh, d.unit_en, d.direction, d.format, d.group_zh, d.group_en]);
}
