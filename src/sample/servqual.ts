/**
 * SERVQUAL questionnaires (22 items, 1–7), customers and managers, one bank and quarter at a time.
 *
 * Customers expect a lot (about 6 of 7, reliability highest, tangibles lowest) and perceive less,
 * with the largest shortfalls on reliability and responsiveness, as in Parasuraman, Zeithaml &
 * Berry's own studies. Perceptions move with the bank's survey performance on the same dimension
 * (model.ts), so icbc's migration dip shows here too. Managers answer the expectation items as
 * they believe customers would, and underestimate them on responsiveness, reliability, empathy
 * and assurance while overrating tangibles (gap 1), icbc's managers most: gap 1 is the largest of
 * the provider gaps, as in the telecom case. Customers carry a post-stratification weight like
 * the survey's (from a stream of their own, so the ratings do not depend on it); managers weigh 1.
 */
import type { BankId, Dimension } from './catalog.ts';
import { DIMENSIONS, SERVQUAL_ITEM_DIMENSION } from './catalog.ts';
import { cellAttributeMeans, dimensionShift } from './model.ts';
import type { Rng } from './random.ts';
import { clamp, createRng } from './random.ts';
import type { Cell } from './survey.ts';
import { surveyWeight } from './survey.ts';

const ITEMS = SERVQUAL_ITEM_DIMENSION.length;
const itemCode = (prefix: string, i: number) => `${prefix}${String(i + 1).padStart(2, '0')}`;

export const SERVQUAL_COLUMNS: readonly string[] = [
  'respondent_id',
  'quarter',
  'bank',
  'role',
  'weight',
  ...Array.from({ length: ITEMS }, (_, i) => itemCode('e', i)),
  ...Array.from({ length: ITEMS }, (_, i) => itemCode('p', i)),
  ...DIMENSIONS.map((d) => `w_${d}`),
];

const EXPECTATION: Readonly<Record<Dimension, number>> = {
  tangibles: 5.6,
  reliability: 6.5,
  responsiveness: 6.3,
  assurance: 6.3,
  empathy: 5.9,
};
const GAP: Readonly<Record<Dimension, number>> = {
  tangibles: -0.15,
  reliability: -1.0,
  responsiveness: -0.9,
  assurance: -0.45,
  empathy: -0.55,
};
/**
 * How far managers' picture of customer expectations is off, before the bank factor: they think
 * the premises matter more than customers do, and speed, care and getting it right less.
 */
const MANAGER_BIAS: Readonly<Record<Dimension, number>> = {
  tangibles: 0.2,
  reliability: -0.55,
  responsiveness: -0.6,
  assurance: -0.35,
  empathy: -0.45,
};
const MANAGER_BIAS_FACTOR: Readonly<Record<BankId, number>> = { cmb: 1.1, pingan: 1.2, icbc: 1.5 };
/** Spread of one answer around the item mean: the respondent's level and the answer's own noise. */
const CUSTOMER_E_SD = Math.hypot(0.45, 0.7);
const MANAGER_E_SD = Math.hypot(0.35, 0.7);
/** Mean point allocations (PZB 1990 report roughly 11/32/22/19/16). */
const POINT_SHARE: Readonly<Record<Dimension, number>> = {
  tangibles: 0.11,
  reliability: 0.32,
  responsiveness: 0.22,
  assurance: 0.19,
  empathy: 0.16,
};
/** Item-level deviations from the dimension mean: real items are not interchangeable. */
const ITEM_OFFSET: readonly number[] = [
  -0.2, 0.1, 0.3, -0.2, 0.1, 0.2, -0.1, 0.0, -0.2, 0.1, -0.1, 0.2, -0.2, 0.0, 0.2, 0.1, -0.3, -0.1, 0.2, -0.2, 0.0, 0.1,
];

