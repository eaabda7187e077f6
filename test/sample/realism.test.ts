/**
 * The realism the methods rely on, measured on a generated set: derived importance has structure,
 * stated importance sits at the ceiling, peak-end beats the mean, the banks' trends differ, SERVQUAL
 * gaps look like PZB's, and operating metrics move with the survey.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRONG_DRIVERS, WEAK_DRIVERS } from '../../src/sample/model.ts';
import { makeSample, removeTempDirs } from './fixture.ts';
import {
  byBankQuarter,
  channelMismatch,
  drivers,
  emotionCurve,
  fiveGaps,
  levelScores,
  loadAttributes,
  loadSurvey,
  loadTasks,
  loadThemes,
  mainPreferredChannel,
  opinionCounts,
  peakEnd,
  servqualGaps,
  themeCounts,
} from './measure.ts';
import type { Attr, DriverReport } from './measure.ts';
import { mean, num, pearson, readCsv } from './stats.ts';
import type { Row } from './stats.ts';

let dir: string;
let attrs: Attr[];
let rows: Row[];

beforeAll(() => {
  dir = makeSample({ respondents: 500, servqualCustomers: 150, servqualManagers: 20 }).options.outDir;
  attrs = loadAttributes(dir);
  rows = loadSurvey(dir);
});
afterAll(removeTempDirs);

function slope(ys: readonly number[]): number {
  const tm = (ys.length - 1) / 2;
  const ym = mean(ys);
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, t) => {
    sxy += (t - tm) * (y - ym);
    sxx += (t - tm) ** 2;
  });
  return sxy / sxx;
}

const pick = (ds: readonly DriverReport[], ids: readonly string[]) => ds.filter((d) => ids.includes(d.attribute));

/** IPA quadrant with data-mean crosshairs: [high importance, high performance]. */
function quadrants(ds: readonly DriverReport[], importance: (d: DriverReport) => number): Map<string, string> {
  const ci = mean(ds.map(importance));
  const cp = mean(ds.map((d) => d.performanceNormalised));
  return new Map(ds.map((d) => [d.attribute, `${importance(d) >= ci ? 'hi' : 'lo'}-imp/${d.performanceNormalised >= cp ? 'hi' : 'lo'}-perf`]));
}

describe('sample data: importance has structure', () => {
  it('overall correlates clearly more with the strong drivers than with the weak ones', () => {
    const d = drivers(rows, attrs).drivers;
    const strong = pick(d, STRONG_DRIVERS).map((x) => x.r);
    const weak = pick(d, WEAK_DRIVERS).map((x) => x.r);
    expect(mean(strong) - mean(weak)).toBeGreaterThan(0.12);
    expect(Math.min(...strong)).toBeGreaterThan(Math.max(...weak));
    // A halo makes even weak drivers correlate a little, as in real surveys.
    expect(Math.min(...weak)).toBeGreaterThan(0.1);
  });

  it('relative weights rank the four strong drivers first, holding most of R²', () => {
    const { drivers: d, r2, n } = drivers(rows, attrs);
    expect(n).toBeGreaterThan(1000);
    expect(r2).toBeGreaterThan(0.4);
    expect(r2).toBeLessThan(0.8);
    const top4 = [...d].sort((a, b) => b.relativeWeight - a.relativeWeight).slice(0, 4).map((x) => x.attribute);
    expect(new Set(top4)).toEqual(new Set(STRONG_DRIVERS));
    expect(pick(d, STRONG_DRIVERS).reduce((s, x) => s + x.relativeWeight, 0)).toBeGreaterThan(55);
    expect(Math.max(...pick(d, WEAK_DRIVERS).map((x) => x.relativeWeight))).toBeLessThan(5);
  });

  it('stated importance is high for everything but ranks attributes differently from derived', () => {
    const d = drivers(rows, attrs).drivers;
    for (const x of d) expect(x.statedNormalised, x.attribute).toBeGreaterThan(0.6);
    const rank = (f: (x: DriverReport) => number) => {
      const order = [...d].sort((a, b) => f(b) - f(a)).map((x) => x.attribute);
      return d.map((x) => order.indexOf(x.attribute));
    };
    const rho = pearson(rank((x) => x.statedNormalised), rank((x) => x.relativeWeight));
    expect(rho).toBeLessThan(0.7);
    // Fees: said to matter a lot, barely drive overall.
    const fees = d.find((x) => x.attribute === 'fee_transparency')!;
    expect([...d].sort((a, b) => b.statedNormalised - a.statedNormalised).slice(0, 3)).toContain(fees);
    expect(fees.relativeWeight).toBeLessThan(Math.min(...pick(d, STRONG_DRIVERS).map((x) => x.relativeWeight)) / 3);
  });

  it('segments differ enough that some attribute changes IPA quadrant (stated and derived)', () => {
    const young = drivers(rows.filter((r) => r.segment === 'young'), attrs).drivers;
    const senior = drivers(rows.filter((r) => r.segment === 'senior'), attrs).drivers;
    for (const imp of [(x: DriverReport) => x.statedNormalised, (x: DriverReport) => x.relativeWeight]) {
      const a = quadrants(young, imp);
      const b = quadrants(senior, imp);
      const changed = [...a.keys()].filter((k) => a.get(k) !== b.get(k));
      expect(changed).toContain('app_ease');
    }
  });
});

