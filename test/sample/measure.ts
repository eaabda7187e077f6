/**
 * Measures the realism claims on a generated sample folder. Used by the tests, and runnable to
 * print the figures: `npm exec -- node test/sample/measure.ts [DIR]`.
 */
import { readdirSync } from 'node:fs';
import { mean, num, nps, pearson, peakEndMean, readCsv, relativeWeights } from './stats.ts';
import type { Row } from './stats.ts';

export interface Attr {
  id: string;
  min: number;
  max: number;
  na: string[];
}

export function loadAttributes(dir: string): Attr[] {
  return readCsv(`${dir}/attributes.csv`).rows.map((r) => ({
    id: r.attribute_id!,
    min: Number(r.scale_min),
    max: Number(r.scale_max),
    na: r.na_codes ? r.na_codes.split(';') : [],
  }));
}

export function loadSurvey(dir: string): Row[] {
  return readdirSync(`${dir}/survey`)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => readCsv(`${dir}/survey/${f}`).rows);
}

const STAGES = ['awareness', 'consideration', 'onboarding', 'usage', 'aftercare'];
const DIMS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];
const ITEM_DIM = [...Array(4).fill(0), ...Array(5).fill(1), ...Array(4).fill(2), ...Array(4).fill(3), ...Array(5).fill(4)] as number[];

export interface DriverReport {
  attribute: string;
  r: number;
  relativeWeight: number;
  statedNormalised: number;
  performanceNormalised: number;
}

export function drivers(rows: readonly Row[], attrs: readonly Attr[]): { drivers: DriverReport[]; r2: number; n: number } {
  const overall = rows.map((r) => num(r.overall));
  const perf = attrs.map((a) => rows.map((r) => num(r[`perf_${a.id}`], a.na)));
  const complete: number[] = [];
  for (let i = 0; i < rows.length; i++) if (overall[i] !== null && perf.every((p) => p[i] !== null)) complete.push(i);
  const rw = relativeWeights(
    complete.map((i) => perf.map((p) => p[i]!)),
    complete.map((i) => overall[i]!),
  );
  return {
    n: complete.length,
    r2: rw.r2,
    drivers: attrs.map((a, j) => {
      const imp = rows.map((r) => num(r[`imp_${a.id}`], a.na)).filter((v): v is number => v !== null);
      const pv = perf[j]!.filter((v): v is number => v !== null);
      return {
        attribute: a.id,
        r: pearson(perf[j]!, overall),
        relativeWeight: rw.weights[j]!,
        statedNormalised: (mean(imp) - a.min) / (a.max - a.min),
        performanceNormalised: (mean(pv) - a.min) / (a.max - a.min),
      };
    }),
  };
}

export function peakEnd(rows: readonly Row[]): { n: number; r2PeakEnd: number; r2Mean: number } {
  const pe: number[] = [];
  const me: number[] = [];
  const ov: number[] = [];
  for (const r of rows) {
    const o = num(r.overall);
    const p = peakEndMean(STAGES.map((s) => num(r[`emo_${s}`])));
    if (o === null || p === null) continue;
    pe.push((p.peak + p.end) / 2);
    me.push(p.mean);
    ov.push(o);
  }
  return { n: ov.length, r2PeakEnd: pearson(pe, ov) ** 2, r2Mean: pearson(me, ov) ** 2 };
}

