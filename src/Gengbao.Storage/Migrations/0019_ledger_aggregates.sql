-- Farmland ledger at province scale (issue 8, docs/ledger.md §1): per-village stocks written when a layer is imported,
-- so the ledger of any unit sums a few rows per village instead of rescanning the raw patches on every request.
-- One row per county, survey year and village (the first 12 digits of ZLDWDM, the lowest admin unit); a township,
-- county, prefecture or province is a prefix of it. The importer (VersionSwap) deletes and rewrites the rows of the
-- counties and year it replaces inside its own transaction, from the rows it has just staged, so the stocks are
-- always those of the current layer version. Sums of numeric TBMJ: a sum over villages equals the sum over patches.
-- The transfer matrix needs no such table: land_transfer (0002) already holds one row per village and class pair,
-- written by the comparison in its transaction.
CREATE TABLE ledger_cultivated_village (
    county_code   text    NOT NULL,
    year          int     NOT NULL,
    village_code  text    NOT NULL,                  -- left(ZLDWDM, 12)
    paddy_m2      numeric NOT NULL,                  -- Σ TBMJ of DLBM 0101
    irrigated_m2  numeric NOT NULL,                  -- 0102
    dry_m2        numeric NOT NULL,                  -- 0103
    patches       bigint  NOT NULL,                  -- cultivated patches (0101/0102/0103)
    stable_m2     numeric NOT NULL,                  -- Σ TBMJ of those with slope grade GDPDJB not 5
    PRIMARY KEY (county_code, year, village_code)
);
CREATE TABLE ledger_pbf_village (
    county_code   text    NOT NULL,
    year          int     NOT NULL,
    village_code  text    NOT NULL,                  -- left(ZLDWDM, 12)
    pbf_m2        numeric NOT NULL,                  -- Σ TBMJ of YJJBNT
    parcels       bigint  NOT NULL,
    PRIMARY KEY (county_code, year, village_code)
);
ALTER TABLE ledger_cultivated_village ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON ledger_cultivated_village TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code, village_code));
ALTER TABLE ledger_pbf_village ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON ledger_pbf_village TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code, village_code));
GRANT SELECT ON ledger_cultivated_village, ledger_pbf_village TO gengbao_web;

-- Existing data: the stocks of every stored county and year, once.
INSERT INTO ledger_cultivated_village
SELECT county_code, year, left(zldwdm, 12),
       coalesce(sum(tbmj) FILTER (WHERE dlbm = '0101'), 0), coalesce(sum(tbmj) FILTER (WHERE dlbm = '0102'), 0),
       coalesce(sum(tbmj) FILTER (WHERE dlbm = '0103'), 0), count(*),
       coalesce(sum(tbmj) FILTER (WHERE coalesce(ltrim(gdpdjb, '0 '), '') <> '5'), 0)
FROM dltb WHERE dlbm IN ('0101', '0102', '0103') GROUP BY 1, 2, 3;
INSERT INTO ledger_pbf_village
SELECT county_code, year, left(zldwdm, 12), sum(tbmj), count(*) FROM yjjbnt GROUP BY 1, 2, 3;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('ledger_cultivated_village', '*', 'internal', 'cultivated land per village and year (ledger stocks, written on import)'),
    ('ledger_pbf_village', '*', 'internal', 'permanent basic farmland per village and year (ledger stocks, written on import)');
