-- One-map imports from the admin console (issue 7): an admin uploads a survey file, a job row records it, and a
-- background worker runs the same all-or-nothing importer as `gengbao import`, writing its stage and progress here
-- and, at the end, the per-layer counts or the importer's problems (file, layer, feature, field, message).
-- region_code is the uploader's region ('' = system admin): a region admin sees only jobs of his region, and the
-- worker refuses features outside it.
CREATE TABLE onemap_import_job (
    id             bigserial   PRIMARY KEY,
    requested_by   text        NOT NULL,
    region_code    text        NOT NULL DEFAULT '' CHECK (region_code ~ '^[0-9]*$'),
    file_name      text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    stored_name    text        NOT NULL,          -- the upload's name inside Gengbao:Imports:Folder
    file_bytes     bigint      NOT NULL CHECK (file_bytes >= 0),
    file_sha256    text        NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    options        jsonb       NOT NULL DEFAULT '{}',   -- {"year": 2024, "as": "DLTB", "county": "622921", "qc": true}
    status         text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    stage          text,
    layer          text,                          -- the layer the progress counts refer to
    progress_done  bigint      NOT NULL DEFAULT 0,
    progress_total bigint,
    worker         text,
    heartbeat_at   timestamptz,
    requested_at   timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    layers         jsonb,                         -- done: [{layer, sourceLayer, countyCode, year, featureCount, versionId, replacedVersionId}]
    problems       jsonb,                         -- failed: [{file, layer, fid, featureKey, field, message}]
    error          text,                          -- failed: one line summing up
    file_removed_at timestamptz
);
CREATE INDEX onemap_import_job_queue ON onemap_import_job (id) WHERE status IN ('queued', 'running');
CREATE INDEX onemap_import_job_region ON onemap_import_job (region_code, id DESC);

ALTER TABLE onemap_import_job ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON onemap_import_job TO gengbao_web
    USING (gb_security.covers(region_code)) WITH CHECK (gb_security.covers(region_code));
GRANT SELECT ON onemap_import_job TO gengbao_web;
GRANT INSERT (requested_by, region_code, file_name, stored_name, file_bytes, file_sha256, options) ON onemap_import_job TO gengbao_web;
GRANT USAGE ON SEQUENCE onemap_import_job_id_seq TO gengbao_web;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('onemap_import_job', '*', 'internal', 'one-map import jobs: uploaded file, progress, counts and problems'),
    ('onemap_import_job', 'requested_by', 'internal', 'the admin who uploaded the file');
