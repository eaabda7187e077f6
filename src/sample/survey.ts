/**
 * Survey respondents, one bank and quarter at a time. Each respondent is simulated from the
 * latent model (model.ts):
 *
 *   experience_j = cell mean_j + segment shift_j + noise_j           what actually happened
 *   perf_j       = experience_j + halo loading · halo, rounded        how it is rated
 *   emotion_k    = stage base_k + experience of stage k's attributes + a little halo + noise,
 *                  plus, for some, one memorable moment (the "peak")
 *   overall      = Σ_j driver_j · (experience_j − base_j) over the attributes experienced
 *                  + halo + κ · (peak + end) / 2 − mismatch penalty + noise
 *   pref_t       = preferred channel per task (segment, pulled towards the served channel)
 *   lvl_*        = needs met, ease, enjoyment (1–5) from overall, effort, channel mismatch and
 *                  peak-end (journey.ts)
 *
 * so derived importance finds four clear drivers (the halo alone makes every rating correlate
 * somewhat, as in real data), stated importance sits at the ceiling, and the peak-end score
 * predicts overall better than the mean emotion, as the methods expect.
 */
import type { AttributeId, BankId, Channel, Segment } from './catalog.ts';
import { ATTRIBUTES, CHANNELS, SEGMENTS, STAGES, TASKS } from './catalog.ts';
import { composeComment, HOSTILE_COMMENT } from './comments.ts';
import { levels, mainPreference, MISMATCH_OFFSET, MISMATCH_PENALTY, preferences } from './journey.ts';
import {
  ATTRIBUTE_BASE,
  ATTRIBUTE_NOISE,
  BANK_BRAND,
  DRIVER_WEIGHT,
  HALO_LOADING,
  SEGMENT_DRIVER_FACTOR,
  SEGMENT_IMPORTANCE_SHIFT,
  SEGMENT_PERFORMANCE_SHIFT,
  STATED_IMPORTANCE_BASE,
  STATED_IMPORTANCE_OFFSET,
  cellAttributeMeans,
  icbcDip,
  segmentValue,
} from './model.ts';
import type { Rng } from './random.ts';
import { clamp, createRng } from './random.ts';

export type Cell = string | number | null;

export const SURVEY_COLUMNS: readonly string[] = [
  'respondent_id',
  'quarter',
  'bank',
  'segment',
  'channel',
  'weight',
  'overall',
  'nps',
  'csat',
  'ces',
  ...ATTRIBUTES.map((a) => `perf_${a.attribute_id}`),
  ...ATTRIBUTES.map((a) => `imp_${a.attribute_id}`),
  ...STAGES.map((s) => `emo_${s.stage_id}`),
  'lvl_needs',
  'lvl_ease',
  'lvl_enjoy',
  ...TASKS.map((t) => `pref_${t.task_id}`),
  'comment',
];

/** Who answers an online bank survey (over-represents young app users) … */
const SAMPLE_SEGMENT_SHARE: Readonly<Record<BankId, readonly number[]>> = {
  cmb: [0.36, 0.2, 0.24, 0.1, 0.1],
  pingan: [0.38, 0.14, 0.28, 0.1, 0.1],
  icbc: [0.42, 0.12, 0.14, 0.22, 0.1],
};
/** … versus the customer base the weights restore (order as SEGMENTS). */
const POPULATION_SEGMENT_SHARE: Readonly<Record<BankId, readonly number[]>> = {
  cmb: [0.42, 0.16, 0.18, 0.14, 0.1],
  pingan: [0.44, 0.12, 0.2, 0.14, 0.1],
  icbc: [0.44, 0.1, 0.12, 0.26, 0.08],
};
/** Channel the respondent was served through, per segment (order as CHANNELS). */
const CHANNEL_SHARE: Readonly<Record<Segment, readonly number[]>> = {
  mass: [0.55, 0.25, 0.1, 0.1],
  affluent: [0.5, 0.3, 0.12, 0.08],
  young: [0.78, 0.08, 0.04, 0.1],
  senior: [0.22, 0.55, 0.18, 0.05],
  sme: [0.4, 0.3, 0.1, 0.2],
};
const BANK_CHANNEL_TILT: Readonly<Record<BankId, readonly number[]>> = {
  cmb: [1.2, 0.85, 1, 1],
  pingan: [1.1, 0.9, 1.1, 1],
  icbc: [0.85, 1.3, 1, 1],
};
/** Chance of having visited a branch in the period, by the channel surveyed. */
const BRANCH_VISIT: Readonly<Record<Channel, number>> = { app: 0.5, branch: 1, phone: 0.65, web: 0.55 };

