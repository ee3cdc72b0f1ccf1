-- 归档 (DA/T 22-2015): one row per 件, the archived form of a struck-off item or a published summary.
-- 件号 runs from 1 without gaps within its class (year, retention, 机构(问题) code); the core keeps it
-- so, in 按时间结合事由 order, while the 件 is `filed`, and fixes it at 确认归档 (`confirmed`), after
-- which the row cannot change.
CREATE TABLE archive_file (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('item', 'summary')),
    assignment_id   INTEGER UNIQUE REFERENCES assignment (id),
    summary_id      INTEGER UNIQUE REFERENCES summary (id),
    fonds_code      TEXT    NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    retention       TEXT    NOT NULL CHECK (retention IN ('permanent', 'years30', 'years10')),
    org_code        TEXT    NOT NULL CHECK (length(org_code) > 0),
    item_no         INTEGER NOT NULL CHECK (item_no >= 1),
    doc_no          TEXT    NOT NULL DEFAULT '',
    author          TEXT    NOT NULL,
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    -- A title the archivist wrote (自拟题名), printed in [ ].
    title_supplied  INTEGER NOT NULL DEFAULT 0 CHECK (title_supplied IN (0, 1)),
    -- 日期 as DA/T 22 writes it: YYYYMMDD.
    date            TEXT    NOT NULL CHECK (length(date) = 8),
    classification  TEXT    NOT NULL DEFAULT 'public' CHECK (classification IN ('public', 'internal')),
    pages           INTEGER NOT NULL CHECK (pages >= 1),
    remark          TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL CHECK (state IN ('filed', 'confirmed')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    CHECK ((kind = 'item') = (assignment_id IS NOT NULL)),
    CHECK ((kind = 'summary') = (summary_id IS NOT NULL))
);
CREATE UNIQUE INDEX archive_file_number ON archive_file (year, retention, org_code, item_no);

CREATE TRIGGER archive_file_confirmed_no_update BEFORE UPDATE ON archive_file
WHEN OLD.state = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, '已确认归档的件不可修改');
END;
CREATE TRIGGER archive_file_confirmed_no_delete BEFORE DELETE ON archive_file
WHEN OLD.state = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, '已确认归档的件不可删除');
END;

-- The 件's lifecycle events (归档, 调整件号, 确认归档), append-only like every lifecycle's.
CREATE TABLE archive_event (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES archive_file (id),
    kind        TEXT    NOT NULL,
    from_state  TEXT,
    to_state    TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES person (id),
    entered_by  INTEGER REFERENCES person (id),
    at          TEXT    NOT NULL,
    note        TEXT,
    payload     TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX archive_event_file ON archive_event (file_id, id);

CREATE TRIGGER archive_event_no_update BEFORE UPDATE ON archive_event
BEGIN
    SELECT RAISE(ABORT, '归档记录不可修改');
END;
CREATE TRIGGER archive_event_no_delete BEFORE DELETE ON archive_event
BEGIN
    SELECT RAISE(ABORT, '归档记录不可删除');
END;
