-- Grid patrol (网格化巡田, seed 001, issue 5): roster, plans, tasks, warnings, tracks, findings. docs/patrol.md.
-- Every table that grows with the province leads with county_code (sharding key, and the key region-scoped access
-- will filter on); rows about a cell also carry the cell's admin code.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per roster file loaded; roster rows point at the import that created and the one that superseded them.
CREATE TABLE patrol_roster_import (
    id          bigserial   PRIMARY KEY,
    file_name   text        NOT NULL,
    sha256      text        NOT NULL,
    row_count   int         NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- 田管员花名册 with history: a re-import supersedes the current rows of the cells it names (superseded_at set, row
-- kept), so who was responsible for a cell on any day stays answerable. valid_from/valid_to are the term (inclusive).
CREATE TABLE patrol_roster (
    county_code   text     NOT NULL,
    id            bigserial,
    cell_code     text     NOT NULL,
    cell_level    smallint NOT NULL CHECK (cell_level BETWEEN 2 AND 6),
    role          text     NOT NULL CHECK (role IN ('manager', 'assistant')),
    person_name   text     NOT NULL,
    phone         text     NOT NULL,
    valid_from    date     NOT NULL,
    valid_to      date,
    import_id     bigint   NOT NULL REFERENCES patrol_roster_import (id),
    source_row    int      NOT NULL,
    superseded_at timestamptz,
    superseded_by bigint REFERENCES patrol_roster_import (id),
    PRIMARY KEY (county_code, id),
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    -- One manager per cell for any day among current rows.
    CONSTRAINT patrol_roster_one_manager EXCLUDE USING gist (
        county_code WITH =, cell_code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
        WHERE (role = 'manager' AND superseded_at IS NULL)
);
CREATE INDEX patrol_roster_cell ON patrol_roster (cell_code) WHERE superseded_at IS NULL;
CREATE INDEX patrol_roster_phone ON patrol_roster (phone) WHERE superseded_at IS NULL;

-- Patrol plans: cells of a level under a region prefix are patrolled every cycle, optionally only in some months.
-- The governing plan of a cell is the longest matching prefix, then seasonal before all-year, then the lowest id
-- (Gengbao.Patrol.Cycles.CyclePolicy).
CREATE TABLE patrol_plan (
    id            bigserial PRIMARY KEY,
    name          text      NOT NULL,
    level         smallint  NOT NULL CHECK (level BETWEEN 2 AND 6),
    region_prefix text      NOT NULL DEFAULT '' CHECK (region_prefix ~ '^[0-9]*$'),
    cycle         text      NOT NULL CHECK (cycle IN ('weekly', 'monthly', 'quarterly', 'half_yearly')),
    months        smallint[] CHECK (months IS NULL OR (cardinality(months) > 0 AND months <@ '{1,2,3,4,5,6,7,8,9,10,11,12}')),
    active        boolean   NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- Seed 001 四(四)2 defaults, ids 1-5 as CyclePolicy.Defaults names them.
INSERT INTO patrol_plan (id, name, level, cycle) VALUES
    (1, '州级巡田（每半年）', 2, 'half_yearly'),
    (2, '县级巡田（每半年）', 3, 'half_yearly'),
    (3, '乡级巡田（每季度）', 4, 'quarterly'),
    (4, '村级巡田（每月）', 5, 'monthly'),
    (5, '社级巡田（每周）', 6, 'weekly');
SELECT setval('patrol_plan_id_seq', 100);

-- One task per cell, plan and period: the UNIQUE key makes dispatch INSERT .. ON CONFLICT DO NOTHING, so restarts and
-- several server instances never send a task twice.
CREATE TABLE patrol_task (
    county_code     text        NOT NULL,
    id              bigserial,
    cell_code       text        NOT NULL,
    cell_level      smallint    NOT NULL,
    supervisor_code text,       -- the cell one level up, whose manager is warned
    plan_id         bigint      NOT NULL REFERENCES patrol_plan (id),
    cycle           text        NOT NULL,
    period_key      text        NOT NULL,
    period_start    timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    warn_at         timestamptz NOT NULL,
    assignee_id     bigint,     -- patrol_roster.id of the manager when dispatched (null: no manager on the roster)
    state           text        NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'in_progress', 'completed', 'incomplete', 'overdue')),
    state_changed_at timestamptz NOT NULL,
    coverage        double precision,
    flags           text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (county_code, id),
    CONSTRAINT patrol_task_once UNIQUE (county_code, cell_code, plan_id, period_key)
);
CREATE UNIQUE INDEX patrol_task_id ON patrol_task (id);
CREATE INDEX patrol_task_open_due ON patrol_task (due_at) WHERE state IN ('pending', 'in_progress', 'incomplete');
CREATE INDEX patrol_task_cell ON patrol_task (cell_code, period_start);

-- Warnings to the supervisor one level up; one of each kind per task.
CREATE TABLE patrol_warning (
    county_code      text        NOT NULL,
    id               bigserial,
    task_id          bigint      NOT NULL,
    cell_code        text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
    supervisor_code  text,
    supervisor_id    bigint,     -- patrol_roster.id (null: nobody on the roster one level up)
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (county_code, id),
    CONSTRAINT patrol_warning_once UNIQUE (county_code, task_id, kind)
);
CREATE INDEX patrol_warning_supervisor ON patrol_warning (supervisor_code, created_at);

-- Track batches: the client's batch id makes an upload idempotent; the content hash tells a retry (same content) from
-- a mistake (same id, other content: refused with 409).
CREATE TABLE track_batch (
    county_code  text        NOT NULL,
    task_id      bigint      NOT NULL,
    batch_id     uuid        NOT NULL,
    cell_code    text        NOT NULL,
    point_count  int         NOT NULL,
    content_sha256 text      NOT NULL,
    first_time   timestamptz,
    last_time    timestamptz,
    source       text        NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'gpx')),
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (county_code, task_id, batch_id)
);

