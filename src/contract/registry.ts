/**
 * The contract's file kinds, in the order they are checked: a kind comes after the kinds its rows
 * refer to (each descriptor's `after`; test/contract/registry.test.ts holds the order to it).
 */
import type { FileKind } from './kind.ts';
import { attributesKind } from './rules/attributes.ts';
import { banksKind } from './rules/banks.ts';
import { channelsKind } from './rules/channels.ts';
import { metricDefsKind } from './rules/metric_defs.ts';
import { metricsKind } from './rules/metrics.ts';
import { segmentsKind } from './rules/segments.ts';
import { servqualKind } from './rules/servqual.ts';
import { servqualItemsKind } from './rules/servqual_items.ts';
import { servqualOpinionsKind } from './rules/servqual_opinions.ts';
import { servqualProviderKind } from './rules/servqual_provider.ts';
import { stagesKind } from './rules/stages.ts';
import { surveyKind } from './rules/survey.ts';
import { targetsKind } from './rules/targets.ts';
import { tasksKind } from './rules/tasks.ts';
import { themesKind } from './rules/themes.ts';
import { weightTargetsKind } from './rules/weight_targets.ts';

export const FILE_KINDS: readonly FileKind[] = [
  stagesKind,
  attributesKind,
  banksKind,
  tasksKind,
  channelsKind,
  segmentsKind,
  themesKind,
  metricDefsKind,
  servqualItemsKind,
  surveyKind,
  servqualKind,
  servqualProviderKind,
  servqualOpinionsKind,
  metricsKind,
  weightTargetsKind,
  targetsKind,
];
