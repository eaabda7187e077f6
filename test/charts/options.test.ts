import { describe, expect, it } from 'vitest';
import { unknownChartOption } from '../../src/charts/options.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';

const page = (chart: string) => `# t\n\n\`\`\`sql d\nSELECT 1 AS x, 2 AS y\n\`\`\`\n\n\`\`\`chart c\ntype: dot\ndata: d\n${chart}\n\`\`\`\n`;

describe('chart options', () => {
  it('a mistyped option fails the page at its own line, with a did-you-mean', () => {
    expect(() => parseNotebook(page('x: x\ny: y\ncolour: red'), 'pages/t.md', 't')).toThrow('pages/t.md:12: chart "c": unknown option "colour" (did you mean "color"?)');
    expect(() => parseNotebook(page('x: x\nxerror: [lo, hi]\ny: y'), 'pages/t.md', 't')).toThrow('pages/t.md:11: chart "c": unknown option "xerror" (did you mean "xError"?)');
    expect(() => parseNotebook(page('x: x\ny: y\nwibble: 3'), 'pages/t.md', 't')).toThrow(/unknown option "wibble"$/);
  });

  it('takes every option of the chart types, texts once or per language, and column headings', () => {
    const spec = {
      type: 'multiples', data: 'd', panel: 'p', x: 'x', y: 'y', z: 'bank', seriesName: 'name', period: 'period', unit: 'unit', formatColumn: 'f',
      title: 'T', title_zh: '标题', method_en: 'M', empty_zh: '空', xLabel_en: 'X', seriesNameLabel_zh: '银行', panelLabel_en: 'Metric',
      xError: ['lo', 'hi'], band: ['lo', 'hi'], yDomain: [1, 5], zero: true, pageSize: 20, tableColumns: ['x'],
    };
    expect(unknownChartOption(spec)).toBeNull();
  });

  it('a language suffix belongs to texts only', () => {
    expect(unknownChartOption({ type: 'dot', color_zh: 'c' })?.key).toBe('color_zh');
    expect(unknownChartOption({ type: 'dot', title_fr: 't' })?.key).toBe('title_fr');
  });
});
