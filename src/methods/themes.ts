/**
 * Themes in open comments: keyword coding of free text (a dictionary-based content analysis,
 * Krippendorff 2018, Content Analysis, ch. 11), with how often each theme comes up and the mean
 * outcome of the comments that raise it. Pure functions plus the `themes` method cell.
 *
 * Matching (one function for the build and the browser):
 * - text and keywords are NFKC-normalised first (full-width Ｆｅｅ → Fee, ｱ → ア), so an IME's
 *   full-width letters match;
 * - Chinese keywords (`keywords_zh`) match as substrings, case-insensitively (so 手机APP matches 手机app);
 * - English keywords (`keywords_en`) match as whole words or phrases, case-insensitively: a letter,
 *   digit or combining mark right before or after the match means no match ('fee' matches "Fee too
 *   high", not "feedback" or "coffee"). Han, kana and Hangul characters do *not* count as letters
 *   there, so 'app' still matches in "手机APP闪退" (Chinese comments write Latin words without spaces);
 * - keywords are literal text: regular-expression characters in them are escaped; a space in an
 *   English phrase matches any run of white space.
 */
import { BY_OPTION, checkOptions, type MethodDescriptor } from './method.ts';
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { weightedMeanInterval, weightedShare } from './weighted.ts';
import { finite, numberOf, orNull, textOf } from './cell-values.ts';

/** Unicode TR #15: NFKC folds compatibility forms (full-width Latin, half-width kana) to their ordinary form. */
const normalise = (s: string): string => s.normalize('NFKC');

/** A "word character" for English whole-word matching: a letter, digit or mark, except Han, kana and Hangul. */
const WORD = String.raw`(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])[\p{L}\p{N}\p{M}])`;

/**
 * Escapes the characters that have a meaning in a RegExp (ECMA-262 SyntaxCharacter, and /). Only
 * those: with the u flag any other escape, e.g. \-, is a SyntaxError.
 */
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A `;`-separated keyword list (the full-width ； too) → trimmed, non-empty, distinct keywords. */
export function splitKeywords(list: string | null | undefined): string[] {
  if (list === null || list === undefined) return [];
  return [...new Set(list.split(/[;；]/).map((k) => k.trim()).filter((k) => k !== ''))];
}

/** A text prepared once for every theme: NFKC-normalised, and its lower-case form for the Chinese substrings. */
interface Prepared {
  text: string;
  lower: string;
}

const prepare = (text: string): Prepared => {
  const t = normalise(text);
  return { text: t, lower: t.toLowerCase() };
};

/** A theme's keywords compiled once into a test on prepared texts. */
function compile(keywordsZh: readonly string[], keywordsEn: readonly string[]): (text: Prepared) => boolean {
  const zh = [...new Set(keywordsZh.map((k) => normalise(k.trim()).toLowerCase()).filter((k) => k !== ''))];
  const en = [...new Set(keywordsEn.map((k) => normalise(k.trim())).filter((k) => k !== ''))];
  // Whole words: the keyword, not preceded or followed by a word character (Unicode-aware, i + u flags).
  // A space in a phrase matches any run of white space ("wait  time", a line break).
  const alternatives = en.map((k) => escapeRegExp(k).replace(/\s+/g, String.raw`\s+`));
  const english = en.length ? new RegExp(`(?<!${WORD})(?:${alternatives.join('|')})(?!${WORD})`, 'iu') : null;
  return (t: Prepared) => zh.some((k) => t.lower.includes(k)) || (english !== null && english.test(t.text));
}

/** Compiles a theme's keywords once into a test for one text. */
export function themeMatcher(keywordsZh: readonly string[], keywordsEn: readonly string[]): (text: string) => boolean {
  const match = compile(keywordsZh, keywordsEn);
  return (text: string) => match(prepare(text));
}

/** Whether `text` raises a theme: any Chinese keyword as a substring, or any English keyword as a whole word. */
export function matchesTheme(text: string, keywordsZh: readonly string[], keywordsEn: readonly string[]): boolean {
  return themeMatcher(keywordsZh, keywordsEn)(text);
}

