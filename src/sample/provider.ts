/**
 * The provider's side of the SERVQUAL gap model (servqual_provider/*.csv): for every item, bank
 * and quarter, the service specification, the service as delivered and what the bank promises,
 * on the questionnaire's 1–7 scale, each with the source it comes from.
 *
 * The chain follows Zeithaml, Parasuraman & Berry (1990):
 *
 *   managers' e   the questionnaire's managers (servqual.ts; gap 1 = managers' e − customers' e)
 *   specification = managers' e + gap 2    standards written somewhat below what managers
 *                                           believe customers expect (resources, regulation)
 *   delivered     = specification + gap 3  short of the standard on reliability and
 *                                           responsiveness, more so in icbc's migration dip
 *   promised      = delivered − gap 4      above delivery, by far the most at pingan, whose
 *                                           campaigns promise "approval in seconds" and 7×24 service
 *
 * Gaps 2–4 are each smaller than gap 1 on average, as the telecom case found.
 */
import type { BankId, Dimension } from './catalog.ts';
import { DIMENSIONS, SERVQUAL_ITEM_DIMENSION } from './catalog.ts';
import { cellAttributeMeans, dimensionShift, icbcDip } from './model.ts';
import type { Rng } from './random.ts';
import { clamp, createRng } from './random.ts';
import { expectationMeans } from './servqual.ts';
import type { Cell } from './survey.ts';

export const PROVIDER_COLUMNS: readonly string[] = ['quarter', 'bank', 'measure', 'item', 'value', 'source', 'n', 'note'];

/** Gap 2 per dimension (specification − managers' e), before the bank factor. */
const STANDARDS_GAP: Readonly<Record<Dimension, number>> = {
  tangibles: -0.1,
  reliability: -0.25,
  responsiveness: -0.25,
  assurance: -0.1,
  empathy: -0.15,
};
/** icbc's standards follow the regulator's checklist most closely; cmb's were rewritten recently. */
const STANDARDS_FACTOR: Readonly<Record<BankId, number>> = { cmb: 0.7, pingan: 1.0, icbc: 1.2 };

/** Gap 3 per dimension (delivered − specification) in an ordinary quarter. */
const DELIVERY_GAP: Readonly<Record<Dimension, number>> = {
  tangibles: 0.05,
  reliability: -0.2,
  responsiveness: -0.2,
  assurance: -0.05,
  empathy: -0.1,
};
const DELIVERY_BANK: Readonly<Record<BankId, number>> = { cmb: 0.05, pingan: 0, icbc: -0.05 };

/** Gap 4 per dimension (delivered − promised) for a bank that does not oversell. */
const COMMUNICATION_GAP: Readonly<Record<Dimension, number>> = {
  tangibles: -0.05,
  reliability: -0.2,
  responsiveness: -0.2,
  assurance: -0.05,
  empathy: -0.15,
};
/** pingan's campaigns oversell speed and personal service; icbc promises little. */
const COMMUNICATION_FACTOR: Readonly<Record<BankId, number>> = { cmb: 0.8, pingan: 1.7, icbc: 0.5 };

const round = (x: number, digits: number) => Number(clamp(x, 1, 7).toFixed(digits));

interface Source {
  text: string;
  n: number | null;
}

/** Where each measure of a dimension comes from, and how many observations are behind it. */
function sources(rng: Rng, quarter: string): (measure: string, d: Dimension) => Source {
  const year = quarter.slice(0, 4);
  const visits = 30 + rng.int(31);
  const transactions = 8000 + 100 * rng.int(71);
  const calls = 150 + 10 * rng.int(16);
  const materials = 20 + rng.int(26);
  const spec: Readonly<Record<Dimension, string>> = {
    tangibles: `网点形象规范 ${year}版 / branch design standards ${year}`,
    reliability: `服务标准手册 ${year}版 / service standards manual ${year}`,
    responsiveness: `服务时效标准 ${year}版 / service-level targets ${year}`,
    assurance: `服务标准手册 ${year}版 / service standards manual ${year}`,
    empathy: `客户服务规范 ${year}版 / customer care guidelines ${year}`,
  };
  const delivered: Readonly<Record<Dimension, Source>> = {
    tangibles: { text: `神秘顾客暗访, ${visits} 个网点 / mystery shopping, ${visits} branch visits`, n: visits },
    reliability: { text: '运营数据：差错率与办结时效 / operational data: error rates and completion times', n: transactions },
    responsiveness: { text: '运营数据：排队与应答时长 / operational data: queue and answer times', n: transactions },
    assurance: { text: `神秘顾客暗访, ${visits} 个网点 / mystery shopping, ${visits} branch visits`, n: visits },
    empathy: { text: `客服录音抽检, ${calls} 通 / call-centre call audit, ${calls} calls`, n: calls },
  };
  const promised: Source = { text: `营销材料审计, ${materials} 件 / marketing campaign audit, ${materials} ads and app banners`, n: materials };
  return (measure, d) => (measure === 'specification' ? { text: spec[d], n: null } : measure === 'delivered' ? delivered[d] : promised);
}

export interface ProviderCellOptions {
  seed: number;
  bank: BankId;
  quarter: string;
}

/** One bank's provider measures in one quarter: 22 items × specification, delivered, promised. */
export function* providerRows(options: ProviderCellOptions): Generator<Cell[]> {
  const { seed, bank, quarter } = options;
  const rng = createRng(seed, 'servqual-provider', bank, quarter);
  const source = sources(rng, quarter);
  const managers = expectationMeans(bank).managers;
  const means = cellAttributeMeans(seed, bank, quarter);
  // The survey's performance shift on each dimension, on the 1–7 scale: operations that run
  // worse show in the delivered level too (icbc's migration dip).
  const shift = Object.fromEntries(DIMENSIONS.map((d) => [d, (6 / 9) * dimensionShift(means, d)])) as Record<Dimension, number>;
  const dip = bank === 'icbc' ? icbcDip(quarter) : 0;

  const spec: number[] = [];
  const delivered: number[] = [];
  const promised: number[] = [];
  for (let i = 0; i < SERVQUAL_ITEM_DIMENSION.length; i++) {
    const d = SERVQUAL_ITEM_DIMENSION[i]!;
    spec.push(managers[i]! + STANDARDS_GAP[d] * STANDARDS_FACTOR[bank] + 0.1 * rng.normal());
    delivered.push(spec[i]! + DELIVERY_GAP[d] + DELIVERY_BANK[bank] + 0.8 * shift[d] + 0.1 * rng.normal());
    promised.push(delivered[i]! - COMMUNICATION_GAP[d] * COMMUNICATION_FACTOR[bank] + 0.1 * rng.normal());
  }
  const rows = (measure: string, values: number[], digits: number, note: (d: Dimension) => string | null) =>
    values.map((v, i): Cell[] => {
      const d = SERVQUAL_ITEM_DIMENSION[i]!;
      const s = source(measure, d);
      return [quarter, bank, measure, i + 1, round(v, digits), s.text, s.n, note(d)];
    });
  yield* rows('specification', spec, 1, () => null);
  // Mystery-shopping and operational scores are means over many observations: two decimals.
  yield* rows('delivered', delivered, 2, (d) =>
    dip > 0.5 && (d === 'reliability' || d === 'responsiveness') ? '系统迁移期间 / during the core-system migration' : null,
  );
  yield* rows('promised', promised, 1, (d) =>
    bank === 'pingan' && (d === 'reliability' || d === 'responsiveness') ? '活动口号 "秒批" "7×24 小时" / campaign slogans "approved in seconds", "24/7"' : null,
  );
}
