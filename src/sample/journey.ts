/**
 * The journey page's part of a respondent: the channel they prefer for each task (`pref_<task>`)
 * and the three experience-quality levels (`lvl_needs`, `lvl_ease`, `lvl_enjoy`, 1–5).
 *
 * Preferences depend on the segment (seniors want the branch for almost everything, young
 * customers the app, complaints go by phone) and lean towards the channel the respondent was
 * served through (habit), less so for seniors, many of whom are served in the app without
 * wanting to be.
 *
 * Channel mismatch, the rule the generator builds on and a page can compute from the columns:
 * a respondent's **main preferred channel** is the channel named most often among their answered
 * `pref_` columns, ties going to the channel preferred for the earlier task in tasks.csv order.
 * The survey does not record which task the visit was for, so the main preferred channel stands
 * for the preferred channel of the task closest to the visit. A respondent is **mismatched** when
 * the served `channel` differs from it (no answered `pref_` column: neither matched nor mismatched).
 * Mismatched respondents are less satisfied (MISMATCH_PENALTY on the latent overall score, which
 * carries into nps, csat and ces) and find the experience less easy (lvl_ease).
 */
import type { BankId, Channel, Segment, TaskId } from './catalog.ts';
import { CHANNELS, TASKS } from './catalog.ts';
import type { Rng } from './random.ts';
import { clamp } from './random.ts';

/** Preferred channel per segment and task, weights in CHANNELS order (app, branch, phone, web). */
const PREFERENCE: Readonly<Record<Segment, Readonly<Record<TaskId, readonly number[]>>>> = {
  young: {
    open_account: [0.62, 0.25, 0.01, 0.12],
    transfer: [0.86, 0.03, 0.01, 0.1],
    loan_inquiry: [0.55, 0.25, 0.08, 0.12],
    wealth_advice: [0.55, 0.3, 0.03, 0.12],
    complaint: [0.35, 0.07, 0.5, 0.08],
  },
  mass: {
    open_account: [0.35, 0.55, 0.02, 0.08],
    transfer: [0.72, 0.12, 0.03, 0.13],
    loan_inquiry: [0.3, 0.5, 0.1, 0.1],
    wealth_advice: [0.3, 0.55, 0.05, 0.1],
    complaint: [0.2, 0.2, 0.55, 0.05],
  },
  affluent: {
    open_account: [0.35, 0.55, 0.02, 0.08],
    transfer: [0.7, 0.08, 0.02, 0.2],
    loan_inquiry: [0.3, 0.55, 0.05, 0.1],
    wealth_advice: [0.2, 0.72, 0.04, 0.04],
    complaint: [0.18, 0.25, 0.52, 0.05],
  },
  senior: {
    open_account: [0.05, 0.9, 0.03, 0.02],
    transfer: [0.18, 0.62, 0.12, 0.08],
    loan_inquiry: [0.04, 0.86, 0.08, 0.02],
    wealth_advice: [0.04, 0.9, 0.04, 0.02],
    complaint: [0.02, 0.45, 0.52, 0.01],
  },
  sme: {
    open_account: [0.2, 0.7, 0.02, 0.08],
    transfer: [0.4, 0.1, 0.02, 0.48],
    loan_inquiry: [0.15, 0.65, 0.1, 0.1],
    wealth_advice: [0.2, 0.6, 0.1, 0.1],
    complaint: [0.15, 0.3, 0.45, 0.1],
  },
};

/** Habit: the served channel's weight is multiplied by 1 + this for every task. */
const SERVED_PULL: Readonly<Record<Segment, number>> = { young: 1.6, mass: 2.2, affluent: 2.2, senior: 0.3, sme: 2.4 };

/** Share of pref_ questions left unanswered. */
const PREF_SKIP = 0.025;

/** Points of latent overall satisfaction (1–10) a mismatched respondent loses. */
export const MISMATCH_PENALTY = 0.5;
/** Added to every respondent's overall so that the sample's mean stays where it was before the penalty. */
export const MISMATCH_OFFSET = 0.16;

/** The channel a respondent prefers for each task, in TASKS order; null = not answered. */
export function preferences(rng: Rng, segment: Segment, served: Channel): (Channel | null)[] {
  const pull = SERVED_PULL[segment];
  const weights = [0, 0, 0, 0];
  return TASKS.map((t) => {
    const base = PREFERENCE[segment][t.task_id];
    for (let c = 0; c < CHANNELS.length; c++) weights[c] = base[c]! * (CHANNELS[c] === served ? 1 + pull : 1);
    const pick = rng.pickWeighted(CHANNELS, weights);
    return rng.chance(PREF_SKIP) ? null : pick;
  });
}

/** The channel named most often; ties go to the one preferred for the earliest task. Null when none is answered. */
export function mainPreference(prefs: readonly (Channel | null)[]): Channel | null {
  let best: Channel | null = null;
  let bestCount = 0;
  for (let i = 0; i < prefs.length; i++) {
    const c = prefs[i];
    if (c === null || c === undefined) continue;
    let n = 0;
    for (const d of prefs) if (d === c) n++;
    // Scanning in task order and keeping the first channel to reach the top count breaks ties by task order.
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/** Where the banks stand on the three levels, beyond what their ratings already carry. */
const BANK_LEVEL: Readonly<Record<BankId, readonly [number, number, number]>> = {
  cmb: [0, 0.15, 0.1],
  pingan: [-0.05, 0, 0.3],
  icbc: [0.15, -0.1, -0.1],
};

export interface LevelInputs {
  bank: BankId;
  /** Latent overall satisfaction, 1–10 scale. */
  overall: number;
  /** Mean deviation of the effort attributes experienced (app ease, queue, response speed). */
  ease: number;
  /** Deviation of complaint handling from its base, for those who complained; else 0. */
  complaint: number;
  /** (peak + end) / 2 of the journey emotions, −3..+3. */
  peakEnd: number;
  mismatch: boolean;
}

/**
 * Needs met, ease and enjoyment on the 1–5 agreement scale. Needs follow overall satisfaction and,
 * for complainers, how the complaint was handled; ease follows the effort attributes and suffers
 * from a channel mismatch; enjoyment follows the remembered peak and end of the journey.
 */
export function levels(rng: Rng, x: LevelInputs): [number, number, number] {
  const o = x.overall - 7.3;
  const [bn, be, bj] = BANK_LEVEL[x.bank];
  const needs = 3.6 + 0.42 * o + 0.18 * x.complaint + bn + 0.7 * rng.normal();
  const ease = 3.55 + 0.2 * o + 0.32 * x.ease - (x.mismatch ? 0.35 : 0) + be + 0.75 * rng.normal();
  const enjoy = 3.3 + 0.22 * o + 0.3 * x.peakEnd + bj + 0.8 * rng.normal();
  return [needs, ease, enjoy].map((v) => clamp(Math.round(v), 1, 5)) as [number, number, number];
}
