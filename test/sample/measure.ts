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
}
