-- Security (issue 10): accounts, sessions, the append-only audit chain, data grading, and region scope enforced by
-- row-level security. docs/security.md explains the model and what every later region-keyed table must add.

-- Request-time roles. Roles are cluster-wide, so they are created once and reused by every database of the cluster.
-- gengbao_web: what a logged-in user's request runs as (SET ROLE), limited by RLS to the region in gengbao.region.
-- gengbao_public: what anonymous reads run as (the QR parcel page), limited to columns graded public.
DO $$
BEGIN
    -- Two databases of one cluster may migrate at once; the loser of the race finds the role made.
    BEGIN
        CREATE ROLE gengbao_web NOLOGIN NOSUPERUSER NOINHERIT NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE gengbao_public NOLOGIN NOSUPERUSER NOINHERIT NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    -- The owner (the login the server connects with) must be able to SET ROLE to both; a no-op for a superuser.
    BEGIN
        GRANT gengbao_web, gengbao_public TO CURRENT_USER;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
END $$;

CREATE SCHEMA IF NOT EXISTS gb_security;
GRANT USAGE ON SCHEMA gb_security TO gengbao_web, gengbao_public;

-- The caller's region: 'all' (whole country) or an admin-code prefix of 2, 4, 6, 9 or 12 digits, set per connection
-- by ScopedConnections. Unset, reset or empty means no rows at all (fail closed).
--
-- gb_security.in_scope(county_code, unit_code): is a row in the caller's region?
--   region 'all'             every row
--   region of <= 6 digits    rows whose county_code starts with it (province, prefecture, county)
--   region of 9 or 12 digits rows whose unit_code (township/village/group code, e.g. ZLDWDM) starts with it;
--                            a table with no finer key than the county passes NULL and is visible county-wide.
-- A plain SQL expression without FROM, so the planner inlines it into each policy.
CREATE FUNCTION gb_security.in_scope(row_county text, row_unit text DEFAULT NULL) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN coalesce(current_setting('gengbao.region', true), '') = '' THEN false
        WHEN current_setting('gengbao.region', true) = 'all' THEN true
        WHEN length(current_setting('gengbao.region', true)) <= 6 THEN starts_with(row_county, current_setting('gengbao.region', true))
        WHEN row_unit IS NULL THEN row_county = left(current_setting('gengbao.region', true), 6)
        ELSE row_county = left(current_setting('gengbao.region', true), 6) AND starts_with(row_unit, current_setting('gengbao.region', true))
    END
$$;

-- gb_security.covers(region_code): is an account's region ('' = country) inside the caller's region?
CREATE FUNCTION gb_security.covers(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN coalesce(current_setting('gengbao.region', true), '') = '' THEN false
        WHEN current_setting('gengbao.region', true) = 'all' THEN true
        ELSE starts_with(code, current_setting('gengbao.region', true))
    END
$$;

-- Region scope on the one map. Policies name both request roles; the owner (imports, migrations, jobs) is not
-- subject to RLS because it owns the tables and FORCE is not set.
ALTER TABLE layer_version ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON layer_version TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code));
ALTER TABLE admin_unit ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON admin_unit TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code, code));
ALTER TABLE dltb ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON dltb TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code, zldwdm));
ALTER TABLE yjjbnt ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON yjjbnt TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code, zldwdm));
ALTER TABLE gbznt ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON gbznt TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code));
ALTER TABLE pzyd ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON pzyd TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code));
ALTER TABLE bhtb ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON bhtb TO gengbao_web, gengbao_public USING (gb_security.in_scope(county_code));
-- The one map is written by imports only (owner); requests read it.
GRANT SELECT ON layer_version, admin_unit, dltb, yjjbnt, gbznt, pzyd, bhtb TO gengbao_web;

-- Accounts. region_code is an admin-code prefix ('' = whole country, system admins only).
CREATE TABLE app_user (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text        NOT NULL CHECK (username ~ '^[A-Za-z0-9_.@-]{2,64}$'),
    password_hash        text        NOT NULL,               -- PHC string, Argon2id with its parameters
    role                 text        NOT NULL CHECK (role IN ('system_admin', 'region_admin', 'leader', 'field_manager', 'enforcement', 'exchange')),
    region_code          text        NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})?$'),
    display_name         text        NOT NULL DEFAULT '',
    roster_ref           text,                               -- link to the roster entry (花名册) the account belongs to
    phone_enc            bytea,                              -- SM4-GCM (FieldCipher), context 'app_user.phone'
    failed_attempts      int         NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    disabled             boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           text        NOT NULL,
    CHECK (role = 'system_admin' OR region_code <> '')
);
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON app_user TO gengbao_web USING (gb_security.covers(region_code)) WITH CHECK (gb_security.covers(region_code));
-- Admin requests list, create and disable accounts inside their region; passwords and lockout are the owner's (login).
GRANT SELECT (id, username, role, region_code, display_name, roster_ref, phone_enc, failed_attempts, locked_until,
              password_changed_at, disabled, created_at, created_by) ON app_user TO gengbao_web;
