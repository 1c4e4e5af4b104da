-- One map (一张图): layer versions, admin units and the five survey layers.
-- Every large table leads with county_code so it can be distributed by it (Citus: create_distributed_table(.., 'county_code')).
-- geom is kept in the Gauss-Kruger zone the data came in (SRID per row, one zone per county in practice);
-- geom_4490 is the same shape in CGCS2000 geographic for cross-zone queries, tiles and OGC services.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE layer_version (
    id             bigserial PRIMARY KEY,
    layer          text        NOT NULL,          -- XZQ, DLTB, YJJBNT, GBZNT, PZYD, BHTB
    county_code    text        NOT NULL,
    year           int         NOT NULL,
    status         text        NOT NULL CHECK (status IN ('current', 'superseded')),
    source_file    text        NOT NULL,
    source_layer   text        NOT NULL,
    source_sha256  text        NOT NULL,
    feature_count  bigint      NOT NULL,
    srid           int         NOT NULL,
    extra_fields   text[]      NOT NULL DEFAULT '{}',
    imported_at    timestamptz NOT NULL DEFAULT now(),
    imported_by    text        NOT NULL DEFAULT current_user,
    superseded_at  timestamptz
);
-- One current version per layer, county and year: a re-import supersedes, never duplicates.
CREATE UNIQUE INDEX layer_version_current ON layer_version (layer, county_code, year) WHERE status = 'current';

CREATE TABLE admin_unit (
    county_code  text     NOT NULL,
    year         int      NOT NULL,
    code         text     NOT NULL,   -- XZQDM: 12 digits, 15 for village groups
    name         text     NOT NULL,
    level        smallint NOT NULL,   -- JB: 1 province .. 6 group
    parent_code  text,
    version_id   bigint   NOT NULL REFERENCES layer_version (id),
    fid          bigint   NOT NULL,
    area_m2      numeric(15, 2) NOT NULL,
    spatial_code text     NOT NULL,
    attrs        jsonb    NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon) NOT NULL,
    geom_4490    geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, year, code)
);
CREATE INDEX admin_unit_geom_4490 ON admin_unit USING gist (geom_4490);
CREATE INDEX admin_unit_parent ON admin_unit (parent_code);
CREATE INDEX admin_unit_name ON admin_unit (name);

CREATE TABLE dltb (
    county_code  text   NOT NULL,
    year         int    NOT NULL,
    version_id   bigint NOT NULL REFERENCES layer_version (id),
    fid          bigint NOT NULL,
    bsm text, tbbh text, dlbm text NOT NULL, dlmc text, qsxz text, qsdwdm text, qsdwmc text,
    zldwdm text NOT NULL, zldwmc text, tbmj numeric(15, 2) NOT NULL, kcdlbm text, kcxs numeric, kcmj numeric(15, 2),
    tbdlmj numeric(15, 2), gdlx text, gdpdjb text, czcsxm text, sjnf int,
    area_m2      numeric(15, 2) NOT NULL,   -- official ellipsoidal area computed on import (docs/area.md)
    spatial_code text   NOT NULL,
    attrs        jsonb  NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon) NOT NULL,
    geom_4490    geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, year, fid)
);
CREATE INDEX dltb_geom ON dltb USING gist (geom);
CREATE INDEX dltb_geom_4490 ON dltb USING gist (geom_4490);
CREATE INDEX dltb_village ON dltb (county_code, year, left(zldwdm, 12)) INCLUDE (dlbm, tbmj);
CREATE INDEX dltb_spatial_code ON dltb (spatial_code);
CREATE INDEX dltb_bsm ON dltb (county_code, year, bsm);

CREATE TABLE yjjbnt (
    county_code  text   NOT NULL,
    year         int    NOT NULL,
    version_id   bigint NOT NULL REFERENCES layer_version (id),
    fid          bigint NOT NULL,
    bsm text, jbnttbbh text, dlbm text, zldwdm text NOT NULL, tbmj numeric(15, 2) NOT NULL,
    area_m2      numeric(15, 2) NOT NULL,
    spatial_code text   NOT NULL,
    attrs        jsonb  NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon) NOT NULL,
    geom_4490    geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, year, fid)
);
CREATE INDEX yjjbnt_geom ON yjjbnt USING gist (geom);
CREATE INDEX yjjbnt_geom_4490 ON yjjbnt USING gist (geom_4490);
CREATE INDEX yjjbnt_village ON yjjbnt (county_code, year, left(zldwdm, 12)) INCLUDE (tbmj);
CREATE INDEX yjjbnt_spatial_code ON yjjbnt (spatial_code);

CREATE TABLE gbznt (
    county_code  text   NOT NULL,
    year         int    NOT NULL,
    version_id   bigint NOT NULL REFERENCES layer_version (id),
    fid          bigint NOT NULL,
    xmbh text, xmmc text NOT NULL, jsnd int, mj numeric(15, 2),
    area_m2      numeric(15, 2) NOT NULL,
    spatial_code text   NOT NULL,
    attrs        jsonb  NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon) NOT NULL,
    geom_4490    geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, year, fid)
);
CREATE INDEX gbznt_geom ON gbznt USING gist (geom);
CREATE INDEX gbznt_geom_4490 ON gbznt USING gist (geom_4490);
CREATE INDEX gbznt_spatial_code ON gbznt (spatial_code);

CREATE TABLE pzyd (
    county_code  text   NOT NULL,
    year         int    NOT NULL,
    version_id   bigint NOT NULL REFERENCES layer_version (id),
    fid          bigint NOT NULL,
    pzwh text NOT NULL, pzlx text, pzrq date, pzmj numeric(15, 2),
    area_m2      numeric(15, 2) NOT NULL,
    spatial_code text   NOT NULL,
    attrs        jsonb  NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon) NOT NULL,
    geom_4490    geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, year, fid)
);
CREATE INDEX pzyd_geom ON pzyd USING gist (geom);
CREATE INDEX pzyd_geom_4490 ON pzyd USING gist (geom_4490);
CREATE INDEX pzyd_spatial_code ON pzyd (spatial_code);

CREATE TABLE bhtb (
    county_code  text   NOT NULL,
    year         int    NOT NULL,
    version_id   bigint NOT NULL REFERENCES layer_version (id),
    fid          bigint NOT NULL,
    jcbh text NOT NULL, ly text, qsxdl text, hsxdl text, tbmj numeric(15, 2), qsx date, hsx date,
    area_m2      numeric(15, 2) NOT NULL,
    spatial_code text   NOT NULL,
    attrs        jsonb  NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon) NOT NULL,
    geom_4490    geometry(MultiPolygon, 4490) NOT NULL,
    PRIMARY KEY (county_code, year, fid)
);
CREATE INDEX bhtb_geom ON bhtb USING gist (geom);
CREATE INDEX bhtb_geom_4490 ON bhtb USING gist (geom_4490);
CREATE INDEX bhtb_jcbh ON bhtb (jcbh);
CREATE INDEX bhtb_spatial_code ON bhtb (spatial_code);
