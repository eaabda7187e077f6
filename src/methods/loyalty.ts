import type { Database } from '../db/types.ts';
import { IPA_MACROS } from './ipa.ts';
import { PERIOD_MACROS } from './periods.ts';
import { TEXT_MACROS } from './text.ts';

/**
 * Loyalty and effort metrics (NPS, CSAT, CES) as DuckDB SQL macros, so that the numbers printed at
 * build time (Node) and recomputed in the browser come from the very same SQL on the same engine.
 *
 * Every macro is an aggregate: use it in a SELECT with or without GROUP BY, e.g.
 *
 *   SELECT bank, nps_score(nps, weight) AS nps, nps_moe(nps, weight) AS moe,
 *          csat_share(csat, weight) AS csat, csat_lo(csat, weight) AS lo, csat_hi(csat, weight) AS hi,
 *          mean_w(ces, weight) AS ces, mean_moe(ces, weight) AS ces_moe
 *   FROM survey GROUP BY bank
 *
 * Conventions shared by all macros:
 * - rows whose score is NULL are ignored (they count neither in the shares nor in n);
 * - a NULL weight counts as 1; pass `1` (or NULL) as the weight for an unweighted figure;
 * - shares and scores are on a 0–100 scale; an empty group gives NULL, never a fake 0;
 * - standard errors use Kish's effective n, n_eff = (Σw)² / Σw², which equals n without weights.
 *
 * CES is the weighted mean of the 1–7 "made it easy" rating: `mean_w(ces, weight)` with
 * `mean_moe(ces, weight)`; its optional share of 5–7 is `share_w(ces, ces >= 5, weight)`.
 *
 * Macro arguments are expressions substituted into the body, so one macro may call another.
 */
