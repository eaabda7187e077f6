import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import { NEGATIVE, POSITIVE } from './diverging.ts';
import { formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType } from './schema.ts';
import { ON_PAGE_TEXT, column, columnPair, type ChartContext } from './spec.ts';
import { field, num as numberOf, WORDS } from './summary.ts';
import type { QueryResult } from '../db/types.ts';

/**
 * The five-gap model of service quality (`type: gapmodel`), drawn in its classic layout
 * (Parasuraman, Zeithaml & Berry 1985, Fig. 1): the customer's side above the line, the provider's
 * below, each gap between the two boxes it compares, annotated with its value and 95% interval.
 * Data: one row per gap, `gap` (1–5), `x` (the gap's value), optional `xError` and `significant`.
 */

type Text = Record<Locale, string>;

const OPTIONS: Record<string, ChartOption> = {
  gap: { type: 'column', doc: 'the gap, 1–5: one row each' },
  x: { type: 'column', doc: "the gap's value" },
  xError: { type: 'columnPair', doc: "the gap's interval, `[lo, hi]`, printed beside its value" },
  significant: { type: 'column', doc: 'a boolean column: significant gaps are coloured and starred, the others grey' },
  n: N_OPTION,
  format: formatOption('+.2f'),
};

interface BoxSpec {
  id: string;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  text: Text;
  /** On a phone's drawing, where a word is wider than the box: the text broken by hand (Plot wraps at spaces only). */
  narrowText?: Text;
}

// The diagram's own coordinates: x and y from 0 to 100, customer side on top.
const BOXES: BoxSpec[] = [
  { id: 'wom', x1: 20, x2: 39, y1: 90, y2: 99, text: { zh: '口碑传播', en: 'Word-of-mouth communications' }, narrowText: { zh: '口碑\n传播', en: 'Word-of-\nmouth\ncommuni-\ncations' } },
  { id: 'needs', x1: 41, x2: 59, y1: 90, y2: 99, text: { zh: '个人需求', en: 'Personal needs' } },
  { id: 'past', x1: 61, x2: 80, y1: 90, y2: 99, text: { zh: '过往经历', en: 'Past experience' } },
  { id: 'expected', x1: 30, x2: 70, y1: 75, y2: 83, text: { zh: '期望的服务', en: 'Expected service' } },
  { id: 'perceived', x1: 30, x2: 70, y1: 57, y2: 65, text: { zh: '感知的服务', en: 'Perceived service' } },
  { id: 'delivery', x1: 30, x2: 70, y1: 38, y2: 46, text: { zh: '服务交付（含接触前后）', en: 'Service delivery (incl. pre- and post-contacts)' }, narrowText: { zh: '服务交付\n（含接触前后）', en: 'Service delivery (incl.\npre- and post-\ncontacts)' } },
  { id: 'comms', x1: 77, x2: 100, y1: 38, y2: 46, text: { zh: '对客户的外部沟通', en: 'External communications to customers' }, narrowText: { zh: '对客户的\n外部沟通', en: 'External\ncommuni-\ncations to\ncustomers' } },
  { id: 'specs', x1: 30, x2: 70, y1: 20, y2: 28, text: { zh: '服务质量标准', en: 'Service quality specifications' } },
  { id: 'perceptions', x1: 30, x2: 70, y1: 2, y2: 10, text: { zh: '管理者对客户期望的认知', en: 'Management perceptions of customer expectations' }, narrowText: { zh: '管理者对客户\n期望的认知', en: 'Management\nperceptions of\ncustomer\nexpectations' } },
];

/** Influences (arrows without a gap): what shapes expectations, what the customer perceives. */
const FLOWS: [number, number, number, number][] = [
  [29.5, 90, 40, 83],
  [50, 90, 50, 83],
  [70.5, 90, 60, 83],
  [40, 46, 40, 57],
  [88.5, 46, 71, 79],
  [50, 10, 50, 20],
  [50, 28, 50, 38],
];

export const GAP_NAMES: Record<1 | 2 | 3 | 4 | 5, Text> = {
  1: { zh: '差距 1 · 认知差距', en: 'Gap 1 · knowledge' },
  2: { zh: '差距 2 · 标准差距', en: 'Gap 2 · standards' },
  3: { zh: '差距 3 · 交付差距', en: 'Gap 3 · delivery' },
  4: { zh: '差距 4 · 沟通差距', en: 'Gap 4 · communications' },
  5: { zh: '差距 5 · 客户差距', en: 'Gap 5 · customer gap' },
};