function rating(latent: number): number {
  return clamp(Math.round(latent), 1, 7);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf; |error| < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Mean of `rating(mean + sd·Z)`: what a large sample of such answers averages to on the 1–7 scale. */
export function expectedRating(mean: number, sd: number): number {
  let e = 1;
  // rating ≥ k + 1 when the latent is at least k + 0.5.
  for (let k = 1; k < 7; k++) e += 1 - phi((k + 0.5 - mean) / sd);
  return e;
}

/** Item i's (0-based) mean latent expectation of customers. */
function customerExpectation(i: number): number {
  return EXPECTATION[SERVQUAL_ITEM_DIMENSION[i]!] + ITEM_OFFSET[i]!;
}

/** Item i's (0-based) mean latent expectation of the bank's managers, answering as customers would. */
function managerExpectation(bank: BankId, i: number): number {
  const d = SERVQUAL_ITEM_DIMENSION[i]!;
  return EXPECTATION[d] + MANAGER_BIAS[d] * MANAGER_BIAS_FACTOR[bank] + ITEM_OFFSET[i]!;
}

/** The population means of the e items on the 1–7 scale, per item: what the questionnaires estimate. */
export function expectationMeans(bank: BankId): { customers: number[]; managers: number[] } {
  return {
    customers: Array.from({ length: ITEMS }, (_, i) => expectedRating(customerExpectation(i), CUSTOMER_E_SD)),
    managers: Array.from({ length: ITEMS }, (_, i) => expectedRating(managerExpectation(bank, i), MANAGER_E_SD)),
  };
}

/**
 * 100 points over the five dimensions, summing exactly to 100. Many people allocate in fives,
 * so more than half the allocations are multiples of 5 (largest-remainder rounding).
 */
export function allocatePoints(rng: Rng): number[] {
  const raw = DIMENSIONS.map((d) => rng.gamma(POINT_SHARE[d] * 10));
  const total = raw.reduce((a, b) => a + b, 0) || 1;
  const unit = rng.chance(0.6) ? 5 : 1;
  const units = 100 / unit;
  const exact = raw.map((r) => (r / total) * units);
  const floor = exact.map(Math.floor);
  let left = units - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floor[i]!++;
    left--;
  }
  return floor.map((u) => u * unit);
}

export interface ServqualCellOptions {
  seed: number;
  bank: BankId;
  quarter: string;
  customers: number;
  managers: number;
}

export function* servqualRows(options: ServqualCellOptions): Generator<Cell[]> {
  const { seed, bank, quarter, customers, managers } = options;
  const rng = createRng(seed, 'servqual', bank, quarter);
  const weights = createRng(seed, 'servqual-weight', bank, quarter);
  const means = cellAttributeMeans(seed, bank, quarter);
  // Survey points are on 1–10; a 1–7 scale compresses them by 6/9.
  const shift = Object.fromEntries(DIMENSIONS.map((d) => [d, (6 / 9) * dimensionShift(means, d)])) as Record<Dimension, number>;
  const width = Math.max(4, String(Math.max(customers, managers)).length);
  const item = (i: number) => SERVQUAL_ITEM_DIMENSION[i]!;

  for (let r = 0; r < customers; r++) {
    const expectLevel = 0.45 * rng.normal();
    // Response style links a respondent's E and P answers; the rest of P is their own experience.
    const perceiveLevel = 0.3 * expectLevel + 0.6 * rng.normal();
    const weight = surveyWeight(weights, bank).toFixed(3);
    const row: Cell[] = [`${bank}-${quarter}-c${String(r + 1).padStart(width, '0')}`, quarter, bank, 'customer', weight];
    for (let i = 0; i < ITEMS; i++) {
      row.push(rng.chance(0.005) ? null : rating(customerExpectation(i) + expectLevel + 0.7 * rng.normal()));
    }
    for (let i = 0; i < ITEMS; i++) {
      const d = item(i);
      const latent = EXPECTATION[d] + GAP[d] + shift[d] + ITEM_OFFSET[i]! + perceiveLevel + 0.85 * rng.normal();
      row.push(rng.chance(0.005) ? null : rating(latent));
    }
    row.push(...allocatePoints(rng));
    yield row;
  }
  for (let r = 0; r < managers; r++) {
    const level = 0.35 * rng.normal();
    const row: Cell[] = [`${bank}-${quarter}-m${String(r + 1).padStart(width, '0')}`, quarter, bank, 'manager', 1];
    for (let i = 0; i < ITEMS; i++) row.push(rating(managerExpectation(bank, i) + level + 0.7 * rng.normal()));
    for (let i = 0; i < ITEMS + DIMENSIONS.length; i++) row.push(null);
    yield row;
  }
}
