/**
 * Seeded randomness for the sample-data generator, built on d3-random's LCG so that every
 * file is reproducible from one integer seed.
 *
 * Each file (and each bank within a file) draws from its own stream, derived from the master
 * seed and a label. That keeps a file's bytes independent of which other files are generated
 * and in what order, so e.g. `--quarters 12` leaves the common quarters' files unchanged.
 */
import { randomGamma, randomLcg, randomNormal } from 'd3';

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Gamma with shape k and scale 1. */
  gamma(k: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks items[i] with probability weights[i] / sum(weights). */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T;
}

/**
 * FNV-1a over the seed and labels, then a final avalanche (murmur3 fmix32): LCG streams
 * started from nearby seeds would otherwise begin with visibly correlated draws.
 */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  const text = [String(seed), ...labels.map(String)].join('\u001f');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // d3.randomLcg treats values in [0, 1) as fractions; an integer ≥ 1 is used as the state.
  return (h >>> 0) || 1;
}

export function createRng(seed: number, ...labels: readonly (string | number)[]): Rng {
  const source = randomLcg(deriveSeed(seed, ...labels));
  const normal = randomNormal.source(source)(0, 1);
  const gammaBySource = randomGamma.source(source);
  const gammas = new Map<number, () => number>();
  const rng: Rng = {
    uniform: source,
    normal,
    gamma(k) {
      let g = gammas.get(k);
      if (!g) {
        g = gammaBySource(k, 1);
        gammas.set(k, g);
      }
      return g();
    },
    chance: (p) => source() < p,
    int: (n) => Math.floor(source() * n),
    pick: (items) => items[Math.floor(source() * items.length)]!,
    pickWeighted(items, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let u = source() * total;
      for (let i = 0; i < items.length; i++) {
        u -= weights[i]!;
        if (u < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
  };
  return rng;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