/** Where each gap is drawn: its connector (a polyline between the two boxes) and its label. */
const GAPS: Record<1 | 2 | 3 | 4 | 5, { path: [number, number][]; label: [number, number]; anchor: 'start' | 'middle' }> = {
  1: { path: [[30, 79], [10, 79], [10, 6], [30, 6]], label: [11.5, 33], anchor: 'start' },
  2: { path: [[56, 10], [56, 20]], label: [57.5, 15], anchor: 'start' },
  3: { path: [[56, 28], [56, 38]], label: [57.5, 33], anchor: 'start' },
  4: { path: [[70, 42], [77, 42]], label: [88.5, 33], anchor: 'middle' },
  5: { path: [[56, 65], [56, 75]], label: [57.5, 70], anchor: 'start' },
};

const SIDE_LABELS: { y: number; text: Text }[] = [
  { y: 54.5, text: { zh: '客户', en: 'CUSTOMER' } },
  { y: 49.5, text: { zh: '服务提供方', en: 'PROVIDER' } },
];

const NOT_MEASURED: Text = { zh: '未测量', en: 'not measured' };

/** Below this width (px) the diagram takes its narrow form. */
const NARROW = 480;
const SHORT_NAMES: Record<Locale, (gap: number) => string> = { zh: (g) => `差距 ${g}`, en: (g) => `Gap ${g}` };

