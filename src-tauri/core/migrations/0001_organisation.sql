-- Units and people of the organisation, and the local user's profile.

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    short_name  TEXT,
    kind        TEXT    NOT NULL CHECK (kind IN ('internal', 'subordinate', 'external')),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
-- Names are unique among active units; a deactivated unit frees its name.
CREATE UNIQUE INDEX unit_active_name ON unit (name) WHERE active = 1;

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    unit_id     INTEGER NOT NULL REFERENCES unit (id),
    title       TEXT,
    phone       TEXT,
    -- JSON array of role codes: leader, liaison, handler.
    roles       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(roles)),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX person_unit ON person (unit_id);

-- The one local user of this PC, recorded as the person who entered each record.
CREATE TABLE profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- Small settings as key/value JSON, each owned by one area.
CREATE TABLE setting (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL CHECK (json_valid(value)),
    updated_at  TEXT NOT NULL
);
