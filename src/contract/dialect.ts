/**
 * Delimiter and line-ending detection. Excel writes commas or semicolons depending on the
 * machine's locale, and survey platforms often export tabs, so the delimiter is inferred from the
 * header line and confirmed on the first records. The known column names of the file kind are the
 * strongest signal: a header that splits into known names on exactly one candidate settles it.
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t';
export type LineEnding = 'CRLF' | 'LF' | 'CR' | 'none';

export interface Dialect {
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** The record separator handed to the parser. */
  newline: '\r\n' | '\n' | '\r';
}

export type DialectResult = { ok: true; dialect: Dialect; lineEnding: LineEnding } | { ok: false; message: string; lineEnding: LineEnding };

const CANDIDATES: Delimiter[] = [',', ';', '\t'];
const SAMPLE_RECORDS = 100;
const SAMPLE_CHARS = 256 * 1024;

export function delimiterName(d: string): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : JSON.stringify(d);
}

/**
 * The header's own line break decides: quoted cells further down may legitimately hold LF inside a
 * CRLF file (Excel does exactly that for Alt+Enter line breaks).
 */
export function detectLineEnding(text: string): { lineEnding: LineEnding; newline: Dialect['newline'] } {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf === -1 && cr === -1) return { lineEnding: 'none', newline: '\n' };
  if (cr !== -1 && (lf === -1 || cr < lf)) {
    return cr + 1 === lf ? { lineEnding: 'CRLF', newline: '\r\n' } : { lineEnding: 'CR', newline: '\r' };
  }
  return { lineEnding: 'LF', newline: '\n' };
}

interface Candidate {
  delimiter: Delimiter;
  headerFields: number;
  known: number;
  consistent: number;
  sampled: number;
}

export function detectDialect(text: string, isKnownColumn: (name: string) => boolean = () => false): DialectResult {
  const { lineEnding, newline } = detectLineEnding(text);
  // A bounded prefix: papaparse's quote-free fast path would otherwise split the whole file per candidate.
  const truncated = text.length > SAMPLE_CHARS;
  const sampleText = truncated ? text.slice(0, SAMPLE_CHARS) : text;
  const candidates: Candidate[] = [];
  for (const delimiter of CANDIDATES) {
    const sample = Papa.parse<string[]>(sampleText, { delimiter, newline, quoteChar: '"', preview: SAMPLE_RECORDS + 1 }).data;
    // The prefix may end inside a record; its last row says nothing about field counts.
    if (truncated && sample.length > 1) sample.pop();
    const header = sample[0] ?? [];
    if (header.length < 2) continue;
    let known = 0;
    for (const h of header) if (isKnownColumn(h.trim().toLowerCase())) known++;
    let consistent = 0;
    let sampled = 0;
    for (let i = 1; i < sample.length; i++) {
      const row = sample[i]!;
      if (row.length === 1 && row[0]!.trim() === '') continue;
      sampled++;
      if (row.length === header.length) consistent++;
    }
    candidates.push({ delimiter, headerFields: header.length, known, consistent, sampled });
  }

  const fix =
    'Save the file from Excel as "CSV UTF-8 (Comma delimited)", or make sure the first line is the header with the column names separated by commas, semicolons or tabs.';
  if (candidates.length === 0) {
    return {
      ok: false,
      lineEnding,
      message: `cannot detect the delimiter: the header line (line 1) contains no comma, semicolon or tab between column names. ${fix}`,
    };
  }

  const score = (c: Candidate) => [c.known, c.sampled === 0 ? 1 : c.consistent / c.sampled];
  candidates.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    return sb[0]! - sa[0]! || sb[1]! - sa[1]!;
  });
  const [best, second] = candidates;
  if (second && score(best!)[0] === score(second)[0] && score(best!)[1] === score(second)[1]) {
    const parts = candidates
      .filter((c) => score(c)[0] === score(best!)[0] && score(c)[1] === score(best!)[1])
      .map((c) => `${c.headerFields} columns on ${delimiterName(c.delimiter)}`)
      .join(' and ');
    return {
      ok: false,
      lineEnding,
      message: `the delimiter is ambiguous: the header splits into ${parts}, and both fit the rows. Use a single delimiter, and put double quotes around any value that contains a comma, semicolon or tab; ${fix}`,
    };
  }
  return { ok: true, lineEnding, dialect: { delimiter: best!.delimiter, lineEnding, newline } };
}