/** Mean emotion per stage before the respondent's own experience: dips at onboarding and aftercare. */
const STAGE_BASE: Readonly<Record<string, number>> = {
  awareness: 0.9,
  consideration: 0.6,
  onboarding: -0.2,
  usage: 0.8,
  aftercare: -0.5,
};
/** Where memorable moments happen, and how likely they are to be bad there. */
const PEAK_STAGE_WEIGHT = [0.1, 0.15, 0.3, 0.2, 0.25];
const PEAK_NEGATIVE_SHARE = [0.3, 0.35, 0.6, 0.35, 0.7];

/**
 * Overall satisfaction and emotion parameters. Emotions follow the stage's true experience only
 * weakly and the rating halo hardly at all, while overall follows the remembered peak and end:
 * that is what makes the peak-end score beat the plain mean emotion as a predictor.
 */
const OVERALL_INTERCEPT = 7.1;
const OVERALL_HALO = 0.8;
const OVERALL_NOISE = 0.7;
const PEAK_END_WEIGHT = 0.6;
const EMO_EXPERIENCE = 0.3;
const EMO_HALO = 0.1;
const EMO_NOISE = 0.9;
/** Share of respondents with one memorable moment somewhere in the journey. */
const PEAK_SHARE = 0.45;

const STAGE_ATTRIBUTES: readonly (readonly number[])[] = STAGES.map((s) =>
  ATTRIBUTES.flatMap((a, j) => (a.stage_id === s.stage_id ? [j] : [])),
);
const ATTRIBUTE_IDS = ATTRIBUTES.map((a) => a.attribute_id as AttributeId);
/** The effort a customer spends: the app, the queue and getting hold of service drive CES. */
const EASE_ATTRIBUTES = (['app_ease', 'queue_time', 'response_speed'] as const).map((id) => ATTRIBUTE_IDS.indexOf(id));
const COMPLAINT_HANDLING = ATTRIBUTE_IDS.indexOf('complaint_handling');

/** Latent 1–10 value → a rating on the attribute's own scale. */
function toScale(latent: number, min: number, max: number): number {
  const scaled = min + ((latent - 1) * (max - min)) / 9;
  return clamp(Math.round(scaled), min, max);
}

function notApplicable(rng: Rng, naCodes: readonly number[]): Cell {
  if (naCodes.length > 0) {
    const u = rng.uniform();
    if (u < 0.75) return naCodes[0]!;
    if (u < 0.85 && naCodes.length > 1) return naCodes[1]!;
    return null;
  }
  return rng.chance(0.85) ? null : 'NA';
}

function skipped(rng: Rng): Cell {
  return rng.chance(0.9) ? null : 'NA';
}

/** Post-stratification weight times a log-normal raking factor with mean 1. */
function rakedWeight(rng: Rng, segmentWeight: number): number {
  const sigma = 0.3;
  return clamp(segmentWeight * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2), 0.2, 4);
}

/**
 * A weight of the survey's kind for a respondent of another instrument (the SERVQUAL customers):
 * the respondent's segment is drawn as the survey samples them, and the weight restores the
 * bank's customer mix.
 */
export function surveyWeight(rng: Rng, bank: BankId): number {
  const s = SEGMENTS.indexOf(rng.pickWeighted(SEGMENTS, SAMPLE_SEGMENT_SHARE[bank]));
  return rakedWeight(rng, POPULATION_SEGMENT_SHARE[bank][s]! / SAMPLE_SEGMENT_SHARE[bank][s]!);
}

export interface SurveyCellOptions {
  seed: number;
  bank: BankId;
  quarter: string;
  count: number;
  /**
   * Give the first commenting respondent a comment holding an HTML tag with an event handler,
   * as a customer might paste it: pages must show it as text (the browser tests look for it).
   */
  hostileComment?: boolean;
}

