/**
 * Property-based tests of the contract (fast-check): whatever bytes a file holds — arbitrary bytes,
 * UTF-8 with or without BOM, UTF-16, Latin-1, any delimiter, stray quotes, mixed line ends — the
 * checker never throws or hangs, and every file's counts add up: rows read = rows loaded + rows
 * rejected, each rejection reported with the file and a line inside it.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import type { ContractResult } from '../../src/contract/types.ts';
import { makeFolder, SURVEY_HEADER } from './helpers.ts';

/** Where a generated file goes: one file of each shape of the contract (single files, folders). */
const TARGETS = ['survey/2025Q3.csv', 'banks.csv', 'stages.csv', 'attributes.csv', 'channels.csv', 'themes.csv', 'servqual_opinions.csv', 'metrics/ops.csv', 'servqual/2025Q3.csv'] as const;

/** Headers a file of each target might really have, so that generated rows reach the rules. */
const HEADERS: Record<(typeof TARGETS)[number], string[]> = {
  'survey/2025Q3.csv': SURVEY_HEADER.split(','),
  'banks.csv': ['bank_id', 'name_zh', 'name_en', 'color', 'peer_group'],
  'stages.csv': ['stage_id', 'order', 'label_zh', 'label_en', 'moment_of_truth'],
  'attributes.csv': ['attribute_id', 'label_zh', 'label_en', 'stage_id', 'dimension', 'scale_min', 'scale_max', 'na_codes'],
  'channels.csv': ['channel_id', 'label_zh', 'label_en', 'order'],
  'themes.csv': ['theme_id', 'label_zh', 'label_en', 'keywords_zh', 'keywords_en'],
  'servqual_opinions.csv': ['opinion_id', 'gap', 'role', 'bank', 'quarter', 'dimension', 'text'],
  'metrics/ops.csv': ['bank', 'period', 'metric', 'value'],
  'servqual/2025Q3.csv': ['respondent_id', 'quarter', 'bank', 'role', 'e01', 'p01', 'weight'],
};

/** Cell texts that exercise the rules: valid values, near misses, quotes, breakers, markup. */
const cell = fc.oneof(
  fc.constantFrom('cmb', 'pab', 'icbc', '2025Q3', '2025Q1', 'retail', 'app', 'onboard', 'queue', '1', '7', '10', '-3', '4.5', '1,5', 'NA', '', ' ', 'TRUE', 'false', 'customer', 'manager', '#c8102e', 'complaints'),
  fc.constantFrom('"', '""', '"a"b', 'a"', '\r', '\n', '\r\n', ';', '\t', ',', '\u0000', '\uFEFF', '\u202E', '=1+2', '<script>x</script>', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const delimiter = fc.constantFrom(',', ';', '\t', '|');
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** Text that looks like a CSV of the target: its header (maybe shuffled, cut or misspelt), then rows. */
const csvText = (target: (typeof TARGETS)[number]) =>
  fc
    .record({
      header: fc.oneof(fc.constant(HEADERS[target]), fc.shuffledSubarray(HEADERS[target]), fc.array(cell, { minLength: 1, maxLength: 6 })),
      rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
      delimiter,
      lineEnd,
      mixedEnds: fc.boolean(),
      quoteAll: fc.boolean(),
      trailingEnd: fc.boolean(),
    })
    .map(({ header, rows, delimiter: d, lineEnd: e, mixedEnds, quoteAll, trailingEnd }) => {
      const field = (v: string) => (quoteAll ? `"${v.replaceAll('"', '""')}"` : v);
      const lines = [header, ...rows].map((r) => r.map(field).join(d));
      const text = lines.map((l, i) => l + (i === lines.length - 1 && !trailingEnd ? '' : mixedEnds && i % 2 ? '\n' : e)).join('');
      return text;
    });

/** The text as bytes in one of the encodings a spreadsheet may write. */
function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'latin1'): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode(`\uFEFF${text}`);
    case 'utf-16le-bom':
      return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
    case 'utf-16be-bom': {
      const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
      return new Uint8Array(le.swap16());
    }
    case 'latin1':
      return new Uint8Array(Buffer.from(text, 'latin1'));
  }
}

const fileBytes = (target: (typeof TARGETS)[number]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
    { weight: 1, arbitrary: fc.tuple(csvText(target), fc.uint8Array({ maxLength: 40 })).map(([t, junk]) => new Uint8Array([...new TextEncoder().encode(t), ...junk])) },
    { weight: 4, arbitrary: fc.tuple(csvText(target), fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'latin1') as fc.Arbitrary<Parameters<typeof encode>[1]>).map(([t, enc]) => encode(t, enc)) },
  );