export const LOYALTY_MACROS = `
-- A weight that is never NULL and always a DOUBLE (integer weights would otherwise sum as integers).
CREATE OR REPLACE TEMP MACRO weight_or_1(w) AS coalesce(CAST(w AS DOUBLE), 1.0);

-- Number of non-NULL answers.
CREATE OR REPLACE TEMP MACRO n_answers(score) AS count(score);

-- Sum of weights over non-NULL answers (NULL when there is none).
CREATE OR REPLACE TEMP MACRO sum_w(score, w) AS
  sum(CASE WHEN score IS NOT NULL THEN weight_or_1(w) END);
-- The same, but NULL when the weights sum to 0, so that shares and means never divide by zero.
CREATE OR REPLACE TEMP MACRO sum_w_nz(score, w) AS nullif(sum_w(score, w), 0.0);

-- Kish (1965), Survey Sampling (Wiley): effective sample size n_eff = (Σw)² / Σw².
CREATE OR REPLACE TEMP MACRO kish_n(score, w) AS
  pow(sum_w(score, w), 2) / nullif(sum(CASE WHEN score IS NOT NULL THEN pow(weight_or_1(w), 2) END), 0.0);

-- Weighted share (0–1) of non-NULL answers for which \`hit\` is true: Σw·[hit] / Σw.
CREATE OR REPLACE TEMP MACRO share_01(score, hit, w) AS
  sum(CASE WHEN score IS NOT NULL THEN (CASE WHEN hit THEN weight_or_1(w) ELSE 0.0 END) END) / sum_w_nz(score, w);

-- The same weighted share on a 0–100 scale, e.g. share_w(ces, ces >= 5, weight) for CES "5–7".
CREATE OR REPLACE TEMP MACRO share_w(score, hit, w) AS 100 * share_01(score, hit, w);

-- Wilson (1927), JASA 22(158): score interval for a proportion, z = qnorm(0.975) (as R's
-- prop.test(x, n, correct = FALSE)), with n = Kish n_eff; bounds on a 0–100 scale.
CREATE OR REPLACE TEMP MACRO wilson_lo(score, hit, w) AS
  100 * ((share_01(score, hit, w) + 1.959963984540054 ^ 2 / (2 * kish_n(score, w)))
         - 1.959963984540054 * sqrt(share_01(score, hit, w) * (1 - share_01(score, hit, w)) / kish_n(score, w)
                                    + 1.959963984540054 ^ 2 / (4 * kish_n(score, w) ^ 2)))
      / (1 + 1.959963984540054 ^ 2 / kish_n(score, w));
CREATE OR REPLACE TEMP MACRO wilson_hi(score, hit, w) AS
  100 * ((share_01(score, hit, w) + 1.959963984540054 ^ 2 / (2 * kish_n(score, w)))
         + 1.959963984540054 * sqrt(share_01(score, hit, w) * (1 - share_01(score, hit, w)) / kish_n(score, w)
                                    + 1.959963984540054 ^ 2 / (4 * kish_n(score, w) ^ 2)))
      / (1 + 1.959963984540054 ^ 2 / kish_n(score, w));

-- Reichheld (2003), "The One Number You Need to Grow", HBR: NPS = 100 (p − d), promoters 9–10,
-- detractors 0–6 on the 0–10 likelihood-to-recommend scale (weighted shares).
CREATE OR REPLACE TEMP MACRO nps_promoters(s, w) AS share_01(s, s >= 9, w);
CREATE OR REPLACE TEMP MACRO nps_detractors(s, w) AS share_01(s, s <= 6, w);
CREATE OR REPLACE TEMP MACRO nps_score(s, w) AS 100 * (nps_promoters(s, w) - nps_detractors(s, w));

-- SE of a difference of two proportions of one trinomial sample: Var(p − d) = (p + d − (p − d)²)/n,
-- n = Kish n_eff; on the 0–100 NPS scale. Two independent NPS: SEs add in quadrature.
CREATE OR REPLACE TEMP MACRO nps_se(s, w) AS
  100 * sqrt(greatest(nps_promoters(s, w) + nps_detractors(s, w)
                      - (nps_promoters(s, w) - nps_detractors(s, w)) ^ 2, 0.0) / kish_n(s, w));
-- 95% margin of error of the NPS, normal approximation: ±1.96 SE.
CREATE OR REPLACE TEMP MACRO nps_moe(s, w) AS 1.96 * nps_se(s, w);

-- CSAT top-2-box (4–5 on a 1–5 scale) as 0–100, with its Wilson 95% interval (see wilson_lo).
CREATE OR REPLACE TEMP MACRO csat_share(s, w) AS share_w(s, s >= 4, w);
CREATE OR REPLACE TEMP MACRO csat_lo(s, w) AS wilson_lo(s, s >= 4, w);
CREATE OR REPLACE TEMP MACRO csat_hi(s, w) AS wilson_hi(s, s >= 4, w);

-- Weighted mean (Hájek ratio form) Σw·x / Σw over non-NULL x.
CREATE OR REPLACE TEMP MACRO mean_w(x, w) AS
  sum(CASE WHEN x IS NOT NULL THEN weight_or_1(w) * x END) / sum_w_nz(x, w);

-- Weighted sd with Kish n_eff in place of n: s² = [Σw(x − m)² / Σw] · n_eff / (n_eff − 1), which is
-- Σw(x − m)² / (Σw − Σw²/Σw) (reliability weights) and the usual n − 1 sample variance when w ≡ 1.
-- Computed as Σw·x² − (Σw·x)²/Σw because an aggregate cannot nest the mean; ratings are small, so
-- the cancellation is harmless. NULL when n_eff ≤ 1.
CREATE OR REPLACE TEMP MACRO sd_w(x, w) AS
  sqrt(greatest(sum(CASE WHEN x IS NOT NULL THEN weight_or_1(w) * x * x END)
                - pow(sum(CASE WHEN x IS NOT NULL THEN weight_or_1(w) * x END), 2) / sum_w_nz(x, w), 0.0)
       / sum_w_nz(x, w)
       * kish_n(x, w) / nullif(kish_n(x, w) - 1, 0));

-- 95% margin of error of a weighted mean, NORMAL approximation: 1.96 · sd_w / sqrt(n_eff)
-- (CES: mean_moe(ces, weight)). For small n use the t-based interval in importance.ts.
CREATE OR REPLACE TEMP MACRO mean_moe(x, w) AS 1.96 * sd_w(x, w) / sqrt(kish_n(x, w));
`;

/**
 * Installs {@link LOYALTY_MACROS} into a freshly opened database (called by the engine on both sides).
 * They are TEMP macros because the report's data file is attached read-only as the default catalog.
 */
/** Installs the SQL methods on an engine (both sides): loyalty metrics, reporting periods, text search, IPA quadrants. */
export async function installMethods(db: Database): Promise<void> {
  await db.exec(LOYALTY_MACROS);
  await db.exec(PERIOD_MACROS);
  await db.exec(TEXT_MACROS);
  await db.exec(IPA_MACROS);
}