/** The respondents of one bank in one quarter, as rows in SURVEY_COLUMNS order. */
export function* surveyRows(options: SurveyCellOptions): Generator<Cell[]> {
  const { seed, bank, quarter, count } = options;
  const rng = createRng(seed, 'survey', bank, quarter);
  // Preferences and levels draw from their own stream, so they do not reshuffle the rest.
  const journeyRng = createRng(seed, 'survey-journey', bank, quarter);
  let hostilePending = options.hostileComment === true;
  const means = cellAttributeMeans(seed, bank, quarter);
  const dip = bank === 'icbc' ? icbcDip(quarter) : 0;
  const sampleShare = SAMPLE_SEGMENT_SHARE[bank];
  const segmentWeight = SEGMENTS.map((_, s) => POPULATION_SEGMENT_SHARE[bank][s]! / sampleShare[s]!);
  const idWidth = Math.max(5, String(count).length);
  const nAttr = ATTRIBUTES.length;
  const x = new Float64Array(nAttr);
  const exposed = new Uint8Array(nAttr);
  const emotion: (number | null)[] = new Array(STAGES.length).fill(null);

  for (let i = 0; i < count; i++) {
    const segmentIndex = SEGMENTS.indexOf(rng.pickWeighted(SEGMENTS, sampleShare));
    const segment = SEGMENTS[segmentIndex]!;
    const channelWeights = CHANNEL_SHARE[segment].map((w, c) => w * BANK_CHANNEL_TILT[bank][c]!);
    const channel = rng.pickWeighted(CHANNELS, channelWeights);
    const weight = rakedWeight(rng, segmentWeight[segmentIndex]!);
    const prefs = preferences(journeyRng, segment, channel);
    const mainPref = mainPreference(prefs);
    const mismatch = mainPref !== null && mainPref !== channel;

    const halo = rng.normal();
    const visitedBranch = rng.chance(BRANCH_VISIT[channel] * (segment === 'young' && channel !== 'branch' ? 0.7 : 1));
    const complained = rng.chance(clamp(0.5 + 0.08 * -halo + (segment === 'sme' ? 0.1 : 0) + 0.15 * dip, 0.1, 0.95));
    const contacted = complained || rng.chance(0.75);

    // Performance experience per attribute and its pull on overall satisfaction.
    let drive = 0;
    for (let j = 0; j < nAttr; j++) {
      const a = ATTRIBUTES[j]!;
      const id = ATTRIBUTE_IDS[j]!;
      exposed[j] =
        a.exposure === 'always' ||
        (a.exposure === 'branch' && visitedBranch) ||
        (a.exposure === 'complaint' && complained) ||
        (a.exposure === 'contact' && contacted)
          ? 1
          : 0;
      // x is what the respondent actually experienced; the halo only colours how it is rated.
      x[j] = means[id] + segmentValue(SEGMENT_PERFORMANCE_SHIFT, segment, id, 0) + ATTRIBUTE_NOISE[id] * rng.normal();
      if (exposed[j]) {
        drive += DRIVER_WEIGHT[id] * segmentValue(SEGMENT_DRIVER_FACTOR, segment, id, 1) * (x[j]! - ATTRIBUTE_BASE[id]);
      }
    }

    // Journey emotions: the stage's own experience, the general mood, and sometimes one
    // memorable moment that dominates the memory of the whole journey.
    const lastStage = rng.chance(0.03) ? 2 : contacted && (complained || rng.chance(0.5)) ? 4 : 3;
    const peakStage = rng.chance(PEAK_SHARE) ? rng.pickWeighted([0, 1, 2, 3, 4], PEAK_STAGE_WEIGHT) : -1;
    for (let k = 0; k < STAGES.length; k++) {
      if (k > lastStage) {
        emotion[k] = null;
        continue;
      }
      let experience = 0;
      let n = 0;
      for (const j of STAGE_ATTRIBUTES[k]!) {
        if (!exposed[j]) continue;
        experience += x[j]! - ATTRIBUTE_BASE[ATTRIBUTE_IDS[j]!];
        n++;
      }
      let e = STAGE_BASE[STAGES[k]!.stage_id]! + (n ? (EMO_EXPERIENCE * experience) / n : 0) + EMO_HALO * halo + EMO_NOISE * rng.normal();
      if (k === peakStage) e += (rng.chance(PEAK_NEGATIVE_SHARE[k]!) ? -1 : 1) * (2 + rng.uniform());
      emotion[k] = clamp(Math.round(e), -3, 3);
    }
    // Peak and end as the respondent answered them (before item non-response blanks any).
    let peak = 0;
    for (let k = 0; k <= lastStage; k++) if (Math.abs(emotion[k]!) > Math.abs(peak)) peak = emotion[k]!;
    const end = emotion[lastStage]!;

    const overallLatent =
      OVERALL_INTERCEPT +
      MISMATCH_OFFSET -
      (mismatch ? MISMATCH_PENALTY : 0) +
      drive +
      OVERALL_HALO * halo +
      (PEAK_END_WEIGHT * (peak + end)) / 2 +
      OVERALL_NOISE * rng.normal();
    const overall = clamp(Math.round(overallLatent), 1, 10);
    const nps = clamp(Math.round(overallLatent + 0.4 + BANK_BRAND[bank] + 1.1 * rng.normal()), 0, 10);
    const csat = clamp(Math.round(1 + ((overallLatent - 1) * 4) / 9 + 0.25 + 0.5 * rng.normal()), 1, 5);
    let ease = 0;
    let easeN = 0;
    for (const j of EASE_ATTRIBUTES) {
      if (!exposed[j]) continue;
      ease += x[j]! - ATTRIBUTE_BASE[ATTRIBUTE_IDS[j]!];
      easeN++;
    }
    if (easeN) ease /= easeN;
    const ces = clamp(Math.round(5 + 0.45 * ease + 0.25 * (overallLatent - 7) + 0.9 * rng.normal()), 1, 7);
    const level = levels(journeyRng, {
      bank,
      overall: overallLatent,
      ease,
      complaint: exposed[COMPLAINT_HANDLING] ? x[COMPLAINT_HANDLING]! - ATTRIBUTE_BASE.complaint_handling : 0,
      peakEnd: (peak + end) / 2,
      mismatch,
    });

    const row: Cell[] = [
      `${bank}-${quarter}-${String(i + 1).padStart(idWidth, '0')}`,
      quarter,
      bank,
      segment,
      channel,
      weight.toFixed(3),
      rng.chance(0.004) ? null : overall,
      rng.chance(0.01) ? null : nps,
      rng.chance(0.02) ? null : csat,
      rng.chance(0.03) ? null : ces,
    ];

    // Performance ratings, with "not applicable" for touchpoints the respondent did not use.
    let worst = -1;
    let best = -1;
    let worstScore = Infinity;
    let bestScore = -Infinity;
    for (let j = 0; j < nAttr; j++) {
      const a = ATTRIBUTES[j]!;
      if (!exposed[j]) {
        row.push(notApplicable(rng, a.na_codes));
        continue;
      }
      if (rng.chance(0.015)) {
        row.push(a.na_codes.length && rng.chance(0.4) ? a.na_codes[a.na_codes.length - 1]! : skipped(rng));
        continue;
      }
      const rating = toScale(x[j]! + HALO_LOADING * halo, a.scale_min, a.scale_max);
      row.push(rating);
      // Worst/best by position on the scale; the tiny tie-break prefers the touchpoints people notice.
      const score = (rating - a.scale_min) / (a.scale_max - a.scale_min);
      const salience = DRIVER_WEIGHT[ATTRIBUTE_IDS[j]!] * 1e-3;
      if (score - salience < worstScore) {
        worstScore = score - salience;
        worst = j;
      }
      if (score + salience > bestScore) {
        bestScore = score + salience;
        best = j;
      }
    }

    // Stated importance: high for almost everything, with a personal acquiescence level.
    const acquiescence = 0.7 * rng.normal();
    for (let j = 0; j < nAttr; j++) {
      const a = ATTRIBUTES[j]!;
      const id = ATTRIBUTE_IDS[j]!;
      if (rng.chance(0.02)) {
        row.push(skipped(rng));
        continue;
      }
      const latent =
        STATED_IMPORTANCE_BASE +
        STATED_IMPORTANCE_OFFSET[id] +
        segmentValue(SEGMENT_IMPORTANCE_SHIFT, segment, id, 0) +
        acquiescence +
        0.9 * rng.normal();
      row.push(toScale(latent, a.scale_min, a.scale_max));
    }

    for (let k = 0; k < STAGES.length; k++) {
      const e = emotion[k];
      row.push(e === null || rng.chance(0.015) ? null : e);
    }
    for (const v of level) row.push(journeyRng.chance(0.02) ? (journeyRng.chance(0.2) ? 'NA' : null) : v);
    for (const p of prefs) row.push(p);

    // Unhappy and delighted customers write more often; ~30% overall.
    const pComment = overall <= 5 ? 0.5 : overall >= 9 ? 0.36 : 0.25;
    let comment =
      rng.chance(pComment) && worst >= 0
        ? composeComment(rng, {
            bank,
            overall,
            worst: ATTRIBUTE_IDS[worst]!,
            best: ATTRIBUTE_IDS[best]!,
            dip,
          })
        : null;
    if (comment !== null && hostilePending) {
      comment = HOSTILE_COMMENT;
      hostilePending = false;
    }
    row.push(comment);
    yield row;
  }
}