export function byBankQuarter(rows: readonly Row[]) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = `${r.bank}|${r.quarter}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups].map(([k, g]) => {
    const [bank, quarter] = k.split('|') as [string, string];
    const withNps = g.filter((r) => num(r.nps) !== null);
    const csat = g.map((r) => num(r.csat)).filter((v): v is number => v !== null);
    const ces = g.map((r) => num(r.ces)).filter((v): v is number => v !== null);
    const overall = g.map((r) => num(r.overall)).filter((v): v is number => v !== null);
    return {
      bank,
      quarter,
      n: g.length,
      nps: nps(
        withNps.map((r) => num(r.nps)!),
        withNps.map((r) => Number(r.weight)),
      ),
      overall: mean(overall),
      csatTop2: csat.filter((v) => v >= 4).length / csat.length,
      ces: mean(ces),
      comments: g.filter((r) => r.comment).length / g.length,
    };
  });
}

export function emotionCurve(rows: readonly Row[]): Record<string, number> {
  return Object.fromEntries(
    STAGES.map((s) => [s, mean(rows.map((r) => num(r[`emo_${s}`])).filter((v): v is number => v !== null))]),
  );
}

export function servqualGaps(dir: string) {
  const rows = readdirSync(`${dir}/servqual`)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => readCsv(`${dir}/servqual/${f}`).rows);
  const dimMean = (rs: readonly Row[], prefix: string, d: number) => {
    const vals: number[] = [];
    for (const r of rs)
      for (let i = 0; i < 22; i++) {
        if (ITEM_DIM[i] !== d) continue;
        const v = num(r[`${prefix}${String(i + 1).padStart(2, '0')}`]);
        if (v !== null) vals.push(v);
      }
    return mean(vals);
  };
  const customers = rows.filter((r) => r.role === 'customer');
  const managers = rows.filter((r) => r.role === 'manager');
  return {
    customers: customers.length,
    managers: managers.length,
    dimensions: DIMS.map((name, d) => {
      const e = dimMean(customers, 'e', d);
      const p = dimMean(customers, 'p', d);
      const m = dimMean(managers, 'e', d);
      return { dimension: name, e, p, gap5: p - e, gap1: m - e };
    }),
    pointsAlways100: customers.every((r) => DIMS.reduce((s, d) => s + Number(r[`w_${d}`]), 0) === 100),
  };
}

export interface FiveGaps {
  quarter: string;
  bank: string;
  /** Mean over items: 1 managers' e − customers' e, 2 specification − managers' e, 3 delivered − specification, 4 delivered − promised, 5 customers' p − e. */
  gaps: [number, number, number, number, number];
  /** Gap 3 on the reliability and responsiveness items only. */
  deliveryOnReliabilityAndResponsiveness: number;
}

/** The five gaps per bank and quarter, from the questionnaires and the provider measures, unweighted. */
export function fiveGaps(dir: string): FiveGaps[] {
  const questionnaires = readdirSync(`${dir}/servqual`).sort().flatMap((f) => readCsv(`${dir}/servqual/${f}`).rows);
  const provider = readdirSync(`${dir}/servqual_provider`).sort().flatMap((f) => readCsv(`${dir}/servqual_provider/${f}`).rows);
  const cells = [...new Set(questionnaires.map((r) => `${r.quarter}/${r.bank}`))].sort();
  const items = Array.from({ length: 22 }, (_, i) => i + 1);
  const code = (p: string, i: number) => `${p}${String(i).padStart(2, '0')}`;
  const itemMean = (rs: readonly Row[], col: string) => mean(rs.map((r) => num(r[col])).filter((v): v is number => v !== null));
  return cells.map((cell) => {
    const [quarter, bank] = cell.split('/') as [string, string];
    const rs = questionnaires.filter((r) => r.quarter === quarter && r.bank === bank);
    const cs = rs.filter((r) => r.role === 'customer');
    const ms = rs.filter((r) => r.role === 'manager');
    const measures = new Map(provider.filter((r) => r.quarter === quarter && r.bank === bank).map((r) => [`${r.measure}/${r.item}`, Number(r.value)]));
    const m = (measure: string, i: number) => {
      const v = measures.get(`${measure}/${i}`);
      if (v === undefined) throw new Error(`no ${measure} for item ${i}, ${bank} ${quarter}`);
      return v;
    };
    const ce = items.map((i) => itemMean(cs, code('e', i)));
    const cp = items.map((i) => itemMean(cs, code('p', i)));
    const me = items.map((i) => itemMean(ms, code('e', i)));
    const over = (f: (k: number, i: number) => number, only = items) => mean(only.map((i) => f(i - 1, i)));
    const relResp = items.filter((i) => i >= 5 && i <= 13);
    return {
      quarter,
      bank,
      gaps: [
        over((k) => me[k]! - ce[k]!),
        over((k, i) => m('specification', i) - me[k]!),
        over((_k, i) => m('delivered', i) - m('specification', i)),
        over((_k, i) => m('delivered', i) - m('promised', i)),
        over((k) => cp[k]! - ce[k]!),
      ],
      deliveryOnReliabilityAndResponsiveness: over((_k, i) => m('delivered', i) - m('specification', i), relResp),
    };
  });
}

/** Opinions per gap (1–5), in all and per bank. */
export function opinionCounts(dir: string): { all: number[]; byBank: Map<string, number[]> } {
  const rows = readCsv(`${dir}/servqual_opinions.csv`).rows;
  const count = (rs: readonly Row[]) => [1, 2, 3, 4, 5].map((g) => rs.filter((r) => Number(r.gap) === g).length);
  const banks = [...new Set(rows.map((r) => r.bank!))];
  return { all: count(rows), byBank: new Map(banks.map((b) => [b, count(rows.filter((r) => r.bank === b))])) };
}

/** Task ids in tasks.csv order (by `order`): the order that breaks ties of the main preferred channel. */
export function loadTasks(dir: string): string[] {
  return readCsv(`${dir}/tasks.csv`)
    .rows.map((r, i) => ({ id: r.task_id!, order: r.order ? Number(r.order) : Infinity, i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map((t) => t.id);
}

/** The documented rule: the channel named most often among the answered pref_ columns, ties to the earliest task's. */
export function mainPreferredChannel(r: Row, tasks: readonly string[]): string | null {
  const prefs = tasks.map((t) => r[`pref_${t}`] ?? '').filter((c) => c !== '');
  let best: string | null = null;
  let bestCount = 0;
  for (const c of prefs) {
    const n = prefs.filter((d) => d === c).length;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

export interface MismatchReport {
  /** Respondents with a served channel and a main preferred channel. */
  n: number;
  share: number;
  bySegment: Map<string, { n: number; share: number }>;
  /** Mean overall (unweighted) of matched and mismatched respondents. */
  overallMatched: number;
  overallMismatched: number;
  nMatched: number;
  nMismatched: number;
}

export function channelMismatch(rows: readonly Row[], tasks: readonly string[]): MismatchReport {
  const groups = new Map<string, { n: number; m: number }>();
  const ov: [number[], number[]] = [[], []];
  let n = 0;
  let m = 0;
  for (const r of rows) {
    const main = mainPreferredChannel(r, tasks);
    if (!r.channel || main === null) continue;
    const mis = main !== r.channel;
    n++;
    if (mis) m++;
    const g = groups.get(r.segment!) ?? { n: 0, m: 0 };
    g.n++;
    if (mis) g.m++;
    groups.set(r.segment!, g);
    const o = num(r.overall);
    if (o !== null) ov[mis ? 1 : 0].push(o);
  }
  return {
    n,
    share: m / n,
    bySegment: new Map([...groups].map(([k, g]) => [k, { n: g.n, share: g.m / g.n }])),
    overallMatched: mean(ov[0]),
    overallMismatched: mean(ov[1]),
    nMatched: ov[0].length,
    nMismatched: ov[1].length,
  };
}

export const LEVELS = ['lvl_needs', 'lvl_ease', 'lvl_enjoy'] as const;

/** Per bank and level: % top-2 (4–5) − % bottom-2 (1–2) of the answers, and n; unweighted. */
export function levelScores(rows: readonly Row[]): Map<string, Record<(typeof LEVELS)[number], { score: number; n: number }>> {
  const banks = [...new Set(rows.map((r) => r.bank!))];
  return new Map(
    banks.map((b) => {
      const own = rows.filter((r) => r.bank === b);
      const out = {} as Record<(typeof LEVELS)[number], { score: number; n: number }>;
      for (const l of LEVELS) {
        const v = own.map((r) => num(r[l])).filter((x): x is number => x !== null);
        out[l] = { score: (100 * (v.filter((x) => x >= 4).length - v.filter((x) => x <= 2).length)) / v.length, n: v.length };
      }
      return [b, out];
    }),
  );
}

export interface ThemeDef {
  id: string;
  zh: string[];
  en: string[];
}

export function loadThemes(dir: string): ThemeDef[] {
  return readCsv(`${dir}/themes.csv`).rows.map((r) => ({
    id: r.theme_id!,
    zh: r.keywords_zh ? r.keywords_zh.split(';') : [],
    en: r.keywords_en ? r.keywords_en.split(';') : [],
  }));
}

/** Comments matching each theme: a Chinese keyword as a substring, an English one as a whole word, any case. */
export function themeCounts(comments: readonly string[], themes: readonly ThemeDef[]): Map<string, number> {
  return new Map(
    themes.map((t) => {
      const words = t.en.map((w) => new RegExp(`\\b${w}\\b`, 'i'));
      return [t.id, comments.filter((c) => t.zh.some((k) => c.includes(k)) || words.some((re) => re.test(c))).length];
    }),
  );
}

if (import.meta.main) {
  const dir = process.argv[2] ?? 'data';
  const attrs = loadAttributes(dir);
  const rows = loadSurvey(dir);
  const d = drivers(rows, attrs);
  console.log(`drivers (pooled, listwise n = ${d.n}, R² = ${d.r2.toFixed(3)})`);
  for (const x of [...d.drivers].sort((a, b) => b.relativeWeight - a.relativeWeight)) {
    console.log(
      `  ${x.attribute.padEnd(20)} r ${x.r.toFixed(3)}  RW ${x.relativeWeight.toFixed(1).padStart(5)}%  stated ${x.statedNormalised.toFixed(3)}  perf ${x.performanceNormalised.toFixed(3)}`,
    );
  }
  const pe = peakEnd(rows);
  console.log(`peak-end: n ${pe.n}, R² peak-end ${pe.r2PeakEnd.toFixed(3)}, R² mean ${pe.r2Mean.toFixed(3)}`);
  console.log('emotion curve', Object.entries(emotionCurve(rows)).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
  console.log('bank quarter    n     NPS  overall  CSAT-T2B  CES  comments');
  for (const g of byBankQuarter(rows).sort((a, b) => a.bank.localeCompare(b.bank) || a.quarter.localeCompare(b.quarter))) {
    console.log(
      `${g.bank.padEnd(7)} ${g.quarter} ${String(g.n).padStart(5)} ${g.nps.toFixed(1).padStart(6)} ${g.overall.toFixed(2).padStart(7)} ${g.csatTop2.toFixed(3).padStart(8)} ${g.ces.toFixed(2).padStart(5)} ${g.comments.toFixed(3).padStart(8)}`,
    );
  }
  for (const seg of ['mass', 'affluent', 'young', 'senior', 'sme']) {
    const s = drivers(rows.filter((r) => r.segment === seg), attrs);
    console.log(
      `segment ${seg.padEnd(9)} n ${String(s.n).padStart(6)}: ` +
        [...s.drivers]
          .sort((a, b) => b.relativeWeight - a.relativeWeight)
          .slice(0, 5)
          .map((x) => `${x.attribute} ${x.relativeWeight.toFixed(0)}`)
          .join(', '),
    );
  }
  const sq = servqualGaps(dir);
  console.log(`servqual: ${sq.customers} customers, ${sq.managers} managers, points sum to 100: ${sq.pointsAlways100}`);
  for (const x of sq.dimensions) {
    console.log(`  ${x.dimension.padEnd(15)} E ${x.e.toFixed(2)} P ${x.p.toFixed(2)} gap5 ${x.gap5.toFixed(2)} gap1 ${x.gap1.toFixed(2)}`);
  }
  console.log('five gaps (mean over items)  gap1   gap2   gap3   gap4   gap5');
  for (const g of fiveGaps(dir)) console.log(`  ${g.quarter} ${g.bank.padEnd(7)}            ${g.gaps.map((x) => x.toFixed(2).padStart(6)).join(' ')}`);
  const tasks = loadTasks(dir);
  const mm = channelMismatch(rows, tasks);
  console.log(
    `channel mismatch (served ≠ main preferred): ${(100 * mm.share).toFixed(1)}% of ${mm.n}; ` +
      [...mm.bySegment].map(([k, g]) => `${k} ${(100 * g.share).toFixed(1)}%`).join(', '),
  );
  console.log(
    `overall: matched ${mm.overallMatched.toFixed(2)} (n ${mm.nMatched}), mismatched ${mm.overallMismatched.toFixed(2)} (n ${mm.nMismatched}), difference ${(mm.overallMatched - mm.overallMismatched).toFixed(2)}`,
  );
  const latest = [...new Set(rows.map((r) => r.quarter!))].sort().at(-1)!;
  const latestRows = rows.filter((r) => r.quarter === latest);
  console.log(`experience-quality levels, ${latest} (% top-2 − % bottom-2, unweighted): bank needs ease enjoy | mean`);
  for (const [b, l] of levelScores(latestRows)) {
    const v = LEVELS.map((k) => l[k].score);
    console.log(`  ${b.padEnd(7)} ${v.map((x) => x.toFixed(1).padStart(6)).join(' ')} | ${mean(v).toFixed(1).padStart(6)}  (n ${l.lvl_needs.n})`);
  }
  const latestComments = latestRows.map((r) => r.comment!).filter((c) => c !== '');
  const tc = themeCounts(latestComments, loadThemes(dir));
  console.log(`themes in ${latest}'s ${latestComments.length} comments: ${[...tc].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`correlation with overall: ${LEVELS.map((l) => `${l} ${pearson(rows.map((r) => num(r[l])), rows.map((r) => num(r.overall))).toFixed(2)}`).join(', ')}`);
  const op = opinionCounts(dir);
  console.log(`opinions per gap 1–5: ${op.all.join(', ')}; ${[...op.byBank].map(([b, c]) => `${b} ${c.join('/')}`).join(', ')}`);
}
