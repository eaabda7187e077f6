/**
 * The generated files against the data contract (../shared/specs/data-contract.md): file names,
 * exact column names, value ranges and codes. Column lists are spelled out here rather than
 * imported from the generator, so a renamed column fails the test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { makeSample, removeTempDirs } from './fixture.ts';
import { num, readCsv } from './stats.ts';
import type { Row } from './stats.ts';

let dir: string;
let quarters: string[];

beforeAll(() => {
  const r = makeSample({ respondents: 400, quarters: 4, servqualCustomers: 60, servqualManagers: 8 });
  dir = r.options.outDir;
  quarters = r.quarters;
});
afterAll(removeTempDirs);

const SLUG = /^[a-z0-9_-]+$/;
const STAGE_IDS = ['awareness', 'consideration', 'onboarding', 'usage', 'aftercare'];
const TASK_IDS = ['open_account', 'transfer', 'loan_inquiry', 'wealth_advice', 'complaint'];
const CHANNEL_IDS = ['branch', 'app', 'web', 'phone'];
const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

function isInt(v: number | null, lo: number, hi: number): boolean {
  return v !== null && Number.isInteger(v) && v >= lo && v <= hi;
}

describe('sample data: reference tables', () => {
  it('banks.csv: three banks with slugs, names, distinct colours and a peer group', () => {
    const { fields, rows } = readCsv(`${dir}/banks.csv`);
    expect(fields).toEqual(['bank_id', 'name_zh', 'name_en', 'color', 'peer_group']);
    expect(rows.map((r) => r.bank_id)).toEqual(['cmb', 'pingan', 'icbc']);
    expect(rows.map((r) => r.name_zh)).toEqual(['招商银行', '平安银行', '工商银行']);
    for (const r of rows) {
      expect(r.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(r.peer_group).not.toBe('');
    }
    expect(new Set(rows.map((r) => r.color)).size).toBe(3);
  });

  it('stages.csv: the five journey stages in order, moments of truth marked', () => {
    const { fields, rows } = readCsv(`${dir}/stages.csv`);
    expect(fields).toEqual(['stage_id', 'order', 'label_zh', 'label_en', 'moment_of_truth']);
    expect(rows.map((r) => r.stage_id)).toEqual(STAGE_IDS);
    expect(rows.map((r) => r.order)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.map((r) => r.label_zh)).toEqual(['认知', '考虑', '办理', '使用', '售后/投诉']);
    expect(rows.filter((r) => r.moment_of_truth === 'true').map((r) => r.stage_id)).toEqual(['awareness', 'consideration', 'aftercare']);
    expect(rows.every((r) => ['true', 'false'].includes(r.moment_of_truth!))).toBe(true);
  });

  it('attributes.csv: 12–14 attributes with stage, dimension, scale and NA codes', () => {
    const { fields, rows } = readCsv(`${dir}/attributes.csv`);
    expect(fields).toEqual(['attribute_id', 'label_zh', 'label_en', 'stage_id', 'dimension', 'scale_min', 'scale_max', 'na_codes']);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.length).toBeLessThanOrEqual(14);
    expect(new Set(rows.map((r) => r.attribute_id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.attribute_id).toMatch(SLUG);
      expect(STAGE_IDS).toContain(r.stage_id);
      expect(DIMENSIONS).toContain(r.dimension);
      expect(r.label_zh).toMatch(/\p{Script=Han}/u);
      expect(r.na_codes).toMatch(/^(\d+(;\d+)*)?$/);
      for (const code of r.na_codes ? r.na_codes.split(';') : []) {
        // An NA code inside the scale would make a real answer look missing.
        expect(Number(code) < Number(r.scale_min) || Number(code) > Number(r.scale_max)).toBe(true);
      }
    }
    for (const s of STAGE_IDS) expect(rows.some((r) => r.stage_id === s), s).toBe(true);
    for (const d of DIMENSIONS) expect(rows.some((r) => r.dimension === d), d).toBe(true);
    expect(rows.some((r) => r.scale_max === '5')).toBe(true);
    expect(rows.filter((r) => r.na_codes).length).toBeGreaterThanOrEqual(2);
  });
});

describe('sample data: tasks, channels and comment themes', () => {
  it('tasks.csv: five tasks in order', () => {
    const { fields, rows } = readCsv(`${dir}/tasks.csv`);
    expect(fields).toEqual(['task_id', 'label_zh', 'label_en', 'order']);
    expect(rows.map((r) => r.task_id)).toEqual(TASK_IDS);
    expect(rows.map((r) => r.order)).toEqual(['1', '2', '3', '4', '5']);
    for (const r of rows) expect(r.label_zh).toMatch(/\p{Script=Han}/u);
  });

  it('channels.csv: exactly the channels the survey serves through', () => {
    const { fields, rows } = readCsv(`${dir}/channels.csv`);
    expect(fields).toEqual(['channel_id', 'label_zh', 'label_en', 'order']);
    expect(rows.map((r) => r.channel_id)).toEqual(CHANNEL_IDS);
    const served = new Set(readdirSync(`${dir}/survey`).flatMap((f) => readCsv(`${dir}/survey/${f}`).rows.map((r) => r.channel)));
    expect(served).toEqual(new Set(CHANNEL_IDS));
  });

  it('themes.csv: 6–8 themes, each with Chinese and English keywords', () => {
    const { fields, rows } = readCsv(`${dir}/themes.csv`);
    expect(fields).toEqual(['theme_id', 'label_zh', 'label_en', 'keywords_zh', 'keywords_en']);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.length).toBeLessThanOrEqual(8);
    for (const r of rows) {
      expect(r.theme_id).toMatch(SLUG);
      expect(r.keywords_zh!.split(';').every((k) => /\p{Script=Han}/u.test(k))).toBe(true);
      expect(r.keywords_en!.split(';').every((k) => /^[a-z][a-z ]*[a-z]$/.test(k))).toBe(true);
    }
    expect(rows.map((r) => r.theme_id)).toEqual(expect.arrayContaining(['waiting', 'app_stability', 'fees', 'staff_attitude', 'security', 'personalisation']));
  });
});

describe('sample data: survey', () => {
  let attrs: Row[];
  let files: string[];
  beforeAll(() => {
    attrs = readCsv(`${dir}/attributes.csv`).rows;
    files = readdirSync(`${dir}/survey`).sort();
  });

  it('has one file per quarter with exactly the contract columns', () => {
    expect(files).toEqual(quarters.map((q) => `${q}.csv`));
    const expected = [
      'respondent_id', 'quarter', 'bank', 'segment', 'channel', 'weight', 'overall', 'nps', 'csat', 'ces',
      ...attrs.map((a) => `perf_${a.attribute_id}`),
      ...attrs.map((a) => `imp_${a.attribute_id}`),
      ...STAGE_IDS.map((s) => `emo_${s}`),
      'lvl_needs', 'lvl_ease', 'lvl_enjoy',
      ...TASK_IDS.map((t) => `pref_${t}`),
      'comment',
    ];
    for (const f of files) expect(readCsv(`${dir}/survey/${f}`).fields, f).toEqual(expected);
  });

  it('is UTF-8 with LF line ends and no BOM', () => {
    const bytes = readFileSync(`${dir}/survey/${files[0]}`);
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.includes(Buffer.from('\r'))).toBe(false);
  });

  it('holds valid values: ids, categories, weights and every rating in range or a missing code', () => {
    for (const f of files) {
      const quarter = f.replace('.csv', '');
      const { rows } = readCsv(`${dir}/survey/${f}`);
      expect(rows.length).toBe(3 * 400);
      const ids = new Set(rows.map((r) => `${r.bank}/${r.respondent_id}`));
      expect(ids.size, 'respondent ids unique within wave and bank').toBe(rows.length);
      let weightSum = 0;
      // Collected rather than asserted per cell: a million expect() calls would make the test slow.
      const bad: string[] = [];
      const check = (ok: boolean, what: string) => {
        if (!ok && bad.length < 20) bad.push(`${f}: ${what}`);
      };
      for (const r of rows) {
        check(r.quarter === quarter, `quarter ${r.quarter}`);
        check(['cmb', 'pingan', 'icbc'].includes(r.bank!), `bank ${r.bank}`);
        check(['mass', 'affluent', 'young', 'senior', 'sme'].includes(r.segment!), `segment ${r.segment}`);
        check(CHANNEL_IDS.includes(r.channel!), `channel ${r.channel}`);
        for (const t of TASK_IDS) check(r[`pref_${t}`] === '' || CHANNEL_IDS.includes(r[`pref_${t}`]!), `pref_${t}=${r[`pref_${t}`]}`);
        const w = Number(r.weight);
        check(w > 0, `weight ${r.weight}`);
        weightSum += w;
        for (const [col, lo, hi] of [['overall', 1, 10], ['nps', 0, 10], ['csat', 1, 5], ['ces', 1, 7]] as const) {
          const v = num(r[col]);
          check(v === null || isInt(v, lo, hi), `${col}=${r[col]}`);
        }
        for (const a of attrs) {
          const na = a.na_codes ? a.na_codes.split(';') : [];
          for (const prefix of ['perf_', 'imp_']) {
            const v = num(r[prefix + a.attribute_id], na);
            check(v === null || isInt(v, Number(a.scale_min), Number(a.scale_max)), `${prefix}${a.attribute_id}=${v}`);
          }
        }
        for (const s of STAGE_IDS) {
          const v = num(r[`emo_${s}`]);
          check(v === null || isInt(v, -3, 3), `emo_${s}=${v}`);
        }
        for (const l of ['lvl_needs', 'lvl_ease', 'lvl_enjoy']) {
          const v = num(r[l]);
          check(v === null || isInt(v, 1, 5), `${l}=${v}`);
        }
      }
      expect(bad).toEqual([]);
      expect(weightSum / rows.length).toBeGreaterThan(0.9);
      expect(weightSum / rows.length).toBeLessThan(1.1);
    }
  });

  it('has realistic gaps: NA codes, NA tokens, skipped late stages, sparse complaint handling', () => {
    const rows = files.flatMap((f) => readCsv(`${dir}/survey/${f}`).rows);
    const share = (pred: (r: Row) => boolean) => rows.filter(pred).length / rows.length;
    expect(share((r) => r.perf_queue_time === '99' || r.perf_queue_time === '0')).toBeGreaterThan(0.1);
    expect(share((r) => r.perf_complaint_handling === '99' || r.perf_complaint_handling === '0')).toBeGreaterThan(0.3);
    expect(share((r) => Object.values(r).includes('NA'))).toBeGreaterThan(0.01);
    expect(share((r) => r.emo_aftercare === '')).toBeGreaterThan(0.15);
    expect(share((r) => r.emo_usage === '' && r.emo_aftercare === '')).toBeGreaterThan(0.005);
    expect(share((r) => r.overall === '')).toBeLessThan(0.02);
    // Weights are not all alike: they restore the banks' segment mix.
    const weights = rows.map((r) => Number(r.weight));
    expect(Math.max(...weights) / Math.min(...weights)).toBeGreaterThan(4);
  });

  it('has ~30% comments in Chinese and English, some with commas, quotes and line breaks', () => {
    const comments = files.flatMap((f) => readCsv(`${dir}/survey/${f}`).rows.map((r) => r.comment!)).filter((c) => c !== '');
    const n = 4 * 3 * 400;
    expect(comments.length / n).toBeGreaterThan(0.22);
    expect(comments.length / n).toBeLessThan(0.4);
    expect(comments.filter((c) => /\p{Script=Han}/u.test(c)).length / comments.length).toBeGreaterThan(0.5);
    expect(comments.filter((c) => /^[\x20-\x7e\n]+$/.test(c)).length / comments.length).toBeGreaterThan(0.15);
    expect(comments.some((c) => c.includes(','))).toBe(true);
    expect(comments.some((c) => c.includes('"'))).toBe(true);
    expect(comments.some((c) => c.includes('\n'))).toBe(true);
  });

  it('holds one comment with an HTML tag and an event handler, in the last quarter', () => {
    const hostile = files.flatMap((f) => readCsv(`${dir}/survey/${f}`).rows.filter((r) => r.comment!.includes('onerror=')).map((r) => [f, r.bank, r.comment]));
    expect(hostile).toHaveLength(1);
    expect(hostile[0]![0]).toBe(`${quarters.at(-1)}.csv`);
    expect(hostile[0]![1]).toBe('cmb');
    expect(hostile[0]![2]).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('sample data: SERVQUAL', () => {
  it('has the wide questionnaire layout, 1–7 items and 100-point allocations for customers only', () => {
    const files = readdirSync(`${dir}/servqual`).sort();
    expect(files).toEqual(quarters.map((q) => `${q}.csv`));
    const items = (p: string) => Array.from({ length: 22 }, (_, i) => `${p}${String(i + 1).padStart(2, '0')}`);
    const wCols = DIMENSIONS.map((d) => `w_${d}`);
    for (const f of files) {
      const { fields, rows } = readCsv(`${dir}/servqual/${f}`);
      expect(fields).toEqual(['respondent_id', 'quarter', 'bank', 'role', 'weight', ...items('e'), ...items('p'), ...wCols]);
      expect(rows.filter((r) => r.role === 'customer').length).toBe(3 * 60);
      expect(rows.filter((r) => r.role === 'manager').length).toBe(3 * 8);
      expect(new Set(rows.map((r) => `${r.bank}/${r.respondent_id}`)).size).toBe(rows.length);
      for (const r of rows) {
        expect(r.quarter).toBe(f.replace('.csv', ''));
        for (const c of items('e')) if (r[c] !== '') expect(isInt(num(r[c]), 1, 7)).toBe(true);
        if (r.role === 'customer') {
          for (const c of items('p')) if (r[c] !== '') expect(isInt(num(r[c]), 1, 7)).toBe(true);
          expect(Number(r.weight)).toBeGreaterThan(0);
          const points = wCols.map((c) => Number(r[c]));
          expect(points.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
          expect(points.reduce((a, b) => a + b, 0)).toBe(100);
        } else {
          expect(r.role).toBe('manager');
          expect(r.weight).toBe('1');
          for (const c of [...items('p'), ...wCols]) expect(r[c]).toBe('');
        }
      }
    }
  });
});

describe('sample data: SERVQUAL provider measures and opinions', () => {
  it('has one provider file per quarter: 22 items × specification, delivered, promised per bank, on 1–7, with sources', () => {
    const files = readdirSync(`${dir}/servqual_provider`).sort();
    expect(files).toEqual(quarters.map((q) => `${q}.csv`));
    for (const f of files) {
      const { fields, rows } = readCsv(`${dir}/servqual_provider/${f}`);
      expect(fields).toEqual(['quarter', 'bank', 'measure', 'item', 'value', 'source', 'n', 'note']);
      expect(rows.length).toBe(3 * 22 * 3);
      expect(new Set(rows.map((r) => `${r.bank}/${r.measure}/${r.item}`)).size).toBe(rows.length);
      for (const r of rows) {
        expect(r.quarter).toBe(f.replace('.csv', ''));
        expect(['cmb', 'pingan', 'icbc']).toContain(r.bank);
        expect(['specification', 'delivered', 'promised']).toContain(r.measure);
        expect(isInt(num(r.item), 1, 22)).toBe(true);
        const v = num(r.value)!;
        expect(v >= 1 && v <= 7).toBe(true);
        expect(r.source).toMatch(/\p{Script=Han}.* \/ [a-z]/u);
        if (r.measure === 'specification') expect(r.n).toBe('');
        else expect(isInt(num(r.n), 1, 1e6)).toBe(true);
      }
    }
  });

  it('servqual_opinions.csv: 150–300 gap-coded opinions of customers, staff and managers, in Chinese and English', () => {
    const { fields, rows } = readCsv(`${dir}/servqual_opinions.csv`);
    expect(fields).toEqual(['opinion_id', 'gap', 'role', 'bank', 'quarter', 'dimension', 'text']);
    // 7–11 per bank and quarter.
    expect(rows.length).toBeGreaterThanOrEqual(3 * quarters.length * 7);
    expect(rows.length).toBeLessThanOrEqual(3 * quarters.length * 11);
    expect(new Set(rows.map((r) => r.opinion_id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(['customer', 'staff', 'manager']));
    expect(new Set(rows.map((r) => r.gap))).toEqual(new Set(['1', '2', '3', '4', '5']));
    for (const r of rows) {
      expect(quarters).toContain(r.quarter);
      expect(['cmb', 'pingan', 'icbc']).toContain(r.bank);
      expect(['', ...DIMENSIONS]).toContain(r.dimension);
      expect(r.text!.trim()).not.toBe('');
    }
    const zh = rows.filter((r) => /\p{Script=Han}/u.test(r.text!)).length / rows.length;
    expect(zh).toBeGreaterThan(0.45);
    expect(zh).toBeLessThan(0.85);
  });
});

describe('sample data: metrics', () => {
  it('metric_defs.csv and one long-format file per metric, at each metric’s own grain', () => {
    const defs = readCsv(`${dir}/metric_defs.csv`);
    expect(defs.fields).toEqual(['metric_id', 'label_zh', 'label_en', 'unit_zh', 'unit_en', 'direction', 'format', 'group_zh', 'group_en']);
    for (const d of defs.rows) expect(['higher_better', 'lower_better', 'neutral']).toContain(d.direction);
    const ids = defs.rows.map((d) => d.metric_id!);
    expect(ids).toEqual(expect.arrayContaining(['app_rating', 'complaints_per_10k', 'avg_wait_minutes', 'digital_share', 'mobile_mau_million']));
    expect(readdirSync(`${dir}/metrics`).sort()).toEqual(ids.map((m) => `${m}.csv`).sort());
    const grains = new Set<string>();
    for (const id of ids) {
      const { fields, rows } = readCsv(`${dir}/metrics/${id}.csv`);
      expect(fields).toEqual(['bank', 'period', 'metric', 'value', 'source', 'note']);
      expect(new Set(rows.map((r) => r.bank))).toEqual(new Set(['cmb', 'pingan', 'icbc']));
      for (const r of rows) {
        expect(r.metric).toBe(id);
        expect(r.period).toMatch(/^(\d{4}|\d{4}Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/);
        expect(Number.isFinite(num(r.value))).toBe(true);
        expect(r.source).not.toBe('');
        grains.add(r.period!.length === 4 ? 'year' : r.period!.includes('Q') ? 'quarter' : 'month');
      }
      expect(new Set(rows.map((r) => `${r.bank}/${r.period}`)).size).toBe(rows.length);
    }
    expect(grains).toEqual(new Set(['year', 'quarter', 'month']));
    const rating = readCsv(`${dir}/metrics/app_rating.csv`).rows.map((r) => Number(r.value));
    expect(Math.min(...rating)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...rating)).toBeLessThanOrEqual(5);
    const share = readCsv(`${dir}/metrics/digital_share.csv`).rows.map((r) => Number(r.value));
    expect(share.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('SAMPLE.md says the data are synthetic and how to regenerate them', () => {
    const note = readFileSync(`${dir}/SAMPLE.md`, 'utf8');
    expect(note).toMatch(/synthetic/i);
    expect(note).toMatch(/合成/);
    expect(note).toMatch(/npm run sample-data -- .*--seed \d+ --respondents 400 --quarters 4/);
  });
});

describe('sample data: the data contract', () => {
  it('a generated folder passes the check with no warning, and every SERVQUAL kind is loaded', async () => {
    const result = await checkDataFolder(dir);
    const problems = result.files.flatMap((f) => f.issues).concat(result.issues ?? []);
    expect(problems.map((i) => `${i.file}:${i.line ?? ''}: ${i.message}`)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.tables.map((t) => t.name)).toEqual([
      'banks', 'attributes', 'stages', 'tasks', 'channels', 'segments', 'themes', 'survey', 'servqual', 'servqual_items', 'servqual_provider', 'servqual_opinions', 'metrics', 'metric_defs', 'targets',
    ]);
    const survey = result.tables.find((t) => t.name === 'survey')!;
    expect(survey.columns.filter((c) => c.name.startsWith('pref_')).map((c) => c.name)).toEqual(TASK_IDS.map((t) => `pref_${t}`));
    const provider = result.tables.find((t) => t.name === 'servqual_provider')!;
    expect(provider.rowCount).toBe(quarters.length * 3 * 22 * 3);
    const servqual = result.tables.find((t) => t.name === 'servqual')!;
    expect(servqual.values.weight!.every((w) => typeof w === 'number' && w > 0)).toBe(true);
  });
});