GRANT INSERT (username, password_hash, role, region_code, display_name, roster_ref, phone_enc, created_by) ON app_user TO gengbao_web;
GRANT UPDATE (disabled, display_name, roster_ref, phone_enc) ON app_user TO gengbao_web;

-- Sessions: the opaque bearer token is never stored, only its SM3 hash, so any server instance can check it and a
-- copy of the database does not yield usable tokens.
CREATE TABLE app_session (
    token_hash    text        PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,                      -- absolute expiry; idle expiry is last_seen_at + the idle timeout
    revoked_at    timestamptz,
    ip            text        NOT NULL DEFAULT ''
);
CREATE INDEX app_session_user ON app_session (user_id);

-- The audit log: append-only, each entry hash-chained to the one before with SM3 (docs/security.md, "Audit chain").
-- seq is assigned by the writer under an advisory lock, so the chain never forks and a deleted entry leaves a gap.
CREATE TABLE audit_log (
    seq        bigint      PRIMARY KEY CHECK (seq > 0),
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    role       text        NOT NULL,
    ip         text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    detail     jsonb       NOT NULL DEFAULT '{}',
    prev_hash  text        NOT NULL,
    hash       text        NOT NULL UNIQUE
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);

CREATE FUNCTION gb_security.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION gb_security.refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION gb_security.refuse_audit_change();
REVOKE ALL ON audit_log FROM PUBLIC;

-- Data grading (数据分级): every column of every table that requests read, graded public, internal, sensitive or
-- core. '*' grades a whole table. The public grade is enforced below: gengbao_public may SELECT those columns only.
CREATE TABLE data_grading (
    table_name   text NOT NULL,
    column_name  text NOT NULL,
    grade        text NOT NULL CHECK (grade IN ('public', 'internal', 'sensitive', 'core')),
    note         text NOT NULL DEFAULT '',
    PRIMARY KEY (table_name, column_name)
);
GRANT SELECT ON data_grading TO gengbao_web, gengbao_public;

INSERT INTO data_grading (table_name, column_name, grade, note)
SELECT t, c, 'public', 'shown on the parcel page a warning post''s QR code opens'
FROM (VALUES ('admin_unit'), ('dltb'), ('yjjbnt'), ('gbznt'), ('pzyd')) tables (t),
     (VALUES ('county_code'), ('year'), ('spatial_code'), ('area_m2'), ('geom_4490')) columns (c);
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('admin_unit', 'code', 'public', 'XZQDM'), ('admin_unit', 'name', 'public', 'XZQMC'), ('admin_unit', 'level', 'public', 'JB'),
    ('dltb', 'dlbm', 'public', 'land class'), ('dltb', 'dlmc', 'public', 'land class name'),
    ('dltb', 'zldwdm', 'public', 'location unit'), ('dltb', 'zldwmc', 'public', 'location unit name'), ('dltb', 'tbmj', 'public', 'official area'),
    ('yjjbnt', 'dlbm', 'public', 'land class'), ('yjjbnt', 'zldwdm', 'public', 'location unit'), ('yjjbnt', 'tbmj', 'public', 'official area'),
    ('gbznt', 'xmmc', 'public', 'project name'), ('gbznt', 'jsnd', 'public', 'year built'),
    ('pzyd', 'pzwh', 'public', 'approval document number (published)'), ('pzyd', 'pzlx', 'public', 'approval type'), ('pzyd', 'pzrq', 'public', 'approval date'),
    ('layer_version', '*', 'internal', 'import bookkeeping'),
    ('admin_unit', '*', 'internal', 'other columns'), ('dltb', '*', 'internal', 'ownership (QSDWDM/QSDWMC), BSM, slope and other columns'),
    ('yjjbnt', '*', 'internal', 'other columns'), ('gbznt', '*', 'internal', 'other columns'), ('pzyd', '*', 'internal', 'other columns'),
    ('bhtb', '*', 'internal', 'change patches under investigation are never public'),
    ('app_user', '*', 'internal', 'accounts'), ('app_user', 'display_name', 'sensitive', 'personal name'),
    ('app_user', 'phone_enc', 'sensitive', 'personal phone number, SM4-GCM at rest, masked for roles without need'),
    ('app_user', 'password_hash', 'core', 'never leaves the database except to the login check'),
    ('app_session', '*', 'core', 'session token hashes'),
    ('audit_log', '*', 'core', 'tamper-evident audit chain');

-- gengbao_public reads exactly the columns graded public, of every row (the parcel page is country-wide).
DO $$
DECLARE g record;
BEGIN
    FOR g IN SELECT table_name, string_agg(quote_ident(column_name), ', ' ORDER BY column_name) AS columns
             FROM data_grading WHERE grade = 'public' AND column_name <> '*' GROUP BY table_name
    LOOP
        EXECUTE format('GRANT SELECT (%s) ON %I TO gengbao_public', g.columns, g.table_name);
    END LOOP;
END $$;