/** Physical lines of a file as an editor counts them (any of CRLF, LF, CR ends a line). */
function physicalLines(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return text.split(/\r\n|\n|\r/).length;
}

/** Checks a folder, failing (rather than waiting for the test timeout) if the checker hangs. */
async function checkWithin(dir: string, ms: number): Promise<ContractResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`the check of ${dir} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([checkDataFolder(dir), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function assertAccounted(result: ContractResult, dir: string): void {
  for (const f of result.files) {
    for (const n of [f.rowsRead, f.rowsLoaded, f.rowsRejected]) expect(Number.isInteger(n) && n >= 0).toBe(true);
    expect(f.rowsRead, f.file).toBe(f.rowsLoaded + f.rowsRejected);
    if (f.rowsRejected > 0) expect(f.errorCount, `${f.file}: rows rejected without an error`).toBeGreaterThan(0);
    const lines = physicalLines(readFileSync(path.join(dir, path.relative(dir, f.file))));
    for (const issue of f.issues) {
      expect(issue.file).toBe(f.file);
      expect(issue.message.length).toBeGreaterThan(0);
      if (issue.line !== undefined) {
        expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines, `${f.file}: line ${issue.line} of ${lines}`).toBe(true);
      }
    }
    // Every rejected row is named by a line of its record (a record may span lines, each named), and a
    // row-level error (line ≥ 2) always rejects its row — unless a file-level error rejected them all (a header error, or bytes that are not text,
    // e.g. a NUL byte: then no row is read) or the report's cap cut the list short.
    const errors = f.issues.filter((i) => i.severity === 'error');
    const fileLevel = f.rowsRead === 0 || errors.some((i) => i.line === undefined || i.line === 1);
    const complete = f.issues.length === f.errorCount + f.warningCount;
    if (!fileLevel && complete) {
      const named = new Set(errors.map((i) => i.line)).size;
      expect(named, `${f.file}: ${f.rowsRejected} rows rejected, ${named} lines named`).toBeGreaterThanOrEqual(f.rowsRejected);
      expect(f.rowsRejected > 0, `${f.file}: errors on ${named} lines, no row rejected`).toBe(named > 0);
    }
  }
  // What a table holds is what its files loaded.
  for (const t of result.tables) {
    const files = result.files.filter((f) => f.table === t.name);
    if (files.length && t.name !== 'segments' && t.name !== 'servqual_items') expect(t.rowCount, t.name).toBe(files.reduce((s, f) => s + f.rowsLoaded, 0));
    for (const c of t.columns) expect(t.values[c.name]?.length, `${t.name}.${c.name}`).toBe(t.rowCount);
  }
}

describe('contract properties', () => {
  it('names the line an editor shows for a record after a CRLF in a file whose records end in CR (found by the properties)', async () => {
    const dir = makeFolder({ 'survey/2025Q4.csv': `${SURVEY_HEADER}\r,\n\n\r,x\r\n"` });
    const f = (await checkDataFolder(dir)).files.find((x) => x.table === 'survey')!;
    expect(f.rowsRejected).toBe(3);
    expect(f.issues.map((i) => i.line)).toEqual([2, 5, 6]);
  });

  it('never throws or hangs, and accounts for every row, whatever one file holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS).chain((target) => fc.tuple(fc.constant(target), fileBytes(target))),
        async ([target, bytes]) => {
          const dir = makeFolder({ [target]: bytes });
          const result = await checkWithin(dir, 10_000);
          assertAccounted(result, dir);
        },
      ),
      { numRuns: 300, seed: 20261202 },
    );
  }, 240_000);

  it('accounts for every row when several files of one folder are all arbitrary', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(csvText('survey/2025Q3.csv'), csvText('survey/2025Q3.csv'), csvText('banks.csv'), fc.uint8Array({ maxLength: 300 })),
        async ([a, b, banks, junk]) => {
          const dir = makeFolder({ 'survey/2025Q3.csv': a, 'survey/2025Q4.csv': encode(b, 'utf-16le-bom'), 'banks.csv': banks, 'metrics/junk.csv': junk });
          assertAccounted(await checkWithin(dir, 10_000), dir);
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  }, 240_000);
});