-- GPS fixes: hundreds of millions a month at province scale. RANGE by month on time, then LIST by county; partitions
-- are made on demand by patrol_ensure_track_partition before a batch is copied in.
CREATE TABLE track_point (
    county_code text        NOT NULL,
    cell_code   text        NOT NULL,
    task_id     bigint      NOT NULL,
    batch_id    uuid        NOT NULL,
    seq         int         NOT NULL,
    time        timestamptz NOT NULL,
    lon         double precision NOT NULL,
    lat         double precision NOT NULL,
    accuracy    real,
    altitude    real
) PARTITION BY RANGE (time);
CREATE INDEX track_point_task ON track_point (task_id, time);

-- Creates the month partition (UTC month) and its county sub-partition if missing. Serialised by an advisory lock so
-- two servers creating the same partition at once do not fail.
CREATE FUNCTION patrol_ensure_track_partition(p_county text, p_month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    m      date := date_trunc('month', p_month)::date;
    parent text := format('track_point_%s', to_char(m, 'YYYY_MM'));
    leaf   text := format('track_point_%s_%s', to_char(m, 'YYYY_MM'), p_county);
BEGIN
    IF p_county !~ '^[0-9]{6}$' THEN
        RAISE EXCEPTION 'county code % is not 6 digits', p_county;
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

-- Patrol findings (巡查发现): a point or polygon, the parcel it falls on, notes; photos beside.
CREATE TABLE patrol_finding (
    county_code  text        NOT NULL,
    id           bigserial,
    cell_code    text        NOT NULL,
    task_id      bigint,
    category     text        NOT NULL CHECK (category IN ('construction', 'to_forest', 'to_garden', 'to_grassland', 'to_pond',
                                                         'abandonment', 'facility_damage', 'other')),
    geom_4490    geometry(Geometry, 4490) NOT NULL,
    spatial_code text,        -- DLTB parcel at the finding's interior point (null: none loaded there)
    dlbm         text,
    notes        text        NOT NULL DEFAULT '',
    reported_by  text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX patrol_finding_id ON patrol_finding (id);
CREATE INDEX patrol_finding_geom ON patrol_finding USING gist (geom_4490);
CREATE INDEX patrol_finding_cell ON patrol_finding (cell_code, created_at);

CREATE TABLE patrol_finding_photo (
    county_code text        NOT NULL,
    id          bigserial,
    finding_id  bigint      NOT NULL,
    cell_code   text        NOT NULL,
    file_name   text        NOT NULL,
    content_type text       NOT NULL,
    content     bytea       NOT NULL,
    sha256      text        NOT NULL,
    exif_lon    double precision,
    exif_lat    double precision,
    exif_time   timestamptz,
    flags       text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (county_code, id),
    UNIQUE (county_code, finding_id, sha256)
);
