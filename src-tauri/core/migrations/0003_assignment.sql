-- 交办事项: assignments, their append-only event history, the per-year number counter and the
-- search index.

-- The last sequence number handed out per year. Numbers are never reused: the counter only grows,
-- even if an item were ever removed.
CREATE TABLE assignment_counter (
    year        INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL CHECK (last >= 0)
);

CREATE TABLE assignment (
    id                  INTEGER PRIMARY KEY,
    -- 编号, e.g. 督〔2026〕15号; sub-items take their parent's number plus -1, -2 ...
    number              TEXT    NOT NULL UNIQUE,
    year                INTEGER NOT NULL,
    seq                 INTEGER NOT NULL,
    -- 分解: a sub-item's parent.
    parent_id           INTEGER REFERENCES assignment (id),
    title               TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    source              TEXT    NOT NULL CHECK (source IN
                            ('meeting', 'instruction', 'superior', 'petition', 'inspection', 'other')),
    source_doc_no       TEXT,
    assigning_leader_id INTEGER REFERENCES person (id),
    assigned_at         TEXT    NOT NULL,
    content             TEXT    NOT NULL CHECK (length(trim(content)) > 0),
    category            TEXT    NOT NULL CHECK (category IN ('immediate', 'routine', 'complex')),
    urgency             TEXT    NOT NULL CHECK (urgency IN ('extra_urgent', 'urgent', 'normal')),
    lead_unit_id        INTEGER NOT NULL REFERENCES unit (id),
    responsible_id      INTEGER NOT NULL REFERENCES person (id),
    contact             TEXT,
    contact_phone       TEXT,
    leader_in_charge_id INTEGER REFERENCES person (id),
    -- The current 办理时限 (RFC 3339, +08:00, so text order is time order) and whether it rests on
    -- a published calendar. Earlier deadlines live in the events.
    deadline            TEXT    NOT NULL,
    deadline_confirmed  INTEGER NOT NULL CHECK (deadline_confirmed IN (0, 1)),
    -- 1 when the deadline was typed (or approved in an extension) rather than computed from the
    -- category's limit.
    deadline_explicit   INTEGER NOT NULL DEFAULT 0 CHECK (deadline_explicit IN (0, 1)),
    feedback_cycle      TEXT    NOT NULL DEFAULT 'none' CHECK (feedback_cycle IN
                            ('none', 'weekly', 'fortnightly', 'monthly', 'quarterly')),
    classification      TEXT    NOT NULL DEFAULT 'public' CHECK (classification IN ('public', 'internal')),
    tags                TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    -- Current state, updated in the same transaction as the event that moves it.
    state               TEXT    NOT NULL CHECK (state IN ('registered', 'assigned', 'in_progress',
                            'reported', 'closed', 'suspended', 'struck_off', 'archived')),
    -- Caches of the event history that the lights need, kept in the same transaction as the events.
    accepted_at         TEXT,
    last_report_at      TEXT,
    closed_at           TEXT,
    -- While suspended: the state to return to and since when.
    suspended_from      TEXT,
    suspended_since     TEXT,
    -- JSON array of finished suspensions [{"from": …, "to": …}].
    suspensions         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(suspensions)),
    -- A pending 延期申请: {"new_deadline": …, "reason": …}, or NULL.
    pending_extension   TEXT CHECK (pending_extension IS NULL OR json_valid(pending_extension)),
    returned_count      INTEGER NOT NULL DEFAULT 0,
    entered_by          INTEGER REFERENCES person (id),
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX assignment_parent ON assignment (parent_id);
CREATE INDEX assignment_deadline ON assignment (deadline);
CREATE INDEX assignment_state_deadline ON assignment (state, deadline);
CREATE INDEX assignment_unit_deadline ON assignment (lead_unit_id, deadline);
CREATE INDEX assignment_year_seq ON assignment (year, seq);

-- 协办单位.
CREATE TABLE assignment_cooperator (
    assignment_id   INTEGER NOT NULL REFERENCES assignment (id),
    unit_id         INTEGER NOT NULL REFERENCES unit (id),
    PRIMARY KEY (assignment_id, unit_id)
) WITHOUT ROWID;

-- Every transition and side action, as a fact. Never updated, never deleted (triggers below).
CREATE TABLE assignment_event (
    id              INTEGER PRIMARY KEY,
    assignment_id   INTEGER NOT NULL REFERENCES assignment (id),
    kind            TEXT    NOT NULL,
    from_state      TEXT,
    to_state        TEXT    NOT NULL,
    -- Who acted (a person of the directory) and who typed it in (the local profile).
    actor_id        INTEGER REFERENCES person (id),
    entered_by      INTEGER REFERENCES person (id),
    at              TEXT    NOT NULL,
    note            TEXT,
    -- Details of the kind: old/new deadline, satisfaction score, revisit day ...
    payload         TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX assignment_event_item ON assignment_event (assignment_id, id);

CREATE TRIGGER assignment_event_no_update BEFORE UPDATE ON assignment_event
BEGIN
    SELECT RAISE(ABORT, '事项的办理记录不可修改');
END;
CREATE TRIGGER assignment_event_no_delete BEFORE DELETE ON assignment_event
BEGIN
    SELECT RAISE(ABORT, '事项的办理记录不可删除');
END;

-- Search over number, title and content. FTS5's trigram tokenizer matches only queries of three
-- characters or more, and 2-character words (供暖, 拆迁, 欠薪) are the commonest Chinese queries. So
-- the core indexes character bigrams itself: the text is normalised (letters and digits only,
-- lower case), cut into overlapping pairs, and stored space-separated; the unicode61 tokenizer
-- then sees each pair as one token. A query of n >= 2 characters becomes the phrase of its n-1
-- pairs, which matches exactly the texts that contain it as a substring. One-character queries
-- fall back to LIKE (see assignment/search.rs). rowid = assignment.id.
CREATE VIRTUAL TABLE assignment_fts USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');