describe('sample data: journey emotions', () => {
  it('dips at onboarding and aftercare', () => {
    const c = emotionCurve(rows);
    expect(c.onboarding).toBeLessThan(Math.min(c.consideration!, c.usage!));
    expect(c.aftercare).toBeLessThan(c.usage!);
    expect(c.awareness).toBeGreaterThan(0);
  });

  it('peak-end predicts overall better than the mean emotion, but not perfectly', () => {
    const pe = peakEnd(rows);
    expect(pe.n).toBeGreaterThan(0.95 * rows.length);
    expect(pe.r2PeakEnd - pe.r2Mean).toBeGreaterThan(0.03);
    expect(pe.r2PeakEnd).toBeLessThan(0.6);
    expect(pe.r2Mean).toBeGreaterThan(0.1);
  });
});

describe('sample data: preferred channels and channel mismatch', () => {
  it('preferences follow the segment: seniors want the branch, young customers the app, complaints often go by phone', () => {
    const share = (seg: string, task: string, channel: string) => {
      const own = rows.filter((r) => r.segment === seg && r[`pref_${task}`] !== '');
      return own.filter((r) => r[`pref_${task}`] === channel).length / own.length;
    };
    for (const task of ['open_account', 'loan_inquiry', 'wealth_advice']) expect(share('senior', task, 'branch'), task).toBeGreaterThan(0.7);
    expect(share('young', 'transfer', 'app')).toBeGreaterThan(0.75);
    expect(share('young', 'open_account', 'app')).toBeGreaterThan(share('senior', 'open_account', 'app') + 0.4);
    const complaint = rows.map((r) => r.pref_complaint).filter((c) => c !== '');
    const byChannel = ['branch', 'app', 'web', 'phone'].map((c) => complaint.filter((x) => x === c).length);
    expect(Math.max(...byChannel)).toBe(byChannel[3]);
  });

  it('25–40% are served outside their main preferred channel, seniors most, young customers least', () => {
    const m = channelMismatch(rows, loadTasks(dir));
    expect(m.n).toBeGreaterThan(0.99 * rows.length);
    expect(m.share).toBeGreaterThan(0.25);
    expect(m.share).toBeLessThan(0.4);
    const seg = (k: string) => m.bySegment.get(k)!.share;
    for (const k of ['mass', 'affluent', 'young', 'sme']) expect(seg('senior'), k).toBeGreaterThan(seg(k));
    expect(seg('senior')).toBeGreaterThan(m.share + 0.08);
    for (const k of ['mass', 'affluent', 'senior', 'sme']) expect(seg('young'), k).toBeLessThan(seg(k));
  });

  it('mismatched respondents are clearly less satisfied, within every segment too', () => {
    const tasks = loadTasks(dir);
    const m = channelMismatch(rows, tasks);
    expect(m.overallMatched - m.overallMismatched).toBeGreaterThan(0.3);
    expect(m.overallMatched - m.overallMismatched).toBeLessThan(0.9);
    for (const seg of ['mass', 'affluent', 'young', 'senior', 'sme']) {
      const own = channelMismatch(rows.filter((r) => r.segment === seg), tasks);
      expect(own.overallMatched - own.overallMismatched, seg).toBeGreaterThan(0.2);
    }
  });
});

