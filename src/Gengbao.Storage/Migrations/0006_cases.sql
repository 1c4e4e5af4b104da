-- Case loop (issue 6, seeds 001 and 004): problems from four sources, green/yellow/red, verification and
-- rectification tasks, the six enforcement steps, archive, public clues, spot checks. docs/cases.md.
-- Region-keyed tables lead with county_code and carry the finest admin code they know (village or township), with
-- the region_scope policy of docs/security.md.

CREATE TABLE problem_case (
    county_code   text        NOT NULL,
    id            bigserial,
    unit_code     text        NOT NULL,   -- finest admin unit containing the case (village, else township, else county)
    town_code     text,
    code          text        NOT NULL CHECK (code IN ('green', 'yellow', 'red')),
    state         text        NOT NULL CHECK (state IN ('verifying', 'closed_legal', 'dispatched', 'evidenced', 'reported',
                                                        'reviewed', 'enforced', 'closed', 'archived')),
    geom_4490     geometry(Geometry, 4490) NOT NULL,
    area_m2       numeric(15, 2),         -- polygon cases: ellipsoidal area (PostGIS geography) of the reported shape
    measured_geom_4490 geometry(Geometry, 4490),  -- the verifier's measured polygon, when given
    title         text        NOT NULL,
    reason        text        NOT NULL DEFAULT '',  -- screening reason or the report's description
    judgement     text CHECK (judgement IN ('legal_with_approval', 'facility_agricultural_land_filed', 'temporary_land',
                                            'illegal_non_agricultural', 'illegal_non_grain', 'other')),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX problem_case_id ON problem_case (id);
CREATE INDEX problem_case_geom ON problem_case USING gist (geom_4490);
CREATE INDEX problem_case_state ON problem_case (county_code, state);

-- One row per report merged into a case; (kind, external number) is unique, so an intake run twice finds its case.
CREATE TABLE case_source (
    county_code     text        NOT NULL,
    id              bigserial,
    case_id         bigint      NOT NULL REFERENCES problem_case (id),
    unit_code       text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('issued', 'monitoring', 'patrol', 'public')),
    external_number text        NOT NULL,   -- JCBH, finding id, clue tracking number
    geom_4490       geometry(Geometry, 4490) NOT NULL,
    screening_class text CHECK (screening_class IN ('green', 'yellow')),
    detail          jsonb       NOT NULL DEFAULT '{}',
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (county_code, id),
    CONSTRAINT case_source_once UNIQUE (kind, external_number)
);
CREATE INDEX case_source_case ON case_source (case_id);

-- Append-only history: who did what, when, from which state to which. Never updated or deleted.
CREATE TABLE case_event (
    county_code text        NOT NULL,
    id          bigserial,
    case_id     bigint      NOT NULL REFERENCES problem_case (id),
    unit_code   text        NOT NULL,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,   -- username or 'system'
    role        text        NOT NULL,
    action      text        NOT NULL,
    from_state  text,
    to_state    text,
    notes       text        NOT NULL DEFAULT '',
    detail      jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (county_code, id)
);
CREATE INDEX case_event_case ON case_event (case_id, id);
CREATE FUNCTION refuse_case_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_event is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event FOR EACH ROW EXECUTE FUNCTION refuse_case_event_change();
CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event FOR EACH STATEMENT EXECUTE FUNCTION refuse_case_event_change();

-- Verification (yellow) and rectification (red) tasks, assigned to the grid cell's manager on the roster.
CREATE TABLE case_task (
    county_code   text        NOT NULL,
    id            bigserial,
    case_id       bigint      NOT NULL REFERENCES problem_case (id),
    kind          text        NOT NULL CHECK (kind IN ('verification', 'rectification')),
    cell_code     text        NOT NULL,   -- the grid cell responsible (group, else village)
    cell_basis    text        NOT NULL CHECK (cell_basis IN ('group', 'village', 'township', 'county')),
    assignee_id   bigint,                 -- patrol_roster.id of the cell's manager at creation (null: none on the roster)
    state         text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),
    due_at        timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    done_at       timestamptz,
    escalated_at  timestamptz,
    escalated_to  text,                   -- the cell one level up whose manager is warned
    PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX case_task_id ON case_task (id);
-- Exactly one verification and one rectification task per case.
CREATE UNIQUE INDEX case_task_once ON case_task (case_id, kind);
CREATE INDEX case_task_open ON case_task (due_at) WHERE state = 'open';

