-- Findings idempotent by a client id (issue 7): the field app makes a UUID when a finding is reported (offline too)
-- and sends it on every retry, so an upload whose answer was lost is not stored twice (nor a second case opened).
-- Unique per county like the table's key; the content hash tells a retry (same content: the stored finding is
-- returned) from a reused id (other content: 409). Findings written before, or by callers without an id, keep NULL.
ALTER TABLE patrol_finding
    ADD COLUMN client_id      uuid,
    ADD COLUMN content_sha256 text;
CREATE UNIQUE INDEX patrol_finding_client_id ON patrol_finding (county_code, client_id) WHERE client_id IS NOT NULL;
-- A retry is looked up by id alone before its county is known to match (the same id reused in another county is a conflict too).
CREATE INDEX patrol_finding_client_lookup ON patrol_finding (client_id) WHERE client_id IS NOT NULL;

-- Graded with the rest of the table ('patrol_finding', '*', 'internal', 0009).
