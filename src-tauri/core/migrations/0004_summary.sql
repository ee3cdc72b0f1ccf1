-- 总结: templates (data users edit, copy, import and export), summaries drafted section by section,
-- their indicators, versions, review opinions and the append-only event history.

-- A template: kind, field and ordered sections. Shipped templates carry `builtin_key` so they are
-- seeded once; users edit or copy them like any other. Templates are deactivated, never deleted.
CREATE TABLE summary_template (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('phase', 'project', 'annual', 'special')),
    field       TEXT    NOT NULL CHECK (field IN ('general', 'government_service', 'enterprise',
                            'research', 'engineering', 'education_health')),
    description TEXT    NOT NULL DEFAULT '',
    builtin_key TEXT    UNIQUE,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE summary_template_section (
    template_id INTEGER NOT NULL REFERENCES summary_template (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    heading     TEXT    NOT NULL CHECK (length(trim(heading)) > 0),
    role        TEXT    NOT NULL CHECK (role IN ('background', 'targets_vs_results', 'measures',
                            'experience', 'problems', 'causes', 'improvements', 'plan', 'other')),
    guidance    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, position)
) WITHOUT ROWID;

CREATE TABLE summary (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind            TEXT    NOT NULL CHECK (kind IN ('phase', 'project', 'annual', 'special')),
    field           TEXT    NOT NULL CHECK (field IN ('general', 'government_service', 'enterprise',
                                'research', 'engineering', 'education_health')),
    -- 总结期间, YYYY-MM-DD, inclusive.
    period_from     TEXT    NOT NULL,
    period_to       TEXT    NOT NULL CHECK (period_from <= period_to),
    unit_id         INTEGER NOT NULL REFERENCES unit (id),
    drafter_id      INTEGER NOT NULL REFERENCES person (id),
    -- The template it was drafted from (its sections were copied at creation; editing the
    -- template later changes no summary). NULL for an import whose template is not here.
    template_id     INTEGER REFERENCES summary_template (id),
    template_name   TEXT    NOT NULL,
    classification  TEXT    NOT NULL DEFAULT 'public' CHECK (classification IN ('public', 'internal')),
    -- Current state, updated in the same transaction as the event that moves it.
    state           TEXT    NOT NULL CHECK (state IN ('drafting', 'submitted', 'returned', 'approved',
                                'published', 'archived')),
    returned_count  INTEGER NOT NULL DEFAULT 0,
    -- Grows with every change of the content; a version records the revision it captured.
    revision        INTEGER NOT NULL DEFAULT 0,
    entered_by      INTEGER REFERENCES person (id),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX summary_state ON summary (state, updated_at);

-- The sections of one summary, copied from the template: heading, role and guidance, then the
-- writer's text. `indicators` is the 指标表 of a targets-vs-results section (JSON array of
-- {indicator, unit, target, actual, note}; the gap is computed when read).
CREATE TABLE summary_section (
    summary_id  INTEGER NOT NULL REFERENCES summary (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    heading     TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('background', 'targets_vs_results', 'measures',
                            'experience', 'problems', 'causes', 'improvements', 'plan', 'other')),
    guidance    TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    indicators  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(indicators)),
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (summary_id, position)
) WITHOUT ROWID;

-- 版本: snapshots of the content (JSON: title and sections with text and indicators). Numbered per
-- summary from 1. Never updated, never deleted.
CREATE TABLE summary_version (
    id          INTEGER PRIMARY KEY,
    summary_id  INTEGER NOT NULL REFERENCES summary (id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    kind        TEXT    NOT NULL CHECK (kind IN ('manual', 'submit', 'restore', 'before_restore', 'import')),
    note        TEXT,
    revision    INTEGER NOT NULL,
    content     TEXT    NOT NULL CHECK (json_valid(content)),
    word_count  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES person (id),
    created_at  TEXT    NOT NULL,
    UNIQUE (summary_id, number)
);

CREATE TRIGGER summary_version_no_update BEFORE UPDATE ON summary_version
BEGIN
    SELECT RAISE(ABORT, '总结的历史版本不可修改');
END;
CREATE TRIGGER summary_version_no_delete BEFORE DELETE ON summary_version
BEGIN
    SELECT RAISE(ABORT, '总结的历史版本不可删除');
END;

-- 审核意见: general (section NULL) or on one section, in review round `round` (1 for the first
-- submission, 2 after the first 退回重写 …).
CREATE TABLE summary_opinion (
    id          INTEGER PRIMARY KEY,
    summary_id  INTEGER NOT NULL REFERENCES summary (id),
    round       INTEGER NOT NULL CHECK (round >= 1),
    section     INTEGER,
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    reviewer_id INTEGER NOT NULL REFERENCES person (id),
    entered_by  INTEGER REFERENCES person (id),
    at          TEXT    NOT NULL
);
CREATE INDEX summary_opinion_summary ON summary_opinion (summary_id, id);

CREATE TRIGGER summary_opinion_no_update BEFORE UPDATE ON summary_opinion
BEGIN
    SELECT RAISE(ABORT, '审核意见不可修改');
END;
CREATE TRIGGER summary_opinion_no_delete BEFORE DELETE ON summary_opinion
BEGIN
    SELECT RAISE(ABORT, '审核意见不可删除');
END;

-- Every step of the lifecycle, as a fact (who acted, who typed it in, when, from, to, why, and the
-- details: check figures at submission, opinion ids at a return …).
CREATE TABLE summary_event (
    id          INTEGER PRIMARY KEY,
    summary_id  INTEGER NOT NULL REFERENCES summary (id),
    kind        TEXT    NOT NULL,
    from_state  TEXT,
    to_state    TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES person (id),
    entered_by  INTEGER REFERENCES person (id),
    at          TEXT    NOT NULL,
    note        TEXT,
    payload     TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX summary_event_summary ON summary_event (summary_id, id);

CREATE TRIGGER summary_event_no_update BEFORE UPDATE ON summary_event
BEGIN
    SELECT RAISE(ABORT, '总结的审核记录不可修改');
END;
CREATE TRIGGER summary_event_no_delete BEFORE DELETE ON summary_event
BEGIN
    SELECT RAISE(ABORT, '总结的审核记录不可删除');
END;
