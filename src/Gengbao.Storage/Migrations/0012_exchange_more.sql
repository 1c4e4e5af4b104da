-- Data exchange, issue 9's remaining gaps (docs/exchange.md): the SM2 public keys of the sending departments, the
-- date each region's annual update was put into use (the schedule's start for annual items), the pull channel, and
-- the key that signed each delivery.

-- A department's SM2 public key for a region (code prefix; '' = the whole country). Once a key is registered, that
-- department's packages for regions under it must be signed by a registered key.
CREATE TABLE exchange_department_key (
    id          bigserial PRIMARY KEY,
    department  text        NOT NULL CHECK (department IN ('natural_resources', 'agriculture')),
    county_code text        NOT NULL,          -- region prefix the key signs for
    name        text        NOT NULL,
    public_key  text        NOT NULL,          -- PEM (X.509 SubjectPublicKeyInfo, sm2p256v1)
    fingerprint text        NOT NULL,          -- SM3 of the DER public key
    added_at    timestamptz NOT NULL DEFAULT now(),
    added_by    text        NOT NULL,
    UNIQUE (department, county_code, fingerprint)
);
ALTER TABLE exchange_department_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON exchange_department_key TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
GRANT SELECT ON exchange_department_key TO gengbao_web;
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('exchange_department_key', '*', 'internal', 'public keys of the sending departments (public by nature, internal as configuration)');

-- The day the annual update (年度变更调查成果) of a region and year was put into use: annual items are due
-- deadline_days after it (seed 000 §二(三)).
CREATE TABLE exchange_annual_update (
    county_code text        NOT NULL,
    year        int         NOT NULL,
    in_use_on   date        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text        NOT NULL,
    PRIMARY KEY (county_code, year)
);
ALTER TABLE exchange_annual_update ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON exchange_annual_update TO gengbao_web
    USING (gb_security.in_scope(county_code)) WITH CHECK (gb_security.in_scope(county_code));
GRANT SELECT ON exchange_annual_update TO gengbao_web;
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('exchange_annual_update', '*', 'internal', 'exchange schedule');

-- Pulled packages (exchange pull) are logged with their own channel; signed ones name the key.
ALTER TABLE exchange_delivery DROP CONSTRAINT exchange_delivery_channel_check;
ALTER TABLE exchange_delivery ADD CONSTRAINT exchange_delivery_channel_check CHECK (channel IN ('api', 'offline', 'pull'));
ALTER TABLE exchange_delivery ADD COLUMN signed_by text;   -- name of the registered key whose signature verified
