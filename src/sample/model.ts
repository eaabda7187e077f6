/**
 * The latent satisfaction model behind the sample data. One place holds every parameter, so the
 * survey, SERVQUAL and operating-metric files tell the same story: a bank that is better at its
 * app in a quarter gets higher app ratings in the survey, a higher app-store rating and better
 * SERVQUAL perceptions on the matching dimension.
 *
 * All attribute levels are on a latent 1–10 scale; attributes with another scale are mapped
 * linearly when the rating is written.
 */
import type { AttributeId, BankId, Dimension, Segment } from './catalog.ts';
import { ATTRIBUTES } from './catalog.ts';
import { quarterOrdinal } from './periods.ts';
import { createRng } from './random.ts';

type PerAttribute = Readonly<Record<AttributeId, number>>;
type PartialPerAttribute = Readonly<Partial<Record<AttributeId, number>>>;

/** Mean performance (latent, 1–10) for the reference case: the mass segment of an average bank. */
export const ATTRIBUTE_BASE: PerAttribute = {
  branch_environment: 7.7,
  info_clarity: 7.2,
  product_range: 7.4,
  fee_transparency: 6.6,
  staff_expertise: 7.5,
  queue_time: 6.3,
  staff_courtesy: 7.9,
  app_ease: 7.3,
  app_stability: 7.5,
  security: 8.1,
  personalisation: 6.5,
  complaint_handling: 6.0,
  response_speed: 6.8,
};

/** Attribute-specific spread beyond the halo; complaint outcomes are the most polarised. */
export const ATTRIBUTE_NOISE: PerAttribute = {
  branch_environment: 1.3,
  info_clarity: 1.3,
  product_range: 1.3,
  fee_transparency: 1.4,
  staff_expertise: 1.3,
  queue_time: 1.6,
  staff_courtesy: 1.2,
  app_ease: 1.5,
  app_stability: 1.4,
  security: 1.2,
  personalisation: 1.4,
  complaint_handling: 1.9,
  response_speed: 1.5,
};

/** How strongly a respondent's general mood (halo) colours every rating. */
export const HALO_LOADING = 0.85;

/**
 * Key-driver weights: change in overall satisfaction per point of an attribute's deviation.
 * Four clear drivers, four moderate ones, the rest barely matter, so derived importance has
 * structure to find. Segments rescale them (SEGMENT_DRIVER_FACTOR).
 */
export const DRIVER_WEIGHT: PerAttribute = {
  app_ease: 0.4,
  complaint_handling: 0.3,
  queue_time: 0.32,
  security: 0.5,
  app_stability: 0.15,
  staff_expertise: 0.13,
  response_speed: 0.14,
  fee_transparency: 0.08,
  branch_environment: 0.02,
  info_clarity: 0.03,
  product_range: 0.02,
  staff_courtesy: 0.03,
  personalisation: 0.04,
};

export const STRONG_DRIVERS: readonly AttributeId[] = ['app_ease', 'complaint_handling', 'queue_time', 'security'];
export const WEAK_DRIVERS: readonly AttributeId[] = [
  'branch_environment',
  'info_clarity',
  'product_range',
  'staff_courtesy',
  'personalisation',
];

/** Segments weigh touchpoints differently, so an IPA grid changes quadrants between segments. */
export const SEGMENT_DRIVER_FACTOR: Readonly<Record<Segment, PartialPerAttribute>> = {
  mass: {},
  affluent: { personalisation: 5, staff_expertise: 2, queue_time: 0.7 },
  young: { app_ease: 1.4, personalisation: 5, queue_time: 0.4, security: 0.8, branch_environment: 0 },
  senior: { app_ease: 0.45, queue_time: 1.4, staff_courtesy: 5, security: 1.2 },
  sme: { fee_transparency: 4, response_speed: 1.5, app_ease: 0.8 },
};

export const SEGMENT_PERFORMANCE_SHIFT: Readonly<Record<Segment, PartialPerAttribute>> = {
  mass: {},
  affluent: { queue_time: 0.9, staff_expertise: 0.3, personalisation: 0.4, fee_transparency: -0.2 },
  young: { app_ease: 0.5, personalisation: -0.3, branch_environment: -0.3 },
  senior: { app_ease: -1.1, app_stability: -0.3, staff_courtesy: 0.4, queue_time: -0.5, security: 0.2 },
  sme: { fee_transparency: -0.6, response_speed: -0.3, product_range: 0.2, queue_time: -0.2 },
};

/** Stated importance sits near the top of the scale for everything (the classic ceiling). */
export const STATED_IMPORTANCE_BASE = 8.3;
export const STATED_IMPORTANCE_OFFSET: PerAttribute = {
  security: 0.9,
  fee_transparency: 0.6,
  app_stability: 0.5,
  complaint_handling: 0.3,
  staff_expertise: 0.2,
  response_speed: 0.2,
  app_ease: 0.1,
  queue_time: -0.1,
  info_clarity: 0,
  staff_courtesy: 0,
  product_range: -0.5,
  personalisation: -0.7,
  branch_environment: -0.9,
};

