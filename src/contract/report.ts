/** The human-readable report: per file what was read and why rows were rejected, then totals. */
import { delimiterName } from './dialect.ts';
import { RAKING } from './rules/weight_targets.ts';
import type { ContractIssue, ContractResult, FileReport } from './types.ts';

const RAKING_RULE = `shares within ${RAKING.tolerance}, at most ${RAKING.maxIterations} sweeps, weights capped at ${RAKING.cap}× the mean`;

export function formatIssue(issue: ContractIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  const severity = issue.severity === 'warning' ? 'warning: ' : '';
  const column = issue.column !== undefined ? `column ${issue.column}: ` : '';
  return `${where}: ${severity}${column}${issue.message}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const PLATFORMS: Record<string, string> = { qualtrics: 'Qualtrics export', wjx: '问卷星 export', surveymonkey: 'SurveyMonkey export', plain: 'table' };

function fileLine(f: FileReport): string {
  const dialect =
    f.encoding === 'xlsx'
      ? `xlsx, sheet ${f.origin?.sheet ?? '?'}`
      : [f.encoding, f.delimiter ? delimiterName(f.delimiter) : 'delimiter unknown', f.lineEnding === 'none' ? 'single line' : f.lineEnding].join(', ');
  const origin = f.origin
    ? f.origin.mapping
      ? `${PLATFORMS[f.origin.format] ?? f.origin.format} mapped by ${f.origin.mapping}; `
      : f.origin.format !== 'plain'
        ? `${PLATFORMS[f.origin.format] ?? f.origin.format}, no mapping; `
        : ''
    : '';
  return `${f.file} → ${f.table} (${origin}${dialect}): rows read ${f.rowsRead}, loaded ${f.rowsLoaded}, rejected ${f.rowsRejected}`;
}

export function formatReport(result: ContractResult): string {
  const out: string[] = [];
  out.push(`Data check of ${result.dataDir}: ${plural(result.files.length, 'file')}`);
  out.push('');

  for (const issue of result.issues ?? []) out.push(formatIssue(issue));
  if ((result.issues ?? []).length > 0) out.push('');

  for (const f of result.files) {
    out.push(fileLine(f));
    for (const issue of f.issues) out.push(`  ${formatIssue(issue)}`);
    const rest = f.errorCount + f.warningCount - f.issues.length;
    if (rest > 0) {
      out.push(`  … and ${rest} more (${plural(f.errorCount, 'error')} and ${plural(f.warningCount, 'warning')} in this file in all; the first ${f.issues.length} by line are shown)`);
    }
  }

  const byTable = new Map<string, { files: number; read: number; loaded: number; rejected: number }>();
  for (const f of result.files) {
    const t = byTable.get(f.table) ?? { files: 0, read: 0, loaded: 0, rejected: 0 };
    t.files++;
    t.read += f.rowsRead;
    t.loaded += f.rowsLoaded;
    t.rejected += f.rowsRejected;
    byTable.set(f.table, t);
  }
  if (byTable.size > 0 || result.tables.length > 0) {
    out.push('');
    out.push('Totals per table:');
    const width = Math.max(...[...byTable.keys(), ...result.tables.map((t) => t.name)].map((n) => n.length));
    for (const table of result.tables) {
      const t = byTable.get(table.name);
      if (!t) {
        if (table.name === 'servqual_items') out.push(`  ${table.name.padEnd(width)}  no file: the ${table.rowCount} standard SERVQUAL items are used`);
        if (table.name === 'servqual_provider') out.push(`  ${table.name.padEnd(width)}  no file: gaps 2–4 are not measured`);
        if (table.name === 'servqual_opinions') out.push(`  ${table.name.padEnd(width)}  no file: no opinions coded by gap`);
        continue;
      }
      out.push(
        `  ${table.name.padEnd(width)}  ${plural(t.files, 'file').padEnd(9)} rows read ${String(t.read).padStart(8)}, loaded ${String(t.loaded).padStart(8)}, rejected ${String(t.rejected).padStart(8)}`,
      );
    }
  }

  if (result.weighting?.length) {
    out.push('');
    out.push(`Survey weights raked to weighting/ targets (${RAKING_RULE}):`);
    for (const w of result.weighting) {
      out.push(
        `  ${w.bank} ${w.period} on ${w.variables.join(', ')}: ${plural(w.respondents, 'respondent')}, ${w.converged ? 'converged' : 'NOT converged'} in ${plural(w.iterations, 'sweep')}, ` +
          `weights ${w.min.toFixed(2)}–${w.max.toFixed(2)}${w.trimmed ? ` (${w.trimmed} trimmed)` : ''}, design effect ${w.designEffect.toFixed(2)}, effective n ${w.nEff.toFixed(0)}`,
      );
    }
  }

  const errors = result.files.reduce((s, f) => s + f.errorCount, 0) + (result.issues ?? []).filter((i) => i.severity === 'error').length;
  const warnings = result.files.reduce((s, f) => s + f.warningCount, 0) + (result.issues ?? []).filter((i) => i.severity === 'warning').length;
  const failing = result.files.filter((f) => f.errorCount > 0).length;
  if (out.at(-1) !== '') out.push('');
  if (result.ok) {
    out.push(`OK: the data meet the contract${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}.`);
  } else {
    out.push(
      `FAILED: ${plural(errors, 'error')}${failing > 0 ? ` in ${plural(failing, 'file')}` : ''}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}. Fix the errors above and run the check again; rows with an error are not loaded.`,
    );
  }
  return out.join('\n');
}
