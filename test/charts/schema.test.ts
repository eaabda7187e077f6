// Chart types as descriptors: each page's chart options checked against its own type's, and the defaults the drawings use.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { chartOptionProblem } from '../../src/charts/options.ts';
import { CHART_TYPE_LIST, chartType } from '../../src/charts/registry.ts';
import { renderChart } from '../../src/charts/render.ts';
import { keysOf, setting } from '../../src/charts/schema.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';

const { document } = new JSDOM('').window;

/** A page whose chart cell (its fence on line 7) holds these lines from line 8 on. */
const page = (chart: string) => `# t\n\n\`\`\`sql d\nSELECT 1 AS x, 2 AS y\n\`\`\`\n\n\`\`\`chart c\n${chart}\n\`\`\`\n`;
const parse = (chart: string) => () => parseNotebook(page(chart), 'pages/t.md', 't');

describe("a chart's options are its type's", () => {
  it("another type's option fails the page at its line, naming the type's near miss and the types that take it", () => {
    expect(parse('type: emotionmap\ndata: d\nx: x\ny: y\nxError: [x, y]')).toThrow(
      'pages/t.md:12: chart "c": unknown option "xError" for type emotionmap (did you mean "yError"?); dot, bar, ipa, diverging, gapmodel take it',
    );
    expect(parse('type: dot\ndata: d\nx: x\ny: y\nband: [x, y]')).toThrow(/^pages\/t\.md:12: chart "c": unknown option "band" for type dot; line takes it$/);
    // A heading `<key>Label` belongs to the type's own columns.
    expect(parse('type: dot\ndata: d\nx: x\ny: y\nfyLabel_en: Level')).toThrow(/pages\/t\.md:12: chart "c": unknown option "fyLabel_en" for type dot.*; bar, .*take it/);
  });

  it("a misspelt option is matched against the type's own options", () => {
    expect(parse('type: heatmap\ndata: d\nx: x\ny: y\nfill: x\nshceme: greens')).toThrow('pages/t.md:13: chart "c": unknown option "shceme" (did you mean "scheme"?)');
    expect(parse('type: ipa\ndata: d\nx: x\ny: y\ncrosshairscope: shared')).toThrow('pages/t.md:12: chart "c": unknown option "crosshairscope" (did you mean "crosshairScope"?)');
  });

  it('a value of the wrong kind fails at its line', () => {
    expect(parse('type: table\ndata: d\npageSize: many')).toThrow('pages/t.md:10: chart "c": pageSize must be a whole number of 1 or more (got "many")');
    expect(parse('type: table\ndata: d\npageSize: 0')).toThrow(/pages\/t\.md:10: .*pageSize must be a whole number of 1 or more \(got 0\)/);
    expect(parse('type: dot\ndata: d\nx: x\ny: y\nzero: "yes"')).toThrow('pages/t.md:12: chart "c": zero must be true or false (got "yes")');
    expect(parse('type: line\ndata: d\nx: x\ny: y\nyDomain: [1, five]')).toThrow('pages/t.md:12: chart "c": yDomain must be [min, max], two numbers (got [1,"five"])');
    expect(parse('type: dot\ndata: d\nx: [x]\ny: y')).toThrow('pages/t.md:10: chart "c": x must name a column (got ["x"])');
    expect(parse('type: dot\ndata: d\nx: x\ny: y\nxError: lo')).toThrow(/pages\/t\.md:12: .*xError must name two columns, \[lo, hi\] \(got "lo"\)/);
    expect(parse('type: heatmap\ndata: d\nx: x\ny: y\nfill: x\nscheme: blue')).toThrow(/pages\/t\.md:13: .*scheme must be one of blues, .* \(got "blue"\) \(did you mean "blues"\?\)/);
    expect(parse('type: ipa\ndata: d\nx: x\ny: y\ncrosshair: mediam')).toThrow(/pages\/t\.md:12: .*crosshair must be one of data, mean, median, scale or \{ x: number, y: number \} \(got "mediam"\) \(did you mean "median"\?\)/);
    expect(parse('type: ipa\ndata: d\nx: x\ny: y\nfx: x\ncolumns: 3')).toThrow(/pages\/t\.md:13: .*columns must be a whole number from 1 to 2 \(got 3\)/);
    expect(parse('type: table\ndata: d\ncolumns:\n  - x\n  - column: y\n    lable_en: Y')).toThrow('pages/t.md:10: chart "c": columns[1] has no key "lable_en" (did you mean "label_en"?)');
  });

  it('takes what its type draws, texts once or per language, and headings of its own columns', () => {
    expect(parse('type: ipa\ndata: d\nx: x\ny: y\nfx: x\ncolumns: 1\ncrosshair: { x: 7, y: 8 }\ndiagonal: true\nxLabel_zh: 表现\nlabelLabel_en: Attribute\ntitle: T\nmethod_en: n = 1')).not.toThrow();
    expect(parse('type: heatmap\ndata: d\nx: x\ny: y\nfill: x\nscheme: Greens\ndomain: [0, 100]\ntableColumns: [x, { column: y, label_en: Y }]')).not.toThrow();
    expect(parse('type: table\ndata: d\ncolumns: [x, { column: y, label_zh: 乙, format: .1f, link: true }]\npageSize: 20\nempty_zh: 空')).not.toThrow();
    // A type it does not know is named when the chart is drawn, with the types there are; its options are checked against every type's.
    expect(chartOptionProblem({ type: 'pie', data: 'd', x: 'x' })).toBeNull();
    expect(chartOptionProblem({ type: 'pie', data: 'd', colour: 'c' })?.message).toBe('unknown option "colour" (did you mean "color"?)');
  });
});

