/**
 * A hostile data set: the sample generator's files (small), with every label and free text — bank
 * names, attribute, stage, segment, channel, task and theme labels, metric names, units and groups,
 * comments, opinions, sources and notes — holding markup and breakers, and ids named after the
 * properties every JavaScript object has (`__proto__`, `constructor`). Two extra banks with those ids
 * take a copy of one bank's answers. A site built from it must show all of it as text.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { generateSampleData } from '../../src/sample/index.ts';

export const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '=HYPERLINK("http://evil.example/","x")',
  '\u202Egnp.exe\u202C', // right-to-left override: reads "exe.png"
  'zero\u200Bwidth\u200Djoiner\u2060',
] as const;

/** One unbroken 2,000-character label (no space to wrap at). */
export const LONG_LABEL = `${'W'.repeat(1990)}-long-end`;

/** Ids renamed to object-property names, per kind of id; the pages name none of the old ids. */
const RENAMED: Record<string, Map<string, string>> = {
  segment: new Map([['sme', 'constructor']]),
  stage: new Map([['aftercare', '__proto__']]),
  attribute: new Map([['queue_time', 'constructor']]),
  channel: new Map([['web', '__proto__']]),
  task: new Map([['loan_inquiry', 'constructor']]),
  theme: new Map([['fees', '__proto__']]),
  metric: new Map([['branch_count', 'constructor']]),
};

/** Which id each column holds. */
const ID_COLUMNS: Record<string, string> = {
  segment_id: 'segment', segment: 'segment', stage_id: 'stage', attribute_id: 'attribute', channel_id: 'channel', channel: 'channel',
  task_id: 'task', theme_id: 'theme', metric_id: 'metric', metric: 'metric',
};
const PREFIXED: [prefix: string, kind: string][] = [['perf_', 'attribute'], ['imp_', 'attribute'], ['emo_', 'stage'], ['pref_', 'task']];

/** Columns of free text that a reader sees. */
const TEXT_COLUMNS = new Set(['name_zh', 'name_en', 'label_zh', 'label_en', 'unit', 'unit_zh', 'unit_en', 'group_zh', 'group_en', 'comment', 'text', 'source', 'note']);

/** The new banks: ids that are object-property names, answers copied from this bank. */
const EXTRA_BANKS = ['__proto__', 'constructor'];
const COPIED_BANK = 'icbc';

function renameId(kind: string, value: string): string {
  return RENAMED[kind]?.get(value) ?? value;
}

function renameColumn(name: string): string {
  if (Object.hasOwn(ID_COLUMNS, name)) return name;
  for (const [prefix, kind] of PREFIXED) if (name.startsWith(prefix)) return prefix + renameId(kind, name.slice(prefix.length));
  return name;
}

let counter = 0;
/** The original text behind a payload (so labels stay distinct); every 23rd label is the long one. */
function hostile(original: string): string {
  const i = counter++;
  if (i % 23 === 7) return LONG_LABEL;
  return `${PAYLOADS[i % PAYLOADS.length]} ${original}`;
}

function rewrite(file: string): void {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header) return;
  const bankCol = header.indexOf(path.basename(file) === 'banks.csv' ? 'bank_id' : 'bank');
  const out = rows.map((row) =>
    row.map((v, j) => {
      const col = header[j]!;
      if (TEXT_COLUMNS.has(col) && v !== '') return hostile(v);
      if (Object.hasOwn(ID_COLUMNS, col)) return renameId(ID_COLUMNS[col]!, v);
      if (col.startsWith('pref_')) return renameId('channel', v);
      return v;
    }),
  );
  if (bankCol >= 0 && (path.basename(file) === 'banks.csv' || file.includes(`${path.sep}survey${path.sep}`))) {
    for (const row of rows.filter((r) => r[bankCol] === COPIED_BANK)) {
      for (const id of EXTRA_BANKS) {
        const copy = out[rows.indexOf(row)]!.slice();
        copy[bankCol] = id;
        if (path.basename(file) === 'banks.csv') {
          copy[header.indexOf('name_zh')] = hostile(`银行 ${id}`);
          copy[header.indexOf('name_en')] = hostile(`Bank ${id}`);
        }
        out.push(copy);
      }
    }
  }
  fs.writeFileSync(file, Papa.unparse({ fields: header.map(renameColumn), data: out }, { newline: '\n' }) + '\n');
}

/** Writes the hostile data set into `dir` (replacing it). Deterministic: same files every time. */
export function writeHostileData(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  generateSampleData({ outDir: dir, seed: 7, respondents: 60, quarters: 4, servqualCustomers: 24, servqualManagers: 4 });
  counter = 0;
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.csv')).sort();
  for (const f of files) rewrite(path.join(dir, f));
}