CREATE TABLE case_attachment (
    county_code  text        NOT NULL,
    id           bigserial,
    case_id      bigint      NOT NULL REFERENCES problem_case (id),
    unit_code    text        NOT NULL,
    event_id     bigint,                -- the transition it came with
    file_name    text        NOT NULL,
    content_type text        NOT NULL,
    content      bytea       NOT NULL,
    sha256       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (county_code, id)
);
CREATE INDEX case_attachment_case ON case_attachment (case_id);

-- Public clues (公众监督). The contact is SM4-GCM sealed (FieldCipher, context public_clue.contact).
CREATE TABLE public_clue (
    county_code     text        NOT NULL,
    id              bigserial,
    unit_code       text        NOT NULL,
    tracking_number text        NOT NULL UNIQUE,
    case_id         bigint      REFERENCES problem_case (id),
    lon             double precision NOT NULL,
    lat             double precision NOT NULL,
    description     text        NOT NULL,
    contact_enc     bytea,
    client_ip       text,
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (county_code, id)
);

-- Electronic filing: the dossier's hash at archive time.
CREATE TABLE case_archive (
    county_code  text        NOT NULL,
    case_id      bigint      NOT NULL REFERENCES problem_case (id),
    unit_code    text        NOT NULL,
    archived_at  timestamptz NOT NULL,
    archived_by  text        NOT NULL,
    dossier_sha256 text      NOT NULL,
    dossier_bytes  bigint    NOT NULL,
    PRIMARY KEY (county_code, case_id)
);

-- 双随机、一公开: the seed is recorded so anyone can re-draw (Gengbao.Cases.SpotCheckDraw).
CREATE TABLE spot_check (
    county_code  text        NOT NULL,
    id           bigserial,
    seed         text        NOT NULL,
    requested    int         NOT NULL,
    candidate_ids bigint[]   NOT NULL,   -- the closed cases drawn from, so the draw can be repeated later
    inspectors   text[]      NOT NULL,
    drawn_by     text        NOT NULL,
    drawn_at     timestamptz NOT NULL,
    PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX spot_check_id ON spot_check (id);
CREATE TABLE spot_check_pick (
    county_code  text        NOT NULL,
    spot_check_id bigint     NOT NULL,
    rank         int         NOT NULL,
    case_id      bigint      NOT NULL REFERENCES problem_case (id),
    inspector    text        NOT NULL,
    score        text        NOT NULL,
    result       text,
    PRIMARY KEY (county_code, spot_check_id, rank)
);

-- Region scope (docs/security.md).
ALTER TABLE problem_case ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON problem_case TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
ALTER TABLE case_source ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON case_source TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
ALTER TABLE case_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON case_event TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
ALTER TABLE case_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON case_task TO gengbao_web
    USING (gb_security.in_scope(county_code, cell_code)) WITH CHECK (gb_security.in_scope(county_code, cell_code));
ALTER TABLE case_attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON case_attachment TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
ALTER TABLE public_clue ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON public_clue TO gengbao_web USING (gb_security.in_scope(county_code, unit_code));
ALTER TABLE case_archive ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON case_archive TO gengbao_web
    USING (gb_security.in_scope(county_code, unit_code)) WITH CHECK (gb_security.in_scope(county_code, unit_code));
ALTER TABLE spot_check ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON spot_check TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
ALTER TABLE spot_check_pick ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON spot_check_pick TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));

GRANT SELECT, UPDATE ON problem_case TO gengbao_web;
GRANT SELECT ON case_source, public_clue TO gengbao_web;
GRANT SELECT, INSERT ON case_event, case_attachment, case_archive, spot_check, spot_check_pick TO gengbao_web;
GRANT SELECT, UPDATE, INSERT ON case_task TO gengbao_web;
GRANT UPDATE (result) ON spot_check_pick TO gengbao_web;
GRANT USAGE ON SEQUENCE case_event_id_seq, case_attachment_id_seq, case_task_id_seq, spot_check_id_seq TO gengbao_web;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('problem_case', '*', 'internal', 'cases: suspected and confirmed violations'),
    ('case_source', '*', 'internal', 'reports merged into a case'),
    ('case_event', '*', 'internal', 'append-only case history'),
    ('case_task', '*', 'internal', 'verification and rectification tasks'),
    ('case_attachment', '*', 'internal', 'evidence photos and documents'),
    ('case_archive', '*', 'internal', 'electronic filing of closed cases'),
    ('public_clue', '*', 'internal', 'public clues'),
    ('public_clue', 'contact_enc', 'sensitive', 'SM4-GCM, FieldCipher context public_clue.contact'),
    ('public_clue', 'client_ip', 'sensitive', 'address of the reporter, for abuse handling'),
    ('spot_check', '*', 'internal', 'spot-check draws (published)'),
    ('spot_check_pick', '*', 'internal', 'spot-check picks (published)');
