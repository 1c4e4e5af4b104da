-- Smart screening (智能筛查) in the platform: runs as queued background jobs, one per county and year of change
-- patches, and the latest result of every change patch with the run (engine version, rules, input versions) behind it.
-- Both tables lead with county_code, the sharding and region-scope key.

CREATE TABLE screening_run (
    id              bigserial PRIMARY KEY,
    county_code     text        NOT NULL,
    year            int         NOT NULL,           -- year of the change patches (BHTB) screened
    status          text        NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'running', 'done', 'failed')),
    trigger         text        NOT NULL CHECK (trigger IN ('manual', 'import')),
    reason          text        NOT NULL DEFAULT '',  -- why it was queued, e.g. "PZYD 2024 re-imported: 3 approvals changed"
    patch_fids      bigint[],                       -- the patches to screen; NULL = every patch of the county and year
    requested_by    text        NOT NULL DEFAULT current_user,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    heartbeat_at    timestamptz,                    -- a running job touches it; a stale one is requeued
    finished_at     timestamptz,
    worker          text,
    progress_done   bigint      NOT NULL DEFAULT 0,
    progress_total  bigint,
    engine_version  text,
    rules           jsonb,
    input_versions  jsonb,                          -- {"BHTB":[id],"DLTB":[ids],...}: layer_version ids read
    green_count     bigint,
    yellow_count    bigint,
    error           text
);
CREATE INDEX screening_run_queue ON screening_run (id) WHERE status IN ('queued', 'running');
CREATE INDEX screening_run_county ON screening_run (county_code, year, id DESC);

CREATE TABLE screening_result (
    county_code   text   NOT NULL,
    year          int    NOT NULL,
    fid           bigint NOT NULL,                  -- bhtb.fid of the change patch
    run_id        bigint NOT NULL REFERENCES screening_run (id),
    jcbh          text   NOT NULL,
    class         text   NOT NULL CHECK (class IN ('green', 'yellow')),
    tags          text[] NOT NULL DEFAULT '{}',     -- non_agricultural, non_grain
    patch_mj      numeric(15, 2) NOT NULL,
    gd_mj         numeric(15, 2) NOT NULL,
    yjjbnt_mj     numeric(15, 2) NOT NULL,
    gbznt_mj      numeric(15, 2) NOT NULL,
    pzyd_mj       numeric(15, 2) NOT NULL,
    unapproved_gd_mj     numeric(15, 2) NOT NULL,
    unapproved_yjjbnt_mj numeric(15, 2) NOT NULL,
    approvals     jsonb  NOT NULL DEFAULT '[]',      -- [{number,type,area,share}] largest first
    approved_by_type jsonb NOT NULL DEFAULT '{}',
    reason        text   NOT NULL,
    screened_at   timestamptz NOT NULL DEFAULT now(),
    -- The patch's content when screened, so a re-import can tell an unchanged patch (result carried over) from a changed one.
    patch_hash    text   NOT NULL,
    PRIMARY KEY (county_code, year, fid)
);
CREATE INDEX screening_result_class ON screening_result (county_code, year, class);
CREATE INDEX screening_result_jcbh ON screening_result (jcbh);

-- The content of a change patch that its screening depends on; equal hashes mean the same result.
CREATE FUNCTION screening_patch_hash(jcbh text, qsxdl text, hsxdl text, geom_4490 geometry) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT md5(coalesce(jcbh, '') || '|' || coalesce(qsxdl, '') || '|' || coalesce(hsxdl, '') || '|' || encode(ST_AsBinary(geom_4490), 'hex')) $$;

-- Survey-year comparison (年度变更对比) in the platform: the land-use transfer matrix per village between two stored
-- DLTB years of a county, and the pieces where cultivated land was lost or gained. The latest run per county and
-- pair of years is kept; the ledger's inflow and outflow read it.
CREATE TABLE comparison_run (
    id              bigserial PRIMARY KEY,
    county_code     text        NOT NULL,
    before_year     int         NOT NULL,
    after_year      int         NOT NULL CHECK (after_year > before_year),
    status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    requested_by    text        NOT NULL DEFAULT current_user,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    heartbeat_at    timestamptz,
    finished_at     timestamptz,
    worker          text,
    stage           text,
    engine_version  text,
    input_versions  jsonb,
    before_area     numeric(17, 2),
    after_area      numeric(17, 2),
    common_area     numeric(17, 2),
    sliver_count    int,
    matrix_rows     int,
    change_pieces   int,
    error           text
);
CREATE INDEX comparison_run_queue ON comparison_run (id) WHERE status IN ('queued', 'running');
CREATE INDEX comparison_run_county ON comparison_run (county_code, before_year, after_year, id DESC);

CREATE TABLE land_transfer (
    county_code   text   NOT NULL,
    before_year   int    NOT NULL,
    after_year    int    NOT NULL,
    village_code  text   NOT NULL,             -- ZLDWDM of the before parcel, first 12 digits
    from_dlbm     text   NOT NULL,
    to_dlbm       text   NOT NULL,
    area_m2       numeric(15, 2) NOT NULL,
    run_id        bigint NOT NULL REFERENCES comparison_run (id),
    PRIMARY KEY (county_code, before_year, after_year, village_code, from_dlbm, to_dlbm)
);

CREATE TABLE cultivated_change (
    county_code   text   NOT NULL,
    before_year   int    NOT NULL,
    after_year    int    NOT NULL,
    piece         int    NOT NULL,             -- order within the run
    village_code  text   NOT NULL,
    change        text   NOT NULL CHECK (change IN ('lost', 'gained')),
    from_dlbm     text   NOT NULL,
    to_dlbm       text   NOT NULL,
    area_m2       numeric(15, 2) NOT NULL,
    before_fid    bigint NOT NULL,
    after_fid     bigint NOT NULL,
    run_id        bigint NOT NULL REFERENCES comparison_run (id),
    geom_4490     geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, before_year, after_year, piece)
);
CREATE INDEX cultivated_change_geom ON cultivated_change USING gist (geom_4490);