function gapModelChart(ctx: ChartContext): Plot.PlotOptions {
  const gapCol = column(ctx, 'gap')!;
  const x = column(ctx, 'x')!;
  const err = columnPair(ctx, 'xError');
  const sig = column(ctx, 'significant');
  const format = setting<string>(OPTIONS, ctx.spec, 'format')!;
  const byGap = new Map<number, Row>();
  for (const r of ctx.rows) byGap.set(Number(r[gapCol]), r);
  const num = (r: Row | undefined, key: string | undefined) => (r && key && typeof r[key] === 'number' ? (r[key] as number) : null);

  // A phone's width: the diagram grows taller for its wrapped box texts, and each gap reads "Gap 4 −0.12*"
  // (the interval and the gap's name are in the chart's table and its text summary).
  const narrow = ctx.width < NARROW;
  const boxFont = narrow ? 10 : 11;
  const gaps = ([1, 2, 3, 4, 5] as const).map((g) => {
    const r = byGap.get(g);
    const value = num(r, x);
    const lo = num(r, err?.[0]);
    const hi = num(r, err?.[1]);
    const significant = sig ? r?.[sig] === true : value !== null;
    const interval = lo !== null && hi !== null && !narrow ? ` [${formatValue(lo, format)}, ${formatValue(hi, format)}]` : '';
    const figure = value === null ? NOT_MEASURED[ctx.locale] : `${formatValue(value, format)}${interval}${sig && significant ? '*' : ''}`;
    const color = value === null || !significant ? 'gray' : value < 0 ? NEGATIVE : POSITIVE;
    return { gap: g, ...GAPS[g], name: narrow ? SHORT_NAMES[ctx.locale](g) : GAP_NAMES[g][ctx.locale], figure, color };
  });
  const segments = gaps.flatMap((g) => g.path.slice(1).map((to, k) => ({ from: g.path[k]!, to, color: g.color, gap: g.gap })));

  return {
    width: ctx.width,
    // Narrow: taller still than wide, as the boxes' texts wrap onto more lines.
    height: Math.round(ctx.width * (narrow ? 1.7 : 0.82)),
    margin: 6,
    x: { domain: [0, 100], axis: null },
    y: { domain: [0, 100], axis: null },
    color: { type: 'identity' },
    // 10 px on a phone's drawing (12.5 px once it fills the column): the boxes are narrow there.
    style: { fontSize: `${boxFont}px` },
    ariaDescription: gaps.map((g) => `${g.name}: ${g.figure}`).join('; '),
    marks: [
      Plot.ruleY([52], { stroke: 'currentColor', strokeDasharray: '6 4', strokeOpacity: 0.6 }),
      // Narrow: the side names move to the left edge (on the right they would run into the external-communications box), over gap 1's line with a halo.
      Plot.text(SIDE_LABELS, { x: narrow ? 0 : 100, y: 'y', text: (d: (typeof SIDE_LABELS)[number]) => d.text[ctx.locale], textAnchor: narrow ? 'start' : 'end', fill: 'currentColor', fontWeight: 700, fillOpacity: 0.7, stroke: 'var(--bg, white)', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.rect(BOXES, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'var(--bg, white)', stroke: 'currentColor', strokeOpacity: 0.7, rx: 3 }),
      // One mark per box: Plot wraps text at a constant lineWidth (in ems), and the boxes differ in width.
      ...BOXES.map((box) =>
        Plot.text([box], {
          x: (box.x1 + box.x2) / 2,
          y: (box.y1 + box.y2) / 2,
          text: (d: BoxSpec) => (narrow && d.narrowText ? d.narrowText : d.text)[ctx.locale],
          // A text broken by hand keeps its breaks only.
          lineWidth: narrow && box.narrowText ? Infinity : ((box.x2 - box.x1 - 2) * (ctx.width - 12)) / 100 / boxFont,
          fill: 'currentColor',
        }),
      ),
      Plot.arrow(FLOWS, { x1: (d: number[]) => d[0], y1: (d: number[]) => d[1], x2: (d: number[]) => d[2], y2: (d: number[]) => d[3], stroke: 'currentColor', strokeOpacity: 0.55, headLength: 6 }),
      Plot.link(segments, {
        x1: (d: (typeof segments)[number]) => d.from[0],
        y1: (d: (typeof segments)[number]) => d.from[1],
        x2: (d: (typeof segments)[number]) => d.to[0],
        y2: (d: (typeof segments)[number]) => d.to[1],
        stroke: 'color',
        strokeWidth: 2.5,
        strokeDasharray: '5 3',
      }),
      // One text mark per anchor: Plot's textAnchor is a constant, not a channel.
      ...(['start', 'middle'] as const).map((anchor) =>
        Plot.text(
          gaps.filter((g) => g.anchor === anchor),
          {
            x: (d: (typeof gaps)[number]) => d.label[0],
            y: (d: (typeof gaps)[number]) => d.label[1],
            text: (d: (typeof gaps)[number]) => `${d.name}\n${d.figure}`,
            textAnchor: anchor,
            fill: 'color',
            className: ON_PAGE_TEXT,
            fontWeight: 600,
            stroke: 'var(--bg, white)',
            strokeWidth: 3,
            paintOrder: 'stroke',
          },
        ),
      ),
    ],
  };
}

/** Each gap's name and figure, or that it was not measured. */
function gapModelSummary(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const columns = result.columns.map((c) => c.name);
  const gap = field(spec, columns, 'gap', locale).key;
  const x = field(spec, columns, 'x', locale).key;
  const sig = field(spec, columns, 'significant', locale).key;
  const format = setting<string>(OPTIONS, spec, 'format')!;
  const byGap = new Map<number, Row>();
  for (const r of result.rows) if (gap) byGap.set(Number(r[gap]), r);
  return ([1, 2, 3, 4, 5] as const)
    .map((g) => {
      const r = byGap.get(g);
      const v = r && x ? numberOf(r[x]) : Number.NaN;
      const figure = Number.isFinite(v) ? `${formatValue(v, format)}${sig && r?.[sig] === true ? '*' : ''}` : NOT_MEASURED[locale];
      return `${GAP_NAMES[g][locale]} ${figure}`;
    })
    .join(WORDS[locale].sep);
}

export const gapmodel: ChartType = {
  name: 'gapmodel',
  doc: 'The five-gap model of service quality in its classic layout (Parasuraman, Zeithaml & Berry 1985): the customer side above the line, the provider below, each gap between the two boxes it compares with its value and interval. A gap without a value reads "not measured".',
  title: { zh: '五差距模型图', en: 'Five-gap model diagram' },
  required: ['gap', 'x'],
  options: OPTIONS,
  encodings: [{ key: 'gap', role: 'gap' }, { key: 'x', role: 'value', formatted: true, interval: 'xError' }, { key: 'significant', role: 'significant' }, N_ENCODING],
  plot: gapModelChart,
  summary: gapModelSummary,
};
