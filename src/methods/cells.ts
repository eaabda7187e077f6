import type { QueryResult } from '../db/types.ts';
import { channelMismatchMethod, channelSatisfactionMethod } from './channel-fit.ts';
import { changeMethod, compareMethod, correlationMethod } from './comparison.ts';
import { findingsMethod } from './findings.ts';
import { ipaMethod } from './ipa.ts';
import { levelsMethod } from './levels.ts';
import type { MethodDescriptor } from './method.ts';
import { didYouMean } from '../text/suggest.ts';
import { peakEndMethod } from './peak-end.ts';
import { servqualMethod } from './servqual.ts';
import { targetsMethod } from './targets.ts';
import { themesMethod } from './themes.ts';

/**
 * Methods a page can apply in a ```method cell: (the data cell's result, the bound options) → a
 * result table. The registry is the list of descriptors (method.ts); each method lives in its own
 * module with its tests, and adding one is that module plus a line here.
 */
export const METHODS: readonly MethodDescriptor[] = [
  ipaMethod,
  servqualMethod,
  compareMethod,
  changeMethod,
  correlationMethod,
  peakEndMethod,
  levelsMethod,
  channelMismatchMethod,
  channelSatisfactionMethod,
  themesMethod,
  findingsMethod,
  targetsMethod,
];

const BY_NAME = new Map(METHODS.map((m) => [m.name, m]));

/** The descriptor of a method, or an error naming the built-in ones (with a did-you-mean). */
export function methodNamed(name: string): MethodDescriptor {
  const method = BY_NAME.get(name);
  if (!method) {
    const names = [...BY_NAME.keys()];
    throw new Error(`unknown method "${name}"${didYouMean(name, names)} (built-in methods: ${names.join(', ')})`);
  }
  return method;
}

/** Runs a method on its data with the bound options (checked against its descriptor first). */
export function runMethod(name: string, input: QueryResult, options: Record<string, unknown>): QueryResult {
  return methodNamed(name).run(input, options);
}
