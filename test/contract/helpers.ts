/**
 * Test data folders: the committed base folder (banks, stages, attributes, metric_defs) plus the
 * files of one case, written to a fresh temporary folder so every case runs the real file path.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { ContractIssue, ContractResult } from '../../src/contract/types.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/contract');
export const BASE = path.join(FIXTURES, 'base');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Files by relative path; `null` removes a base file. Strings are written as UTF-8. */
export type Files = Record<string, string | Uint8Array | null>;

export function makeFolder(files: Files, base: string | null = BASE): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-contract-'));
  made.push(dir);
  if (base) cpSync(base, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (content === null) {
      rmSync(abs, { force: true });
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export const SURVEY_HEADER = 'respondent_id,quarter,bank,segment,channel,weight,overall,nps,csat,ces,perf_queue,perf_staff,imp_queue,emo_onboard,comment';

/** A survey file: the header, then one line per row (rows may hold quoted line breaks). */
export function survey(rows: string[], header = SURVEY_HEADER): string {
  return [header, ...rows].join('\n') + '\n';
}

/** A valid survey row for `id`, with overrides by column name. */
export function row(id: string, over: Record<string, string> = {}, header = SURVEY_HEADER): string {
  const defaults: Record<string, string> = {
    respondent_id: id,
    quarter: '2025Q3',
    bank: 'cmb',
    segment: 'retail',
    channel: 'app',
    weight: '1',
    overall: '8',
    nps: '9',
    csat: '4',
    ces: '2',
    perf_queue: '7',
    perf_staff: '8',
    imp_queue: '9',
    emo_onboard: '1',
    comment: '',
  };
  return header
    .split(',')
    .map((c) => over[c] ?? defaults[c] ?? '')
    .join(',');
}

/** All errors of a result in report order: folder-level first, then per file by line. */
export function errors(result: ContractResult): ContractIssue[] {
  return [...(result.issues ?? []), ...result.files.flatMap((f) => f.issues)].filter((i) => i.severity === 'error');
}

export function firstError(result: ContractResult): ContractIssue | undefined {
  return errors(result)[0];
}

export function table(result: ContractResult, name: string) {
  const t = result.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}; tables: ${result.tables.map((x) => x.name).join(', ')}`);
  return t;
}

/** Rows of a table as objects, for readable assertions. */
export function rows(result: ContractResult, name: string): Record<string, unknown>[] {
  const t = table(result, name);
  return Array.from({ length: t.rowCount }, (_v, i) => Object.fromEntries(t.columns.map((c) => [c.name, t.values[c.name]![i]])));
}

export function fileReport(result: ContractResult, rel: string) {
  const f = result.files.find((x) => x.file.endsWith(rel));
  if (!f) throw new Error(`no report for ${rel}`);
  return f;
}