describe('sample data: experience-quality levels', () => {
  it('each level correlates with overall; ease with the app and with channel mismatch', () => {
    const overall = rows.map((r) => num(r.overall));
    for (const l of ['lvl_needs', 'lvl_ease', 'lvl_enjoy']) expect(pearson(rows.map((r) => num(r[l])), overall), l).toBeGreaterThan(0.35);
    expect(pearson(rows.map((r) => num(r.lvl_ease, ['NA'])), rows.map((r) => num(r.perf_app_ease)))).toBeGreaterThan(0.2);
    const tasks = loadTasks(dir);
    const ease = (mis: boolean) =>
      mean(rows.filter((r) => r.channel && (mainPreferredChannel(r, tasks) !== r.channel) === mis).map((r) => num(r.lvl_ease)).filter((v): v is number => v !== null));
    expect(ease(false) - ease(true)).toBeGreaterThan(0.25);
  });

  it('banks differ: cmb leads on ease, pingan on enjoyment, icbc trails on both (latest quarter)', () => {
    const latest = [...new Set(rows.map((r) => r.quarter!))].sort().at(-1)!;
    const s = levelScores(rows.filter((r) => r.quarter === latest));
    const score = (b: string, l: 'lvl_needs' | 'lvl_ease' | 'lvl_enjoy') => s.get(b)![l].score;
    expect(score('cmb', 'lvl_ease')).toBeGreaterThan(score('icbc', 'lvl_ease') + 20);
    expect(score('cmb', 'lvl_ease')).toBeGreaterThan(score('pingan', 'lvl_ease') + 10);
    expect(score('pingan', 'lvl_enjoy')).toBeGreaterThan(score('icbc', 'lvl_enjoy') + 10);
    for (const b of ['cmb', 'pingan', 'icbc']) for (const l of ['lvl_needs', 'lvl_ease', 'lvl_enjoy'] as const) expect(Math.abs(score(b, l)), `${b} ${l}`).toBeLessThan(85);
  });
});

describe('sample data: comment themes', () => {
  it('every theme and every keyword is found in the comments', () => {
    const comments = rows.map((r) => r.comment!).filter((c) => c !== '');
    const themes = loadThemes(dir);
    const counts = themeCounts(comments, themes);
    for (const [id, n] of counts) expect(n / comments.length, id).toBeGreaterThan(0.015);
    for (const t of themes) {
      for (const k of t.zh) expect(comments.some((c) => c.includes(k)), `${t.id} ${k}`).toBe(true);
      for (const k of t.en) expect(comments.some((c) => new RegExp(`\\b${k}\\b`, 'i').test(c)), `${t.id} ${k}`).toBe(true);
    }
  });
});

describe('sample data: banks and trends', () => {
  it('cmb improves, pingan stays flat, icbc dips around 2025Q3 and recovers', () => {
    const g = byBankQuarter(rows);
    const series = (bank: string) => g.filter((x) => x.bank === bank).sort((a, b) => a.quarter.localeCompare(b.quarter));
    const cmb = series('cmb').map((x) => x.nps);
    const pingan = series('pingan').map((x) => x.nps);
    const icbc = series('icbc');
    expect(cmb.length).toBe(8);
    // Least-squares slopes (NPS points per quarter) rather than end points: sturdier against noise.
    expect(slope(cmb)).toBeGreaterThan(1);
    expect(Math.abs(slope(pingan))).toBeLessThan(2);
    const dip = icbc.find((x) => x.quarter === '2025Q3')!;
    expect(dip.nps).toBeLessThan(icbc[0]!.nps - 8);
    expect(dip.nps).toBeLessThan(icbc.at(-1)!.nps - 8);
    // CSAT, CES and overall move with NPS across bank-quarters.
    for (const k of ['overall', 'csatTop2', 'ces'] as const) {
      expect(pearson(g.map((x) => x.nps), g.map((x) => x[k])), k).toBeGreaterThan(0.7);
    }
  });

  it('the banks have their own strengths', () => {
    const perf = (bank: string, a: string) => mean(rows.filter((r) => r.bank === bank && /^\d+$/.test(r[`perf_${a}`]!) && r[`perf_${a}`] !== '0' && r[`perf_${a}`] !== '99').map((r) => Number(r[`perf_${a}`])));
    expect(perf('cmb', 'app_ease')).toBeGreaterThan(Math.max(perf('pingan', 'app_ease'), perf('icbc', 'app_ease')) + 0.2);
    expect(perf('pingan', 'personalisation')).toBeGreaterThan(Math.max(perf('cmb', 'personalisation'), perf('icbc', 'personalisation')) + 0.2);
    expect(perf('icbc', 'security')).toBeGreaterThan(Math.max(perf('cmb', 'security'), perf('pingan', 'security')) + 0.2);
  });

  it('operating metrics move with the survey: app rating with NPS, complaints against it', () => {
    const g = byBankQuarter(rows);
    const nps = new Map(g.map((x) => [`${x.bank}/${x.quarter}`, x.nps]));
    const app = readCsv(`${dir}/metrics/app_rating.csv`).rows;
    expect(pearson(app.map((r) => Number(r.value)), app.map((r) => nps.get(`${r.bank}/${r.period}`)!))).toBeGreaterThan(0.5);
    const complaints = readCsv(`${dir}/metrics/complaints_per_10k.csv`).rows;
    const byQuarter = new Map<string, number[]>();
    for (const r of complaints) {
      const [y, m] = r.period!.split('-').map(Number) as [number, number];
      const key = `${r.bank}/${y}Q${Math.ceil(m / 3)}`;
      byQuarter.set(key, [...(byQuarter.get(key) ?? []), Number(r.value)]);
    }
    const keys = [...byQuarter.keys()];
    expect(pearson(keys.map((k) => mean(byQuarter.get(k)!)), keys.map((k) => nps.get(k)!))).toBeLessThan(-0.5);
  });
});

