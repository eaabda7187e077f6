/**
 * targets.csv through the whole build: the real contract, DuckDB-WASM and the real pages. The
 * overview reads each bank's figures against their targets in a sentence and marks them on its
 * charts, the comparison's league table says "…: below", the findings page lists the runs of
 * quarters below target; without the file none of it appears.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/build/prepare.ts';
import type { ChartParts } from '../../src/notebook/render.ts';
import { generateSampleData } from '../../src/sample/index.ts';
import { buildPage, loadNotebook, PageEngine, type PageModel } from '../../src/site/engine.ts';
import type { Locale } from '../../src/text/locale.ts';

const PAGES = ['overview', 'compare', 'findings', 'case-pingan'];
let root = '';
let quarters: string[] = [];

async function build(dir: string): Promise<Map<string, PageModel>> {
  const prepared = await prepareData(dir, `${dir}-work`, () => {});
  const engine = new PageEngine(prepared.tablesDir, prepared.tables, prepared.files);
  const out = new Map<string, PageModel>();
  try {
    for (const slug of PAGES) out.set(slug, await buildPage(loadNotebook(path.resolve('pages', `${slug}.md`), slug), engine));
  } finally {
    await engine.close();
  }
  return out;
}

const html = (page: PageModel, locale: Locale) => page.rendered[locale].map((r) => (typeof r === 'string' ? r : `${r.title}${r.body}${r.summary}${r.table}${r.method}`)).join('\n');
const chart = (page: PageModel, name: string, locale: Locale) => page.rendered[locale][page.notebook.blocks.findIndex((b) => b.kind === 'chart' && b.name === name)] as ChartParts;
const text = (s: string) => s.replace(/<[^>]+>/g, '');

let withTargets: Map<string, PageModel>;
let without: Map<string, PageModel>;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-targets-'));
  const base = path.join(root, 'with');
  quarters = generateSampleData({ outDir: base, respondents: 60, quarters: 5, servqualCustomers: 0, servqualManagers: 0 }).quarters;
  const [first, last] = [quarters[0]!, quarters.at(-1)!];
  // Targets no bank can reach (every bank below, every quarter), but cmb's own for the latest quarter, which it meets.
  fs.writeFileSync(
    path.join(base, 'targets.csv'),
    ['metric,bank,period,value,label_zh,label_en,source', `NPS,*,${first}–${last},101,年度目标,annual goal,plan`, `nps,cmb,${last},-101,,,`, `app_rating,pingan,${last},5,,,`, `avg_wait_minutes,pingan,${last},10,服务承诺,service pledge,`].join('\n') + '\n',
  );
  const bare = path.join(root, 'without');
  fs.cpSync(base, bare, { recursive: true });
  fs.rmSync(path.join(bare, 'targets.csv'));
  [withTargets, without] = await Promise.all([build(base), build(bare)]);
}, 600_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('targets on the built pages', () => {
  it('the overview reads each bank’s NPS against its target, a bank’s own target first, and marks it on the charts', () => {
    const overview = withTargets.get('overview')!;
    const en = text(html(overview, 'en'));
    const last = quarters.at(-1)!;
    expect(en).toMatch(new RegExp(`Against targets \\(${last}\\): .*China Merchants Bank NPS −?[\\d.]+, target −101: above`));
    expect(en).toMatch(/Ping An Bank NPS −?[\d.]+, annual goal 101: below/);
    expect(en).not.toMatch(/China Merchants Bank NPS −?[\d.]+, annual goal/);
    expect(text(html(overview, 'zh'))).toMatch(/对照目标（\d{4}Q\d）：.*平安银行 NPS −?[\d.]+，年度目标 101：低于目标/);
    const dots = chart(overview, 'nps_by_bank', 'en');
    expect(dots.body).toContain('cx-target');
    // Named as a target for assistive technology and tools, never as a series' line or dot.
    expect(dots.body).toMatch(/<g[^>]*class="cx-target"[^>]*data-mark="target"|<g[^>]*data-mark="target"[^>]*class="cx-target"/);
    expect(chart(withTargets.get('compare')!, 'trends', 'en').body).not.toMatch(/data-mark="line"[^>]*cx-target|cx-target[^>]*data-mark="line"/);
    expect(dots.body).toContain('annual goal 101');
    expect(dots.summary).toMatch(/targets: .*Ping An Bank −?[\d.]+, annual goal 101: below/);
    expect(dots.table).toContain('>Target<');
    // No CSAT target: that chart draws none.
    expect(chart(overview, 'csat_by_bank', 'en').body).not.toContain('cx-target');
    expect(chart(overview, 'nps_trend', 'zh').body).toContain('年度目标 101');
  });

  it('the league table says where each metric stands against its target', () => {
    const league = chart(withTargets.get('compare')!, 'league_chart', 'en').body;
    expect(league).toContain('>Against target<');
    expect(text(league)).toMatch(/−?[\d.]+, annual goal 101: below/);
    expect(text(league)).toMatch(/[\d.]+, target 5: below/);
    expect(chart(withTargets.get('compare')!, 'trends', 'en').body).toContain('cx-target');
  });

  it('a case page marks the bank’s targets on its NPS and operating-metric trends', () => {
    const page = withTargets.get('case-pingan')!;
    expect(chart(page, 'nps_trend', 'zh').body).toContain('年度目标 101');
    expect(chart(page, 'wait_trend_chart', 'en').body).toContain('service pledge 10');
    // Waiting time: above its pledge (by number), whatever the direction.
    expect(chart(page, 'wait_trend_chart', 'en').summary).toMatch(/targets: [\d.]+, service pledge 10: above/);
  });

  it('the findings page lists the runs of quarters below target up to the chosen one', () => {
    const findings = text(html(withTargets.get('findings')!, 'en'));
    const n = quarters.length;
    expect(findings).toMatch(new RegExp(`Against targets \\(${quarters.at(-1)}\\): 2 of 3 survey figures with a target miss it — `));
    expect(findings).toMatch(new RegExp(`Ping An Bank NPS −?[\\d.]+, annual goal 101: below target for the ${['', '', '', '', '', 'fifth'][n]} quarter running`));
    expect(findings).not.toMatch(/China Merchants Bank NPS [^;]*below target/);
    expect(text(html(withTargets.get('findings')!, 'zh'))).toMatch(new RegExp(`工商银行 NPS −?[\\d.]+，年度目标 101：连续第 ${n} 个季度低于目标`));
  });

  it('without targets.csv nothing of them appears', () => {
    for (const [slug, page] of without) {
      for (const locale of ['zh', 'en'] as const) {
        const all = html(page, locale);
        expect(all, slug).not.toContain('cx-target');
        expect(all, slug).not.toMatch(/Against target|对照目标|>Target</);
      }
    }
  });
});
