/**
 * The changes over time the generator plants in the attributes' performance (model.ts `trend`): what
 * the findings page should find on the sample, and what it should not. A bank's change of an
 * attribute between two quarters is the change of its latent mean (the seeded jitter of each bank and
 * quarter aside), on the attribute's own rating scale. cmb improves steadily, icbc recovers from its
 * app migration dip, pingan is flat; attributes that no trend moves are the unplanted ones.
 */
import { ATTRIBUTES, BANKS, type AttributeId, type BankId } from './catalog.ts';
import { cellAttributeMeans, trend } from './model.ts';
import { quarterFromOrdinal, quarterOrdinal } from './periods.ts';

export interface PlantedChange {
  bank: BankId;
  attribute: AttributeId;
  comparison: 'previous' | 'year_ago';
  from: string;
  to: string;
  /** The planted change of the mean rating on the attribute's own scale; 0 for an attribute no trend moves. */
  change: number;
  /**
   * The change of the population's mean in the generator, on the same scale: the planted change plus
   * the seeded jitter every bank and quarter's means carry (0.06 on the latent scale, model.ts).
   */
  population: number;
}

/** Every bank's and attribute's change into `quarter`, from the previous quarter and from a year earlier. */
export function plantedChanges(quarter: string, seed: number): PlantedChange[] {
  const out: PlantedChange[] = [];
  for (const [comparison, back] of [['previous', 1], ['year_ago', 4]] as const) {
    const from = quarterFromOrdinal(quarterOrdinal(quarter) - back);
    for (const b of BANKS) {
      const now = cellAttributeMeans(seed, b.bank_id as BankId, quarter);
      const before = cellAttributeMeans(seed, b.bank_id as BankId, from);
      for (const a of ATTRIBUTES) {
        const bank = b.bank_id as BankId;
        const attribute = a.attribute_id as AttributeId;
        // Latent 1–10 → the attribute's scale (survey.ts toScale), before rounding.
        const perPoint = (a.scale_max - a.scale_min) / 9;
        out.push({
          bank,
          attribute,
          comparison,
          from,
          to: quarter,
          change: perPoint * (trend(bank, attribute, quarter) - trend(bank, attribute, from)),
          population: perPoint * (now[attribute] - before[attribute]),
        });
      }
    }
  }
  return out;
}

/** The size from which SAMPLE.md lists a planted change, and the findings test requires it be found. */
export const PLANTED_SIZE = 0.25;
