-- Farmland ledger (一本账, docs/ledger.md): protection targets for the assessment, supplementary farmland projects
-- (补充耕地) for the occupation-compensation balance, the seam through which the case module's figures reach the
-- assessment, and an index that lets the totals read only cultivated patches.
-- county_code is the unit's code cut to the county (6 digits), or shorter for a prefecture's or province's own row
-- (e.g. '6229' for 临夏州), so gb_security.in_scope shows a prefecture target to the prefecture, not to its counties.

CREATE TABLE protection_target (
    county_code          text   NOT NULL,
    unit_code            text   NOT NULL CHECK (unit_code ~ '^[0-9]{12}$'),
    year                 int    NOT NULL,
    cultivated_target_m2 numeric(17, 2) CHECK (cultivated_target_m2 >= 0),
    pbf_target_m2        numeric(17, 2) CHECK (pbf_target_m2 >= 0),
    source               text   NOT NULL,             -- file name (and sheet) it was imported from, or 'api'
    imported_at          timestamptz NOT NULL DEFAULT now(),
    imported_by          text   NOT NULL DEFAULT current_user,
    PRIMARY KEY (county_code, unit_code, year)
);
ALTER TABLE protection_target ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON protection_target TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
GRANT SELECT, INSERT, UPDATE ON protection_target TO gengbao_web;

CREATE TABLE supplementary_project (
    county_code          text   NOT NULL,
    project_no           text   NOT NULL,             -- 项目编号
    unit_code            text   NOT NULL,             -- village (12 digits) or township where the land was created
    year                 int    NOT NULL,             -- year of acceptance (验收年度)
    name                 text   NOT NULL,
    added_cultivated_m2  numeric(15, 2) NOT NULL CHECK (added_cultivated_m2 >= 0),
    source               text   NOT NULL,
    PRIMARY KEY (county_code, project_no)
);
CREATE INDEX supplementary_project_year ON supplementary_project (county_code, year);
ALTER TABLE supplementary_project ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON supplementary_project TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
GRANT SELECT ON supplementary_project TO gengbao_web;

-- The case module's seam (issue 8 ↔ cases): one row per unit (village or finer code), year with the cases opened and
-- those closed. Until the case tables exist on this branch it returns no rows and the assessment leaves the item out.
-- After the merge, replace the body (CREATE OR REPLACE VIEW in the cases migration or a later one), keeping the columns.
-- security_invoker: the case tables' own RLS applies to the caller.
CREATE VIEW ledger_case_stats WITH (security_invoker = true) AS
    SELECT NULL::text AS county_code, NULL::text AS unit_code, NULL::int AS year, 0::bigint AS cases_total, 0::bigint AS cases_closed
    WHERE false;
GRANT SELECT ON ledger_case_stats TO gengbao_web;

-- Patrol completion for the assessment. patrol_task (0003) has no policy or grant for request roles yet; this view
-- gives them the four columns the assessment counts, filtered by the same region rule, without changing the patrol
-- tables' access (the patrol module may add its own RLS later; the view keeps working). The owner sees every row.
CREATE VIEW ledger_patrol_stats AS
    SELECT county_code, cell_code, due_at, state FROM patrol_task
    WHERE current_user NOT IN ('gengbao_web', 'gengbao_public') OR gb_security.in_scope(county_code, cell_code);
GRANT SELECT ON ledger_patrol_stats TO gengbao_web;

-- Totals read only cultivated patches of one county and year: an index-only scan instead of the whole layer.
CREATE INDEX dltb_cultivated ON dltb (county_code, year, zldwdm) INCLUDE (dlbm, tbmj, gdpdjb) WHERE dlbm IN ('0101', '0102', '0103');

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('protection_target', '*', 'internal', 'farmland protection targets per unit and year'),
    ('supplementary_project', '*', 'internal', 'supplementary farmland projects (补充耕地)'),
    ('ledger_case_stats', '*', 'internal', 'case counts per unit for the assessment (view)'),
    ('ledger_patrol_stats', '*', 'internal', 'patrol task states per cell for the assessment (view)');
