-- The working-day calendar. The official years ship inside the binary (data/holidays-cn.json); the
-- database holds only what users changed, so a newer app's shipped data is never shadowed by a copy.

-- A year imported from a calendar file (e.g. next year's State Council notice). It replaces the
-- shipped year of the same number as a whole. `data` is the year's section of the file:
-- {"off": [{"name", "from", "to"}], "work": ["YYYY-MM-DD"]}.
CREATE TABLE calendar_year (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    data        TEXT    NOT NULL CHECK (json_valid(data)),
    imported_at TEXT    NOT NULL
);

-- A single day a user marked off or working; it overrides the shipped or imported year.
CREATE TABLE calendar_day (
    day         TEXT    PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind        TEXT    NOT NULL CHECK (kind IN ('workday', 'offday')),
    -- The name shown on the day (e.g. 单位调休); NULL when none was given.
    note        TEXT,
    updated_at  TEXT    NOT NULL
);
