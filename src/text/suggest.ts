/** Suggestions for a mistyped name (an option, a method): below every layer that names things. */
import { closest, distance } from 'fastest-levenshtein';

/** ` (did you mean "x"?)` for a near miss of one of `known`: 1 edit off a short name, 2 (a swap) off a longer one, a third off a long one. */
export function didYouMean(name: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(name, known as string[]);
  return distance(name, best) <= Math.max(best.length >= 4 ? 2 : 1, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : '';
}
