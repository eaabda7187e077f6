/** The contract's tables, one per file kind (no Node imports: notebook parsing runs in the browser too). */
export const TABLE_KINDS = [
  'banks',
  'attributes',
  'stages',
  'tasks',
  'channels',
  'segments',
  'themes',
  'survey',
  'servqual',
  'servqual_items',
  'servqual_provider',
  'servqual_opinions',
  'metrics',
  'metric_defs',
  'weight_targets',
  'targets',
] as const;

export type Kind = (typeof TABLE_KINDS)[number];
