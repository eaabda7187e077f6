/**
 * Reporting periods of the metrics contract — years (`2025`), quarters (`2025Q3`) and months
 * (`2025-07`) — as DuckDB SQL macros, so pages can put every grain on one time axis without ever
 * averaging across grains: each value is drawn at its own period's midpoint, and a period's
 * predecessor and the same period a year earlier are found within its own grain.
 */
export const PERIOD_MACROS = `
-- year | quarter | month, from the period's form (the contract admits only these three).
CREATE OR REPLACE TEMP MACRO period_grain_of(p) AS
  CASE WHEN length(p) = 4 THEN 'year' WHEN p[5] = 'Q' THEN 'quarter' ELSE 'month' END;

-- Position of the period in its grain: years count 1, quarters 4, months 12 per year.
CREATE OR REPLACE TEMP MACRO period_index(p) AS
  CASE period_grain_of(p)
    WHEN 'year' THEN CAST(p AS INTEGER)
    WHEN 'quarter' THEN CAST(p[1:4] AS INTEGER) * 4 + CAST(p[6] AS INTEGER) - 1
    ELSE CAST(p[1:4] AS INTEGER) * 12 + CAST(p[6:7] AS INTEGER) - 1 END;

-- The period k steps later (k < 0: earlier) in the same grain, written as the contract writes it.
CREATE OR REPLACE TEMP MACRO period_shift(p, k) AS
  CASE period_grain_of(p)
    WHEN 'year' THEN CAST(period_index(p) + k AS VARCHAR)
    WHEN 'quarter' THEN CAST((period_index(p) + k) // 4 AS VARCHAR) || 'Q' || CAST((period_index(p) + k) % 4 + 1 AS VARCHAR)
    ELSE CAST((period_index(p) + k) // 12 AS VARCHAR) || '-' || lpad(CAST((period_index(p) + k) % 12 + 1 AS VARCHAR), 2, '0') END;

-- The same period one year earlier (last year's quarter or month; the previous year).
CREATE OR REPLACE TEMP MACRO period_year_ago(p) AS
  period_shift(p, CASE period_grain_of(p) WHEN 'year' THEN -1 WHEN 'quarter' THEN -4 ELSE -12 END);

-- First day of the period, and the first day after it.
CREATE OR REPLACE TEMP MACRO period_start(p) AS
  CASE period_grain_of(p)
    WHEN 'year' THEN make_date(CAST(p AS INTEGER), 1, 1)
    WHEN 'quarter' THEN make_date(CAST(p[1:4] AS INTEGER), (CAST(p[6] AS INTEGER) - 1) * 3 + 1, 1)
    ELSE make_date(CAST(p[1:4] AS INTEGER), CAST(p[6:7] AS INTEGER), 1) END;
CREATE OR REPLACE TEMP MACRO period_end(p) AS
  CAST(period_start(p) + CASE period_grain_of(p) WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END AS DATE);

-- Where a value for the whole period sits on a time axis: the period's middle day.
CREATE OR REPLACE TEMP MACRO period_mid(p) AS
  period_start(p) + CAST((period_end(p) - period_start(p)) // 2 AS INTEGER);
`;
