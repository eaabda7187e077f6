/**
 * Just enough SQL lexing to find `$input` parameters and bare identifiers outside string literals,
 * quoted identifiers and comments. DuckDB parses the SQL itself; this only decides what to bind and
 * which earlier cells a cell depends on.
 */

interface Token {
  kind: 'param' | 'word' | 'other';
  text: string;
  start: number;
  end: number;
}

function* tokens(sql: string): Generator<Token> {
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const start = i;
    if (ch === "'" || ch === '"') {
      i++;
      while (i < sql.length) {
        if (sql[i] === ch) {
          if (sql[i + 1] === ch) i += 2; // doubled quote inside literal
          else break;
        } else i++;
      }
      i++;
      // A double-quoted identifier can name a cell too.
      if (ch === '"') yield { kind: 'word', text: sql.slice(start + 1, i - 1).replaceAll('""', '"'), start, end: i };
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    if (ch === '$' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      i++;
      while (i < sql.length && /\w/.test(sql[i]!)) i++;
      yield { kind: 'param', text: sql.slice(start + 1, i), start, end: i };
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      while (i < sql.length && /[\w]/.test(sql[i]!)) i++;
      yield { kind: 'word', text: sql.slice(start, i), start, end: i };
      continue;
    }
    i++;
    yield { kind: 'other', text: ch, start, end: i };
  }
}

/** Names of `$param` references, in order of first appearance. */
export function paramNames(sql: string): string[] {
  const names: string[] = [];
  for (const t of tokens(sql)) if (t.kind === 'param' && !names.includes(t.text)) names.push(t.text);
  return names;
}

/** Identifiers in the SQL that are among `candidates` (e.g. the names of earlier cells). */
export function referencedNames(sql: string, candidates: Iterable<string>): string[] {
  const wanted = new Set(candidates);
  const found: string[] = [];
  for (const t of tokens(sql)) if (t.kind === 'word' && wanted.has(t.text) && !found.includes(t.text)) found.push(t.text);
  return found;
}

/**
 * Rewrites `$name` to positional `$1…$n` (DuckDB-WASM binds positionally). `wrap` may turn a
 * reference into an expression around its placeholder, e.g. a multi-select becomes a list.
 */
export function bindParams(sql: string, names: string[], wrap: (name: string, placeholder: string) => string): string {
  let out = '';
  let last = 0;
  for (const t of tokens(sql)) {
    if (t.kind !== 'param') continue;
    const index = names.indexOf(t.text);
    if (index < 0) continue;
    out += sql.slice(last, t.start) + wrap(t.text, `$${index + 1}`);
    last = t.end;
  }
  return out + sql.slice(last);
}

/** Quotes an identifier for DuckDB. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
