/**
 * Text search as a DuckDB SQL macro, so a page's search box filters rows the same way at build time
 * and in the browser: `WHERE text_matches(comment, $search)`.
 */
export const TEXT_MACROS = `
-- Every space-separated word of q occurs in text, ignoring case (Chinese has no spaces: a Chinese
-- phrase is one word, found as a substring). An empty or NULL q matches every row, a NULL text none.
CREATE OR REPLACE TEMP MACRO text_matches(text, q) AS
  coalesce(trim(q), '') = ''
  OR (text IS NOT NULL AND list_bool_and(list_transform(
        list_filter(string_split(lower(trim(q)), ' '), w -> w <> ''),
        w -> contains(lower(text), w))));
`;
