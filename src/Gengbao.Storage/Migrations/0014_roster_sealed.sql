-- Roster names and phones sealed at rest (issue 10): SM4-GCM ciphertexts (FieldCipher, contexts
-- 'patrol_roster.person_name' / 'patrol_roster.phone', key outside the database) and an HMAC-SM3 blind index of the
-- phone, which is what tasks, warnings and statistics match and count by. Rows written before this migration are
-- sealed by the application at start-up (RosterSealing), which then validates patrol_roster_sealed; until then the
-- constraint only holds for new rows.
ALTER TABLE patrol_roster
    ADD COLUMN person_name_enc bytea,
    ADD COLUMN phone_enc       bytea,
    ADD COLUMN phone_index     bytea,
    ALTER COLUMN person_name DROP NOT NULL,
    ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE patrol_roster ADD CONSTRAINT patrol_roster_sealed
    CHECK (person_name IS NULL AND phone IS NULL AND person_name_enc IS NOT NULL AND phone_enc IS NOT NULL AND phone_index IS NOT NULL)
    NOT VALID;
DROP INDEX patrol_roster_phone;
CREATE INDEX patrol_roster_phone_index ON patrol_roster (phone_index) WHERE superseded_at IS NULL;

UPDATE data_grading SET note = 'plaintext column, always NULL since 0014 (sealed in person_name_enc)'
WHERE table_name = 'patrol_roster' AND column_name = 'person_name';
UPDATE data_grading SET note = 'plaintext column, always NULL since 0014 (sealed in phone_enc)'
WHERE table_name = 'patrol_roster' AND column_name = 'phone';
INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('patrol_roster', 'person_name_enc', 'sensitive', 'personal name, SM4-GCM at rest, masked for roles without SeesPersonalData'),
    ('patrol_roster', 'phone_enc', 'sensitive', 'personal phone number, SM4-GCM at rest, masked for roles without SeesPersonalData'),
    ('patrol_roster', 'phone_index', 'sensitive', 'HMAC-SM3 blind index of the phone, for matching only');