export interface Theme {
  id: string;
  labelZh: string | null;
  labelEn: string | null;
  keywordsZh: string[];
  keywordsEn: string[];
}

export interface Comment {
  text: string;
  outcome: number | null;
  /** Survey weight; missing counts as 1. */
  weight: number | null;
}

export interface ThemeFigure {
  theme: Theme;
  /** Comments that raise the theme (unweighted count). */
  count: number;
  /** Weighted share (0–100) of the comments that raise it, with its Wilson interval on Kish's n_eff. */
  share: number | null;
  shareLo: number | null;
  shareHi: number | null;
  /** Weighted mean outcome of those comments with an outcome, with its t interval, and how many had one. */
  meanOutcome: number | null;
  outcomeLo: number | null;
  outcomeHi: number | null;
  nOutcome: number;
  /** Comments counted (non-empty text): the share's denominator. */
  comments: number;
}

/** Per theme (in the given order): count, weighted share and mean outcome of the comments raising it. Empty or blank comments are not comments. */
export function themeFigures(themes: readonly Theme[], comments: readonly Comment[]): ThemeFigure[] {
  const given = comments.filter((c) => c.text.trim() !== '');
  const weights = given.map((c, i) => {
    const w = c.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`comment ${i + 1} has an invalid weight ${String(c.weight)}`);
    return w;
  });
  const texts = given.map((c) => prepare(c.text));
  return themes.map((theme) => {
    const match = compile(theme.keywordsZh, theme.keywordsEn);
    let count = 0;
    const hits = given.map(() => 0);
    const outcomes: (number | null)[] = [];
    const outcomeWeights: number[] = [];
    given.forEach((c, i) => {
      if (!match(texts[i]!)) return;
      count++;
      hits[i] = 1;
      outcomes.push(c.outcome);
      outcomeWeights.push(weights[i]!);
    });
    // Weighted share of the comments raising it, Wilson (1927) interval on Kish's n_eff (weighted.ts).
    const share = weightedShare(hits, (h) => h === 1, weights);
    // Weighted mean ± t_{n_eff − 1}·sd_w/√n_eff (weighted.ts).
    const m = weightedMeanInterval(outcomes, outcomeWeights);
    return {
      theme,
      count,
      share: orNull(share.share),
      shareLo: orNull(share.lo),
      shareHi: orNull(share.hi),
      meanOutcome: m.n > 0 ? orNull(m.mean) : null,
      outcomeLo: orNull(m.lo),
      outcomeHi: orNull(m.hi),
      nOutcome: m.n,
      comments: given.length,
    };
  });
}

const COLUMNS: [string, string][] = [
  ['theme_id', 'VARCHAR'],
  ['label_zh', 'VARCHAR'],
  ['label_en', 'VARCHAR'],
  ['count', 'INTEGER'],
  ['share', 'DOUBLE'],
  ['share_lo', 'DOUBLE'],
  ['share_hi', 'DOUBLE'],
  ['mean_outcome', 'DOUBLE'],
  ['outcome_lo', 'DOUBLE'],
  ['outcome_hi', 'DOUBLE'],
  ['n_outcome', 'INTEGER'],
  ['comments', 'INTEGER'],
];

