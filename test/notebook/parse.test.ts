import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/parse.ts';
import type { ChartCell, InputCell, ProseBlock, SqlCell } from '../../src/notebook/types.ts';

const PAGE = `---
title_zh: 测试
title_en: Test
tables: [survey]
---

Shared prose.

::: zh
中文 {a.n}
:::

::: en
English {a.n:.1f}
:::

\`\`\`input quarter
type: select
label_zh: 季度
label_en: Quarter
options: SELECT DISTINCT quarter AS value FROM survey
\`\`\`

\`\`\`input banks
type: multiselect
options: [cmb, icbc]
default: all
\`\`\`

\`\`\`sql a
SELECT count(*) AS n, '$quarter' AS literal -- $quarter in a comment
FROM survey WHERE quarter = $quarter AND list_contains($banks, bank)
\`\`\`

\`\`\`sql b display
SELECT * FROM a WHERE n > 0
\`\`\`

\`\`\`chart c
type: dot
data: b
x: n
y: n
\`\`\`
`;

describe('parseNotebook', () => {
  const nb = parseNotebook(PAGE, 'pages/test.md', 'test');

  it('reads frontmatter, prose per language and cells with their page lines', () => {
    expect(nb.title).toEqual({ zh: '测试', en: 'Test' });
    expect(nb.tables).toEqual(['survey']);
    const prose = nb.blocks.filter((b): b is ProseBlock => b.kind === 'prose');
    expect(prose.map((p) => [p.locale, p.markdown.trim()])).toEqual([
      [null, 'Shared prose.'],
      ['zh', '中文 {a.n}'],
      ['en', 'English {a.n:.1f}'],
    ]);
    const cells = nb.blocks.filter((b) => b.kind !== 'prose');
    expect(cells.map((c) => [c.kind, (c as SqlCell).name, c.line])).toEqual([
      ['input', 'quarter', 17],
      ['input', 'banks', 24],
      ['sql', 'a', 30],
      ['sql', 'b', 35],
      ['chart', 'c', 39],
    ]);
  });

  it('binds inputs as positional parameters, never inside literals or comments', () => {
    const a = nb.blocks.find((b) => b.kind === 'sql' && b.name === 'a') as SqlCell;
    expect(a.params).toEqual(['quarter', 'banks']);
    expect(a.sql).toContain("'$quarter' AS literal -- $quarter in a comment");
    expect(a.sql).toContain('quarter = $1 AND list_contains(string_split($2, chr(31)), bank)');
  });

  it('finds references to earlier cells and display flags', () => {
    const b = nb.blocks.find((x) => x.kind === 'sql' && x.name === 'b') as SqlCell;
    expect(b.refs).toEqual(['a']);
    expect(b.display).toBe(true);
    const c = nb.blocks.find((x) => x.kind === 'chart') as ChartCell;
    expect(c.data).toBe('b');
    const q = nb.blocks.find((x) => x.kind === 'input') as InputCell;
    expect(q.label).toEqual({ zh: '季度', en: 'Quarter' });
    expect(q.optionsSql).toContain('SELECT DISTINCT');
  });

  it.each([
    ['```sql x\nSELECT $nope\n```', 1, /\$nope is not an input defined above it/],
    ['```chart c\ntype: dot\ndata: missing\n```', 1, /data "missing" is not a sql cell defined above it/],
    ['```sql x\nSELECT 1\n```\n\n```sql x\nSELECT 2\n```', 5, /cell name "x" is already used at line 1/],
    ['```sql survey\nSELECT 1\n```', 1, /reserved/],
    ['```input q\ntype: slider\noptions: [a]\n```', 1, /unknown type "slider"/],
    ['::: zh\n```sql x\nSELECT 1\n```\n:::', 2, /cells belong outside/],
    ['```sql x\nSELECT 1', 1, /never closed/],
  ])('reports page mistakes with the page line: %s', (source, line, message) => {
    expect(() => parseNotebook(source, 'pages/bad.md', 'bad')).toThrow(message);
    try {
      parseNotebook(source, 'pages/bad.md', 'bad');
    } catch (e) {
      expect((e as Error).message.startsWith(`pages/bad.md:${line}: `)).toBe(true);
    }
  });
});
