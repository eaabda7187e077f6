/**
 * The shape matrix: every page built against data folders that each drop or vary one thing the
 * contract allows (and one that combines several, like a first small study), with the real
 * contract, the real DuckDB-WASM engine and the real page files. For the default state of every
 * page that builds: no inline value prints "–", and a chart with no rows says why in both languages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/build/prepare.ts';
import type { ChartParts } from '../../src/notebook/render.ts';
import { generateSampleData } from '../../src/sample/index.ts';
import { buildPage, loadNotebook, PageEngine, unsupportedBecause, type PageModel } from '../../src/site/engine.ts';
import { makeShape, SHAPE_VARIANTS } from './variants.ts';

const PAGES = path.resolve('pages');
const pageFiles = fs.readdirSync(PAGES).filter((f) => f.endsWith('.md')).sort();
let root = '';
let base = '';

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-shapes-'));
  base = path.join(root, 'base');
  // Small but complete: every file kind, five quarters (a year-ago comparison exists), three banks.
  generateSampleData({ outDir: base, respondents: 90, quarters: 5, servqualCustomers: 30, servqualManagers: 6 });
});

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

interface BuiltShape {
  pages: Map<string, PageModel>;
  skipped: Map<string, string>;
}

/** Builds every page against one data folder, in page order on one engine, as the site build does. */
async function buildShape(name: string, variants: string[], only?: string[]): Promise<BuiltShape> {
  const dir = makeShape(base, path.join(root, name), ...variants);
  const prepared = await prepareData(dir, path.join(root, `${name}-work`), () => {});
  const engine = new PageEngine(prepared.tablesDir, prepared.tables, prepared.files);
  const pages = new Map<string, PageModel>();
  const skipped = new Map<string, string>();
  try {
    for (const f of pageFiles.filter((p) => !only || only.includes(p))) {
      const nb = loadNotebook(path.join(PAGES, f), f.replace(/\.md$/, ''));
      const why = await unsupportedBecause(nb, engine);
      if (why) skipped.set(f, why);
      else pages.set(f, await buildPage(nb, engine));
    }
  } finally {
    await engine.close();
  }
  return { pages, skipped };
}

const EMPTY_INLINE = /<span class="inline-value" data-cell="(\w+)" data-column="(\w+)"[^>]*>–<\/span>/g;

/** What a reader of the default state would find missing or unexplained, one line per finding. */
function unexplained(page: PageModel): string[] {
  const out: string[] = [];
  for (const [locale, blocks] of Object.entries(page.rendered)) {
    blocks.forEach((rendered, i) => {
      const block = page.notebook.blocks[i]!;
      const html = typeof rendered === 'string' ? rendered : `${rendered.title} ${rendered.method}`;
      for (const m of html.matchAll(EMPTY_INLINE)) out.push(`${locale} line ${block.line}: {${m[1]}.${m[2]}} prints "–"`);
      if (typeof rendered !== 'string' && (rendered as ChartParts).empty && !(rendered as ChartParts).emptyText.trim()) {
        out.push(`${locale} line ${block.line}: chart ${'name' in block ? block.name : ''} is empty and says nothing`);
      }
    });
  }
  return out;
}

const CASES: { name: string; variants: string[]; skipped?: string[] }[] = [
  ...SHAPE_VARIANTS.map((v) => ({ name: v.name, variants: [v.name] })),
  // A first study: one bank, one quarter, no segments.
  { name: 'first-study', variants: ['one-bank', 'one-quarter', 'no-segment'] },
];
CASES.find((c) => c.name === 'one-bank')!.skipped = ['case-cmb.md', 'case-icbc.md'];
CASES.find((c) => c.name === 'first-study')!.skipped = ['case-cmb.md', 'case-icbc.md'];
CASES.find((c) => c.name === 'other-ids')!.skipped = ['case-cmb.md', 'case-icbc.md', 'case-pingan.md'];
CASES.find((c) => c.name === 'no-nps')!.skipped = ['case-cmb.md', 'case-icbc.md', 'case-pingan.md'];
CASES.find((c) => c.name === 'no-emotions')!.skipped = ['journey.md'];
CASES.find((c) => c.name === 'no-channels')!.skipped = ['voices.md'];
CASES.find((c) => c.name === 'no-servqual')!.skipped = ['servqual.md'];
CASES.find((c) => c.name === 'no-stages')!.skipped = ['journey.md', 'voices.md'];
CASES.find((c) => c.name === 'no-metrics')!.skipped = ['case-cmb.md', 'case-icbc.md', 'case-pingan.md', 'compare.md'];

