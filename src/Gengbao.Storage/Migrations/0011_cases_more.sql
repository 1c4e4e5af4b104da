-- Case loop, second part (issue 6, docs/cases.md): the notices a missed deadline leaves for the supervisor one
-- grid level up. Written by the escalation (the scheduler or POST /api/cases/escalations) in the same transaction
-- that marks the task escalated, so each task leaves exactly one notice.

CREATE TABLE case_escalation_notice (
    county_code   text        NOT NULL,
    id            bigserial,
    task_id       bigint      NOT NULL UNIQUE REFERENCES case_task (id),
    case_id       bigint      NOT NULL REFERENCES problem_case (id),
    kind          text        NOT NULL,   -- verification | rectification
    cell_code     text        NOT NULL,   -- the cell that missed the deadline
    escalated_to  text        NOT NULL,   -- the supervising cell one level up (CaseDeadlines.LevelAbove)
    recipient_id  bigint,                 -- patrol_roster row of that cell's current manager, if any
    due_at        timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    message       text        NOT NULL,
    PRIMARY KEY (county_code, id)
);
CREATE INDEX case_escalation_notice_to ON case_escalation_notice (county_code, escalated_to);

-- The supervisor's region holds escalated_to; the cell below it is inside the same region, so scoping on the
-- supervising cell shows the notice to him and to everyone above him.
ALTER TABLE case_escalation_notice ENABLE ROW LEVEL SECURITY;
CREATE POLICY region_scope ON case_escalation_notice TO gengbao_web
    USING (gb_security.in_scope(county_code, escalated_to)) WITH CHECK (gb_security.in_scope(county_code, escalated_to));

GRANT SELECT, INSERT ON case_escalation_notice TO gengbao_web;
GRANT USAGE ON SEQUENCE case_escalation_notice_id_seq TO gengbao_web;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('case_escalation_notice', '*', 'internal', 'notices of missed case deadlines to the supervising cell');
