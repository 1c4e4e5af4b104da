-- The ledger's case-handling seam (0007's ledger_case_stats, empty until the case tables existed) now counts the
-- case loop's cases (0006): per county, finest unit and year opened, how many and how many closed. security_invoker
-- keeps problem_case's region policy in force for request roles.
CREATE OR REPLACE VIEW ledger_case_stats WITH (security_invoker = true) AS
    SELECT county_code, unit_code, extract(year FROM created_at)::int AS year,
           count(*)::bigint AS cases_total,
           count(*) FILTER (WHERE state IN ('closed_legal', 'closed', 'archived'))::bigint AS cases_closed
    FROM problem_case
    GROUP BY county_code, unit_code, extract(year FROM created_at)::int;
