-- Region scope (docs/security.md) for the screening and comparison tables of 0002: requests see and queue only
-- their region's runs and results; the background worker runs as the owner.
ALTER TABLE screening_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON screening_run TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
ALTER TABLE screening_result ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON screening_result TO gengbao_web USING (gb_security.in_scope(county_code));
ALTER TABLE comparison_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON comparison_run TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
ALTER TABLE land_transfer ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON land_transfer TO gengbao_web USING (gb_security.in_scope(county_code, village_code));
ALTER TABLE cultivated_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON cultivated_change TO gengbao_web USING (gb_security.in_scope(county_code, village_code));

GRANT SELECT ON screening_run, screening_result, comparison_run, land_transfer, cultivated_change TO gengbao_web;
GRANT INSERT (county_code, year, trigger, reason, requested_by) ON screening_run TO gengbao_web;
GRANT INSERT (county_code, before_year, after_year, requested_by) ON comparison_run TO gengbao_web;
GRANT USAGE ON SEQUENCE screening_run_id_seq, comparison_run_id_seq TO gengbao_web;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('screening_run', '*', 'internal', 'screening jobs'),
    ('screening_result', '*', 'internal', 'screening results: suspected violations before verification'),
    ('comparison_run', '*', 'internal', 'comparison jobs'),
    ('land_transfer', '*', 'internal', 'land-use transfer matrix'),
    ('cultivated_change', '*', 'internal', 'cultivated land lost or gained');
