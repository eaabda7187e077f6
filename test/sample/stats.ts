/**
 * Just enough statistics to check that the generated sample behaves as the methods expect.
 * Deliberately independent of src/methods (owned elsewhere): the checks should not pass only
 * because the generator and the pages share a bug.
 */
import { readFileSync } from 'node:fs';
import { EigenvalueDecomposition, Matrix, correlation, solve } from 'ml-matrix';
import Papa from 'papaparse';

export type Row = Record<string, string>;

export function readCsv(path: string): { fields: string[]; rows: Row[] } {
  const text = readFileSync(path, 'utf8');
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${path}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

const MISSING = new Set(['', 'NA', 'N/A', '-', '—']);

/** A cell as a number, or null when it is empty, an NA token or one of the attribute's na_codes. */
export function num(cell: string | undefined, naCodes: readonly string[] = []): number | null {
  if (cell === undefined || MISSING.has(cell) || naCodes.includes(cell)) return null;
  const v = Number(cell);
  if (!Number.isFinite(v)) throw new Error(`not a number: ${cell}`);
  return v;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function pearson(xs: readonly (number | null)[], ys: readonly (number | null)[]): number {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] !== null && ys[i] !== null) {
      a.push(xs[i]!);
      b.push(ys[i]!);
    }
  }
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Johnson's (2000) relative weights, rescaled to sum to 100, plus R². Rows must be complete. */
export function relativeWeights(x: number[][], y: number[]): { weights: number[]; r2: number } {
  const all = new Matrix(x.map((r, i) => [...r, y[i]!]));
  const c = correlation(all);
  const p = x[0]!.length;
  const rxx = c.subMatrix(0, p - 1, 0, p - 1);
  const rxy = c.subMatrix(0, p - 1, p, p);
  const evd = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const q = evd.eigenvectorMatrix;
  const sqrtL = Matrix.diag(evd.realEigenvalues.map((v) => Math.sqrt(Math.max(v, 0))));
  const lambda = q.mmul(sqrtL).mmul(q.transpose());
  const beta = solve(lambda, rxy);
  const raw: number[] = [];
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += lambda.get(j, k) ** 2 * beta.get(k, 0) ** 2;
    raw.push(s);
  }
  const r2 = raw.reduce((a, b) => a + b, 0);
  return { weights: raw.map((w) => (100 * w) / r2), r2 };
}

/** Per respondent: peak (largest |emotion|, earliest on ties), end (last answered), mean. */
export function peakEndMean(emotions: readonly (number | null)[]): { peak: number; end: number; mean: number } | null {
  const answered = emotions.filter((e): e is number => e !== null);
  if (answered.length === 0) return null;
  let peak = answered[0]!;
  for (const e of answered) if (Math.abs(e) > Math.abs(peak)) peak = e;
  return { peak, end: answered[answered.length - 1]!, mean: mean(answered) };
}

/** NPS = 100 × (share 9–10 − share 0–6), weighted. */
export function nps(scores: readonly number[], weights?: readonly number[]): number {
  let w = 0;
  let pro = 0;
  let det = 0;
  scores.forEach((s, i) => {
    const wi = weights ? weights[i]! : 1;
    w += wi;
    if (s >= 9) pro += wi;
    else if (s <= 6) det += wi;
  });
  return (100 * (pro - det)) / w;
}
