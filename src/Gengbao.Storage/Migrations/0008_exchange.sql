-- Data exchange between departments (数据汇交, seed 000): the shared catalog, every delivery received or refused,
-- and the outbox of pushes to the other department. docs/exchange.md.

-- The shared list (共享清单). Not region-keyed: one catalog for the platform, edited by admins.
CREATE TABLE exchange_catalog_item (
    id            text PRIMARY KEY,
    name          text        NOT NULL,
    direction     text        NOT NULL CHECK (direction IN ('natural_resources_to_agriculture', 'agriculture_to_natural_resources')),
    owner         text        NOT NULL CHECK (owner IN ('natural_resources', 'agriculture')),
    frequency     text        NOT NULL CHECK (frequency IN ('annual', 'half_yearly')),
    deadline_days int         NOT NULL DEFAULT 30 CHECK (deadline_days > 0),
    layers        jsonb       NOT NULL,            -- [{"name": "DLTB", "requiredFields": ["BSM", ...]}]
    one_map       boolean     NOT NULL,            -- true: layers load into the one map; false: kept as delivered payload
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text        NOT NULL DEFAULT 'migration'
);
INSERT INTO exchange_catalog_item (id, name, direction, owner, frequency, layers, one_map) VALUES
    ('land-survey', '第三次全国国土调查及年度变更调查数据', 'natural_resources_to_agriculture', 'natural_resources', 'annual',
     '[{"name":"DLTB","requiredFields":["BSM","DLBM","ZLDWDM","TBMJ"]},{"name":"XZQ","requiredFields":["XZQDM","XZQMC"]}]', true),
    ('farmland-change-monitoring', '季度监测疑似耕地变化数据', 'natural_resources_to_agriculture', 'natural_resources', 'half_yearly',
     '[{"name":"BHTB","requiredFields":["JCBH","TBMJ"]}]', true),
    ('three-zones-farmland', '“三区三线”划定的耕地和永久基本农田数据', 'natural_resources_to_agriculture', 'natural_resources', 'annual',
     '[{"name":"YJJBNT","requiredFields":["DLBM","ZLDWDM","TBMJ"]}]', true),
    ('supplementary-farmland', '补充耕地数据', 'natural_resources_to_agriculture', 'natural_resources', 'annual',
     '[{"name":"BCGD","requiredFields":["XMBH","XMMC","BCGDMJ"]}]', false),
    ('soil-census', '第三次全国土壤普查数据库', 'agriculture_to_natural_resources', 'agriculture', 'annual',
     '[{"name":"TRPC","requiredFields":["YDBH","TL","YL"]}]', false),
    ('farmland-quality-grade', '年度耕地质量等级变更调查评价数据', 'agriculture_to_natural_resources', 'agriculture', 'annual',
     '[{"name":"GDZLDJ","requiredFields":["DLBM","ZLDWDM","ZLDJ"]}]', false),
    ('high-standard-farmland', '全省高标准农田上图入库数据', 'agriculture_to_natural_resources', 'agriculture', 'annual',
     '[{"name":"GBZNT","requiredFields":["XMMC"]}]', true),
    ('soil-environment-category', '省级耕地土壤环境质量类别动态调整成果', 'agriculture_to_natural_resources', 'agriculture', 'annual',
     '[{"name":"TRHJLB","requiredFields":["ZLDWDM","LB"]}]', false),
    ('non-grain-pbf-push', '永久基本农田“非粮化”新发现图斑推送', 'natural_resources_to_agriculture', 'natural_resources', 'half_yearly',
     '[{"name":"FLHTB","requiredFields":["JCBH","TBMJ"]}]', false);
GRANT SELECT, UPDATE ON exchange_catalog_item TO gengbao_web;
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('exchange_catalog_item', '*', 'internal', 'shared-list configuration');

-- Every package received, accepted or refused: who, what, when, and why not.
CREATE TABLE exchange_delivery (
    id               bigserial PRIMARY KEY,
    county_code      text        NOT NULL,          -- the package's region (county code, or a shorter prefix)
    catalog_item     text,                          -- null when the manifest could not be read
    year             int,
    period           text,
    producer         jsonb,                         -- manifest producer: department, organisation, account
    channel          text        NOT NULL CHECK (channel IN ('api', 'offline')),
    package_name     text        NOT NULL,
    package_sm3      text        NOT NULL,          -- SM3 of the whole package file
    package_bytes    bigint      NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    received_by      text        NOT NULL,
    manifest         jsonb,
    status           text        NOT NULL CHECK (status IN ('accepted', 'refused')),
    reason           text,
    quality_report   jsonb,                         -- problems found: [{layer, fid, key, field, message, lon, lat}]
    layer_versions   bigint[]    NOT NULL DEFAULT '{}',  -- layer_version ids created (one-map items)
    payload          bytea,                         -- accepted data of items outside the one map (GeoPackage as delivered)
    downloads        int         NOT NULL DEFAULT 0 -- times the receiving side fetched it (evaluation: use)
);
CREATE INDEX exchange_delivery_item ON exchange_delivery (catalog_item, county_code, year);
ALTER TABLE exchange_delivery ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON exchange_delivery TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
GRANT SELECT ON exchange_delivery TO gengbao_web;
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('exchange_delivery', '*', 'internal', 'delivery log'),
    ('exchange_delivery', 'payload', 'sensitive', 'delivered survey data of the other department');

-- Pushes to the other department (e.g. new non-grain patches on PBF to agriculture), pulled as packages.
CREATE TABLE exchange_outbox (
    id            bigserial PRIMARY KEY,
    county_code   text        NOT NULL,
    catalog_item  text        NOT NULL REFERENCES exchange_catalog_item (id),
    source_key    text        NOT NULL,             -- e.g. screening result id; one push per source row
    year          int         NOT NULL,
    feature       jsonb       NOT NULL,             -- GeoJSON feature (EPSG:4490 lon/lat) with the pushed attributes
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (catalog_item, source_key)
);
ALTER TABLE exchange_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON exchange_outbox TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
GRANT SELECT ON exchange_outbox TO gengbao_web;
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('exchange_outbox', '*', 'internal', 'pushes to the other department');