export const SEGMENT_IMPORTANCE_SHIFT: Readonly<Record<Segment, PartialPerAttribute>> = {
  mass: {},
  affluent: { personalisation: 0.6, staff_expertise: 0.5 },
  young: { app_ease: 0.6, personalisation: 0.5, queue_time: -0.7, branch_environment: -0.8 },
  senior: { queue_time: 0.7, staff_courtesy: 0.6, app_ease: -0.6, branch_environment: 0.5, security: 0.2 },
  sme: { fee_transparency: 0.6, response_speed: 0.4 },
};

/** Where each bank stands out: cmb on the app, pingan on personalisation, icbc on branches and security. */
export const BANK_OFFSET: Readonly<Record<BankId, PartialPerAttribute>> = {
  cmb: {
    app_ease: 0.9,
    app_stability: 0.4,
    personalisation: 0.2,
    response_speed: 0.3,
    complaint_handling: 0.2,
    queue_time: 0.3,
    branch_environment: 0.2,
    security: 0.1,
    staff_expertise: 0.1,
  },
  pingan: {
    personalisation: 0.8,
    product_range: 0.4,
    response_speed: 0.4,
    app_ease: 0.1,
    queue_time: 0.1,
    branch_environment: -0.3,
    security: -0.3,
    fee_transparency: -0.2,
  },
  icbc: {
    branch_environment: 0.4,
    security: 0.6,
    staff_expertise: 0.3,
    fee_transparency: 0.2,
    product_range: 0.1,
    app_ease: -0.4,
    personalisation: -0.5,
    queue_time: -0.4,
    complaint_handling: -0.2,
    response_speed: -0.2,
  },
};

/** Recommendation is also brand: a small bank effect on the NPS question only. */
export const BANK_BRAND: Readonly<Record<BankId, number>> = { cmb: 0.2, pingan: 0.1, icbc: 0.1 };

/**
 * Trends are anchored to a fixed quarter, not to the generated range, so a longer or shorter
 * run produces the same levels for the quarters they share.
 */
export const TREND_ANCHOR = '2026Q3';
/** icbc's app migration quarter: its app and service ratings dip, then recover. */
export const ICBC_DIP_QUARTER = '2025Q3';

const CMB_SLOPE: PartialPerAttribute = {
  app_ease: 0.1,
  app_stability: 0.06,
  complaint_handling: 0.1,
  response_speed: 0.06,
  personalisation: 0.05,
};
const ICBC_DIP: PartialPerAttribute = {
  app_stability: -1.1,
  app_ease: -0.4,
  complaint_handling: -0.7,
  response_speed: -0.7,
  queue_time: -0.2,
};

/** Depth of icbc's dip in a quarter, 0..1 (a Gaussian bump around the migration quarter). */
export function icbcDip(quarter: string): number {
  const d = (quarterOrdinal(quarter) - quarterOrdinal(ICBC_DIP_QUARTER)) / 1.2;
  return Math.exp(-0.5 * d * d);
}

/** cmb improves steadily, pingan stays flat, icbc dips around its migration and recovers. */
export function trend(bank: BankId, attribute: AttributeId, quarter: string): number {
  const u = quarterOrdinal(quarter) - quarterOrdinal(TREND_ANCHOR);
  if (bank === 'cmb') {
    // tanh keeps far-away quarters from drifting off the scale when many quarters are asked for.
    return (CMB_SLOPE[attribute] ?? 0.02) * 8 * Math.tanh(u / 8);
  }
  if (bank === 'icbc') return (ICBC_DIP[attribute] ?? 0) * icbcDip(quarter);
  return 0;
}

/** Mean latent performance per attribute for a bank and quarter (mass segment), with a little seeded jitter. */
export function cellAttributeMeans(seed: number, bank: BankId, quarter: string): Record<AttributeId, number> {
  const rng = createRng(seed, 'cell', bank, quarter);
  const out = {} as Record<AttributeId, number>;
  for (const a of ATTRIBUTES) {
    const id = a.attribute_id as AttributeId;
    out[id] = ATTRIBUTE_BASE[id] + (BANK_OFFSET[bank][id] ?? 0) + trend(bank, id, quarter) + 0.06 * rng.normal();
  }
  return out;
}

/**
 * How far a bank's quarter is above the reference on a SERVQUAL dimension: the mean deviation of
 * the survey attributes that belong to it, so the two instruments agree.
 */
export function dimensionShift(
  means: Readonly<Record<AttributeId, number>>,
  dimension: Dimension,
): number {
  let sum = 0;
  let n = 0;
  for (const a of ATTRIBUTES) {
    if (a.dimension !== dimension) continue;
    const id = a.attribute_id as AttributeId;
    sum += means[id] - ATTRIBUTE_BASE[id];
    n++;
  }
  return n ? sum / n : 0;
}

export function segmentValue(table: Readonly<Record<Segment, PartialPerAttribute>>, segment: Segment, id: AttributeId, fallback: number): number {
  return table[segment][id] ?? fallback;
}