/** Splits the cell's rows into theme rows (theme_id set) and comment rows (theme_id null). */
function split(input: QueryResult): { themes: Theme[]; comments: { row: Row; comment: Comment }[] } {
  const have = input.columns.map((c) => c.name);
  const absent = themesMethod.input.filter((c) => !have.includes(c));
  if (absent.length) {
    throw new Error(
      `the themes method needs columns ${absent.join(', ')} in its data (has ${have.join(', ')}): ` +
        'give it the themes and the comments as one table, e.g. SELECT theme_id, label_zh, label_en, keywords_zh, keywords_en FROM themes UNION ALL BY NAME SELECT comment, overall AS outcome, weight FROM survey',
    );
  }
  const themes: Theme[] = [];
  const seen = new Set<string>();
  const comments: { row: Row; comment: Comment }[] = [];
  input.rows.forEach((r, i) => {
    const id = textOf(r.theme_id);
    if (id !== null) {
      if (textOf(r.comment) !== null) {
        throw new Error(
          `row ${i + 1} has both a theme_id (${id}) and a comment: theme rows and comment rows are separate rows (UNION ALL BY NAME), not a join`,
        );
      }
      if (seen.has(id)) throw new Error(`theme_id "${id}" appears twice`);
      seen.add(id);
      themes.push({
        id,
        labelZh: textOf(r.label_zh),
        labelEn: textOf(r.label_en),
        keywordsZh: splitKeywords(textOf(r.keywords_zh)),
        keywordsEn: splitKeywords(textOf(r.keywords_en)),
      });
      return;
    }
    const text = textOf(r.comment);
    if (text === null) return;
    const weight = r.weight === null || r.weight === undefined ? null : numberOf(r.weight);
    if (r.weight !== null && r.weight !== undefined && (weight === null || weight < 0)) throw new Error(`comment row ${i + 1} has an invalid weight ${String(r.weight)}`);
    comments.push({ row: r, comment: { text, outcome: numberOf(r.outcome), weight } });
  });
  return { themes, comments };
}

const rowOf = (f: ThemeFigure): Row => ({
  theme_id: f.theme.id,
  label_zh: f.theme.labelZh,
  label_en: f.theme.labelEn,
  count: f.count,
  share: f.share,
  share_lo: f.shareLo,
  share_hi: f.shareHi,
  mean_outcome: f.meanOutcome,
  outcome_lo: f.outcomeLo,
  outcome_hi: f.outcomeHi,
  n_outcome: f.nOutcome,
  comments: f.comments,
});

export const themesMethod: MethodDescriptor = {
  name: 'themes',
  doc: 'each theme\'s count, weighted share and mean outcome of the comments raising it',
  input: ['theme_id', 'keywords_zh', 'keywords_en', 'comment'],
  options: { by: BY_OPTION },
  columns: COLUMNS,
  run: themesCell,
};

/**
 * Method cell `themes`. One input holding two kinds of rows (method cells take one data cell; a
 * cross join of comments × themes would multiply the rows):
 * - theme rows: `theme_id` (not null), `label_zh`, `label_en`, `keywords_zh`, `keywords_en`
 *   (`;`-separated lists), `comment` null;
 * - comment rows: `theme_id` null, `comment`, optionally `outcome` and `weight` (other columns, e.g.
 *   a `by` column, are ignored);
 * as `SELECT … FROM themes UNION ALL BY NAME SELECT comment, overall AS outcome, weight FROM survey WHERE …`.
 * Options: `by` (a column of the comment rows: figures per group; the theme rows, whose `by` is null,
 * apply to every group). One row per theme, in the theme rows' order: theme_id, label_zh, label_en,
 * count, share (0–100 of non-blank comments, weighted), share_lo, share_hi, mean_outcome, outcome_lo,
 * outcome_hi, n_outcome, comments.
 */
export function themesCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  const { themes, comments } = split(input);
  const columns = COLUMNS.map(([name, type]) => ({ name, type }));
  const by = checkOptions(themesMethod, raw).by;
  if (by === undefined || by === null) {
    return { columns, rows: themeFigures(themes, comments.map((c) => c.comment)).map(rowOf) };
  }
  if (typeof by !== 'string' || !input.columns.some((c) => c.name === by)) throw new Error(`by: the data have no column "${String(by)}"`);
  // As groups.ts perGroup, except that the theme rows belong to every group.
  const groups = new Map<string, Comment[]>();
  for (const { row, comment } of comments) {
    const key = String(row[by]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(comment);
  }
  const rows: Row[] = [];
  for (const [key, group] of groups) for (const f of themeFigures(themes, group)) rows.push({ [by]: key, ...rowOf(f) });
  return { columns: [{ name: by, type: 'VARCHAR' }, ...columns], rows };
}