describe('the chart types', () => {
  it('each declares its required keys and its data-table encodings among its own options, with a doc for each', () => {
    expect(new Set(CHART_TYPE_LIST.map((t) => t.name)).size).toBe(CHART_TYPE_LIST.length);
    for (const type of CHART_TYPE_LIST) {
      const keys = keysOf(type);
      for (const key of type.required) expect(keys, `${type.name}.${key}`).toContain(key);
      for (const e of type.encodings) expect(keys, `${type.name} encoding ${e.key}`).toContain(e.key);
      for (const [key, option] of Object.entries(type.options)) expect(option.doc.length, `${type.name}.${key}`).toBeGreaterThan(5);
      expect(type.doc.length).toBeGreaterThan(20);
      expect(Boolean(type.plot) !== Boolean(type.markup), `${type.name} draws one way`).toBe(true);
    }
  });

  it('a setting is the value the page gave, else the type default', () => {
    const diverging = chartType('diverging')!.options;
    expect(setting(diverging, {}, 'format')).toBe('+.2f');
    expect(setting(diverging, { format: '.1f' }, 'format')).toBe('.1f');
    expect(setting(chartType('stacked')!.options, {}, 'format')).toBe('.0f');
    expect(setting(chartType('stacked')!.options, {}, 'palette')).toBe('diverging');
    expect(setting(chartType('emotionmap')!.options, {}, 'yDomain')).toEqual([-3, 3]);
    expect(setting(chartType('emotionmap')!.options, { yDomain: [-5, 5] }, 'yDomain')).toEqual([-5, 5]);
    expect(setting(chartType('heatmap')!.options, {}, 'scheme')).toBe('blues');
    expect(setting(chartType('ipa')!.options, {}, 'crosshair')).toBe('data');
    expect(setting(chartType('dot')!.options, {}, 'zero')).toBe(false);
    // No default: the values' own formatting.
    expect(setting(chartType('dot')!.options, {}, 'format')).toBeUndefined();
    // A value of the wrong kind (which a parsed page cannot hold) falls back to the default.
    expect(setting(chartType('dot')!.options, { zero: 'yes' }, 'zero')).toBe(false);
  });

  const texts = (svg: string, selector = 'text') => [...new JSDOM(svg).window.document.querySelectorAll(selector)].map((t) => t.textContent);

  it("the drawings use their type's defaults: diverging +.2f, stacked .0f with %, emotion map −3…+3", () => {
    const gaps = { columns: [{ name: 'item' }, { name: 'gap' }], rows: [{ item: 'A', gap: 0.1234 }, { item: 'B', gap: -0.5 }] } as never;
    expect(texts(renderChart({ type: 'diverging', x: 'gap', y: 'item' }, gaps, { document, locale: 'en' }))).toEqual(expect.arrayContaining(['+0.12', '−0.50']));
    expect(texts(renderChart({ type: 'diverging', x: 'gap', y: 'item', format: '.1f' }, gaps, { document, locale: 'en' }))).toEqual(expect.arrayContaining(['0.1', '−0.5']));

    const shares = { columns: [{ name: 'stage' }, { name: 'feeling' }, { name: 'share' }], rows: [{ stage: 'S', feeling: 'neg', share: 33.3333 }, { stage: 'S', feeling: 'pos', share: 66.6667 }] } as never;
    expect(texts(renderChart({ type: 'stacked', x: 'share', y: 'stage', series: 'feeling' }, shares, { document, locale: 'en' }), '.stacked-value text')).toEqual(['33%', '67%']);

    const emotions = { columns: [{ name: 'stage' }, { name: 'mean' }], rows: [{ stage: 'a', mean: 0.5 }, { stage: 'b', mean: 1 }] } as never;
    const ticks = (spec: Record<string, unknown>) => texts(renderChart({ type: 'emotionmap', x: 'stage', y: 'mean', ...spec }, emotions, { document, locale: 'en' }), '[aria-label="y-axis tick label"] text');
    expect(ticks({})).toEqual(expect.arrayContaining(['−3', '3']));
    expect(ticks({ yDomain: [-1, 1] })).not.toContain('−3');
  });
});
