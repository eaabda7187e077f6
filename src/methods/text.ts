/**
 * Text as DuckDB SQL macros, the same at build time and in the browser. Search: a page's search box
 * filters rows with `WHERE text_matches(comment, $search)`. Numbers in sentences a page writes in SQL
 * (the findings page): `number_text(x, digits)` and `signed_text(x, digits)` print as the inline
 * values do, with a true minus sign (U+2212) and never "−0.00".
 */
export const TEXT_MACROS = `
-- Every space-separated word of q occurs in text, ignoring case (Chinese has no spaces: a Chinese
-- phrase is one word, found as a substring). An empty or NULL q matches every row, a NULL text none.
CREATE OR REPLACE TEMP MACRO text_matches(text, q) AS
  coalesce(trim(q), '') = ''
  OR (text IS NOT NULL AND list_bool_and(list_transform(
        list_filter(string_split(lower(trim(q)), ' '), w -> w <> ''),
        w -> contains(lower(text), w))));

-- x with a fixed number of digits, a true minus sign, and no minus on a value that rounds to zero.
CREATE OR REPLACE TEMP MACRO number_text(x, digits) AS
  CASE WHEN x IS NULL THEN NULL
       WHEN round(x, digits) = 0 THEN printf('%.' || digits || 'f', 0.0)
       ELSE replace(printf('%.' || digits || 'f', x), '-', '−') END;
-- The same with a plus sign on a positive value (a change, a gap).
CREATE OR REPLACE TEMP MACRO signed_text(x, digits) AS
  CASE WHEN x IS NULL THEN NULL WHEN round(x, digits) > 0 THEN '+' ELSE '' END || number_text(x, digits);
`;