describe('sample data: SERVQUAL', () => {
  it('expectations are high, perceptions lower, reliability and responsiveness gaps largest; managers underestimate', () => {
    const sq = servqualGaps(dir);
    expect(sq.pointsAlways100).toBe(true);
    const byDim = new Map(sq.dimensions.map((d) => [d.dimension, d]));
    for (const d of sq.dimensions) {
      expect(d.e).toBeGreaterThan(5.3);
      expect(d.gap5).toBeLessThan(0);
    }
    const largest = [...sq.dimensions].sort((a, b) => a.gap5 - b.gap5).slice(0, 2).map((d) => d.dimension);
    expect(new Set(largest)).toEqual(new Set(['reliability', 'responsiveness']));
    expect(byDim.get('responsiveness')!.gap1).toBeLessThan(-0.3);
    expect(byDim.get('empathy')!.gap1).toBeLessThan(-0.3);
  });
});

describe('sample data: the five SERVQUAL gaps', () => {
  it('gap 1 is clearly measurable and the largest provider gap on most bank-quarters', () => {
    const cells = fiveGaps(dir);
    expect(cells).toHaveLength(3 * 8);
    for (const c of cells) expect(c.gaps[0], `${c.bank} ${c.quarter}`).toBeLessThan(-0.15);
    const largest = cells.filter((c) => [1, 2, 3].every((k) => Math.abs(c.gaps[0]) > Math.abs(c.gaps[k]!)));
    expect(largest.length / cells.length).toBeGreaterThanOrEqual(0.75);
  });

  it('specifications sit below managers’ expectations, delivery below specifications on reliability and responsiveness', () => {
    const cells = fiveGaps(dir);
    for (const bank of ['cmb', 'pingan', 'icbc']) {
      const own = cells.filter((c) => c.bank === bank);
      expect(mean(own.map((c) => c.gaps[1])), bank).toBeLessThan(-0.05);
      expect(mean(own.map((c) => c.deliveryOnReliabilityAndResponsiveness)), bank).toBeLessThan(-0.05);
    }
    // icbc delivers worst in its migration quarter.
    const icbc = cells.filter((c) => c.bank === 'icbc');
    const dip = icbc.find((c) => c.quarter === '2025Q3')!;
    expect(dip.gaps[2]).toBeLessThan(mean(icbc.map((c) => c.gaps[2])) - 0.05);
  });

  it('pingan promises most above what it delivers, every quarter', () => {
    const cells = fiveGaps(dir);
    for (const q of new Set(cells.map((c) => c.quarter))) {
      const [worst] = cells.filter((c) => c.quarter === q).sort((a, b) => a.gaps[3] - b.gaps[3]);
      expect(worst!.bank, q).toBe('pingan');
      expect(worst!.gaps[3]).toBeLessThan(-0.15);
    }
  });

  it('opinions: gap 1 is coded most often, pingan has the most gap 4 opinions', () => {
    const { all, byBank } = opinionCounts(dir);
    const total = all.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(150);
    expect(total).toBeLessThanOrEqual(300);
    for (const k of [1, 2, 3, 4]) expect(all[0]).toBeGreaterThan(all[k]!);
    expect(all[2]).toBeGreaterThan(all[1]!);
    expect(all[2]).toBeGreaterThan(all[4]!);
    const share4 = (b: string) => byBank.get(b)![3]! / byBank.get(b)!.reduce((a, x) => a + x, 0);
    expect(share4('pingan')).toBeGreaterThan(share4('cmb'));
    expect(share4('pingan')).toBeGreaterThan(share4('icbc'));
  });
});
