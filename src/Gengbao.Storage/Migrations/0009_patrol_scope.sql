-- Region scope (docs/security.md) for the patrol tables of 0003: requests run as gengbao_web with the caller's region,
-- so a village field manager sees and writes only his village's roster, tasks, tracks and findings, and a county's
-- dispatch reaches only that county. The scheduler (background) runs as the owner, not subject to RLS.
ALTER TABLE patrol_roster ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON patrol_roster TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
ALTER TABLE patrol_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON patrol_task TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
ALTER TABLE patrol_warning ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON patrol_warning TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
ALTER TABLE track_batch ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON track_batch TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
-- Partitions made later by patrol_ensure_track_partition are reached through the parent, whose policy applies.
ALTER TABLE track_point ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON track_point TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
ALTER TABLE patrol_finding ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON patrol_finding TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
ALTER TABLE patrol_finding_photo ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON patrol_finding_photo TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));

-- Plans are read by everyone signed in (they are rules, not data); a plan may only be made for a region the caller
-- covers (a county admin cannot set the province's cycles).
ALTER TABLE patrol_plan ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON patrol_plan FOR SELECT TO gengbao_web USING (true);
CREATE POLICY write_own_region ON patrol_plan FOR INSERT TO gengbao_web WITH CHECK (gb_security.covers(region_prefix));
CREATE POLICY update_own_region ON patrol_plan FOR UPDATE TO gengbao_web
    USING (gb_security.covers(region_prefix)) WITH CHECK (gb_security.covers(region_prefix));

GRANT SELECT, INSERT, UPDATE ON patrol_roster, patrol_task, patrol_warning, patrol_plan TO gengbao_web;
GRANT SELECT, INSERT ON patrol_roster_import, track_batch, track_point, patrol_finding, patrol_finding_photo TO gengbao_web;
GRANT USAGE ON SEQUENCE patrol_roster_import_id_seq, patrol_roster_id_seq, patrol_plan_id_seq, patrol_task_id_seq,
    patrol_warning_id_seq, patrol_finding_id_seq, patrol_finding_photo_id_seq TO gengbao_web;

-- Making a partition needs the owner's rights: the function runs as its owner, and a request (region set) may only ask
-- for a county in its region; a partition is empty structure, so the check is about not letting requests probe.
CREATE OR REPLACE FUNCTION patrol_ensure_track_partition(p_county text, p_month date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    m      date := date_trunc('month', p_month)::date;
    parent text := format('track_point_%s', to_char(m, 'YYYY_MM'));
    leaf   text := format('track_point_%s_%s', to_char(m, 'YYYY_MM'), p_county);
BEGIN
    IF p_county !~ '^[0-9]{6}$' THEN
        RAISE EXCEPTION 'county code % is not 6 digits', p_county;
    END IF;
    IF coalesce(current_setting('gengbao.region', true), '') <> '' AND NOT gb_security.in_scope(p_county) THEN
        RAISE EXCEPTION 'county % is outside the caller''s region', p_county USING ERRCODE = '42501';
    END IF;
    IF to_regclass(leaf) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('track_point_partition'));
    IF to_regclass(parent) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF track_point FOR VALUES FROM (%L) TO (%L) PARTITION BY LIST (county_code)',
                       parent, m::timestamp AT TIME ZONE 'UTC', (m + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    END IF;
    IF to_regclass(leaf) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', leaf, parent, p_county);
    END IF;
END $$;
REVOKE ALL ON FUNCTION patrol_ensure_track_partition(text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION patrol_ensure_track_partition(text, date) TO gengbao_web;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('patrol_roster', '*', 'internal', 'field-manager roster (grid cells, terms)'),
    ('patrol_roster', 'person_name', 'sensitive', 'personal data: masked for roles without SeesPersonalData'),
    ('patrol_roster', 'phone', 'sensitive', 'personal data: masked for roles without SeesPersonalData'),
    ('patrol_roster_import', '*', 'internal', 'roster files loaded'),
    ('patrol_plan', '*', 'internal', 'patrol cycles'),
    ('patrol_task', '*', 'internal', 'patrol tasks'),
    ('patrol_warning', '*', 'internal', 'patrol warnings'),
    ('track_batch', '*', 'internal', 'GPS track batches'),
    ('track_point', '*', 'sensitive', 'GPS positions of identifiable field managers'),
    ('patrol_finding', '*', 'internal', 'patrol findings'),
    ('patrol_finding_photo', '*', 'internal', 'evidence photos');
