/**
 * Collects the issues of one file. Every issue is counted, but only the first `cap` in line order
 * are kept: a file where every row is wrong must not hold millions of messages in memory, and
 * checks run column by column, so issues arrive out of line order.
 */
import type { ContractIssue } from './types.ts';

export const ISSUE_CAP = 50;

interface Ranked {
  key: number;
  seq: number;
  issue: ContractIssue;
}

/** Values shown in messages: bare when short and unambiguous, quoted otherwise. */
export function showValue(raw: string): string {
  if (raw === '') return '(empty)';
  const cut = raw.length > 60 ? raw.slice(0, 57) + '…' : raw;
  if (/^[^\s"',;]+$/.test(cut)) return cut;
  return JSON.stringify(cut);
}

/** Where an issue sits. `file` names another file than the sink's (a mapping file beside an export). */
export interface IssueAt {
  line?: number;
  column?: string;
  value?: string;
  columnIndex?: number;
  file?: string;
}

export class IssueSink {
  readonly file: string;
  readonly cap: number;
  /**
   * How a column is named in messages, when that differs from the checked name: a mapped export's
   * issues name the export's own column (`Q6 → csat (export.map.yml:14)`), not the contract's.
   */
  columnLabels: ((column: string) => string) | null = null;
  errorCount = 0;
  warningCount = 0;
  private kept: Ranked[] = [];
  private seq = 0;

  constructor(file: string, cap = ISSUE_CAP) {
    this.file = file;
    this.cap = cap;
  }

  /** `columnIndex` orders issues of the same line as the columns appear in the file. */
  add(severity: ContractIssue['severity'], message: string, at: IssueAt = {}): void {
    if (severity === 'error') this.errorCount++;
    else this.warningCount++;
    const issue: ContractIssue = { severity, file: at.file ?? this.file, message };
    if (at.line !== undefined) issue.line = at.line;
    if (at.column !== undefined) issue.column = this.columnLabels ? this.columnLabels(at.column) : at.column;
    if (at.value !== undefined) issue.value = at.value;
    const key = (at.line ?? 0) * 65536 + (at.columnIndex ?? -1) + 1;
    this.kept.push({ key, seq: this.seq++, issue });
    if (this.kept.length >= this.cap * 8) this.trim();
  }

  error(message: string, at: IssueAt = {}): void {
    this.add('error', message, at);
  }

  warning(message: string, at: IssueAt = {}): void {
    this.add('warning', message, at);
  }

  private trim(): void {
    this.kept.sort((a, b) => a.key - b.key || a.seq - b.seq);
    if (this.kept.length > this.cap) this.kept.length = this.cap;
  }

  /** The kept issues, sorted by line (file-level issues first). */
  issues(): ContractIssue[] {
    this.trim();
    return this.kept.map((r) => r.issue);
  }
}