describe('every page holds for data shaped unlike the sample', () => {
  for (const c of CASES) {
    const what = SHAPE_VARIANTS.find((v) => v.name === c.name)?.what ?? c.variants.join(' + ');
    it(`${c.name}: ${what}`, async () => {
      const built = await buildShape(c.name, c.variants);
      expect([...built.skipped.keys()].sort()).toEqual(c.skipped ?? []);
      for (const why of built.skipped.values()) expect(why).toMatch(/banks\.csv does not list|the data have no|has no nps answers|the survey has none/);
      const findings = [...built.pages].flatMap(([f, page]) => unexplained(page).map((line) => `${f} ${line}`));
      expect(findings).toEqual([]);
    });
  }

  it('a first study without segments gets the emotion map and the peak-end test from all its respondents', async () => {
    const built = await buildShape('first-study-journey', ['one-bank', 'one-quarter', 'no-segment']);
    const journey = built.pages.get('journey.md')!;
    const html = journey.rendered.en.map((r) => (typeof r === 'string' ? r : `${r.title}${r.body}${r.method}`)).join('\n');
    // 90 respondents of the one bank in the one quarter: none dropped for lacking a segment.
    expect(html).toMatch(/data-cell="map_totals" data-column="respondents"[^>]*>90</);
    const map = journey.rendered.en[journey.notebook.blocks.findIndex((b) => b.kind === 'chart' && b.name === 'emotion_map_chart')] as ChartParts;
    expect(map.empty).toBe(false);
    const peakEnd = /data-cell="peak_end_all" data-column="n"[^>]*>([\d,]+)</.exec(html);
    expect(peakEnd).not.toBeNull();
    expect(Number(peakEnd![1]!.replace(/,/g, ''))).toBeGreaterThan(80);
  });

  it('the findings page builds without SERVQUAL, stages, metrics and channels, each section saying which file it lacks', async () => {
    const built = await buildShape('findings-bare', ['no-servqual', 'no-stages', 'no-metrics', 'no-channels'], ['findings.md']);
    expect([...built.skipped.keys()]).toEqual([]);
    const page = built.pages.get('findings.md')!;
    expect(unexplained(page)).toEqual([]);
    const chart = (name: string, locale: 'zh' | 'en') =>
      page.rendered[locale][page.notebook.blocks.findIndex((b) => b.kind === 'chart' && b.name === name)] as ChartParts;
    // The survey's own figures are still tested, and those that did not change are listed with their detectable change.
    const prose = page.rendered.en.map((r) => (typeof r === 'string' ? r : '')).join('\n');
    expect(Number(/data-column="tests"[^>]*>([\d,]+)</.exec(prose)![1]!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(chart('no_change', 'en').empty).toBe(false);
    expect(chart('provider_gap_list', 'en')).toMatchObject({ empty: true, emptyText: expect.stringContaining('no SERVQUAL questionnaires (servqual/ folder)') });
    expect(chart('provider_gap_list', 'zh').emptyText).toContain('没有 SERVQUAL 问卷');
    expect(chart('moments_list', 'en')).toMatchObject({ empty: true, emptyText: expect.stringContaining('no stages.csv') });
    expect(chart('metric_change_list', 'en')).toMatchObject({ empty: true, emptyText: expect.stringContaining('no operating metrics (metrics/ folder') });
    // No gap 5 or channel mismatch figure is made up from the empty stand-ins (the charts; the prose names them as kinds).
    const html = page.rendered.en.map((r) => (typeof r === 'string' ? '' : `${r.body}`)).join('\n');
    expect(html).not.toMatch(/gap 5|served outside/);
  });

  it('the findings page says when one bank has too few respondents to detect a small change, instead of listing nothing', async () => {
    // 90 respondents of one bank per quarter: far too few for 80% power at d = 0.2 (about 400 per quarter are needed).
    const built = await buildShape('findings-few', ['one-bank'], ['findings.md']);
    const page = built.pages.get('findings.md')!;
    expect(unexplained(page)).toEqual([]);
    const text = (locale: 'zh' | 'en') => page.rendered[locale].map((r) => (typeof r === 'string' ? r : `${r.body}`)).join('\n');
    expect(text('en')).toMatch(/\d+ comparisons have too few respondents \(n as low as \d+ this quarter\) to detect even a small change of 0\.2 standard deviations with 80% power/);
    expect(text('zh')).toMatch(/\d+ 项比较的样本量太少（本季 n 最少 \d+），连 0\.2 个标准差的小变化也无法以 80% 功效检出/);
    expect(text('en')).toMatch(/NPS: no significant change on the previous quarter .* cannot be detected reliably \(80% power\), not even a small change of 0\.2 standard deviations: too few respondents\./);
  });

  it('with one quarter, the findings page says there is nothing to compare with', async () => {
    const built = await buildShape('findings-one-quarter', ['one-quarter'], ['findings.md']);
    const page = built.pages.get('findings.md')!;
    expect(unexplained(page)).toEqual([]);
    const en = page.rendered.en.map((r) => (typeof r === 'string' ? r : `${r.body}`)).join('\n');
    expect(en).toContain('The data hold no previous quarter to compare with.');
  });
});
