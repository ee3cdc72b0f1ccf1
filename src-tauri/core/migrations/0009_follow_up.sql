-- 成果应用: items made from a summary (问题整改 from a problem it found, 经验推广 from its experience,
-- 计划落地 from its plan), one row per item, written with the item in one transaction and never
-- changed: the link from the item back to the sentence it came from.
CREATE TABLE summary_follow_up (
    assignment_id  INTEGER PRIMARY KEY REFERENCES assignment (id),
    summary_id     INTEGER NOT NULL REFERENCES summary (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('rectify', 'experience', 'plan')),
    -- The entry's number within its kind (第 n 个问题), as the summary's follow-up lists it.
    n              INTEGER NOT NULL CHECK (n >= 1),
    -- Where it came from, as the summary read then (an approved summary's text no longer changes).
    position       INTEGER NOT NULL,
    heading        TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    created_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX summary_follow_up_entry ON summary_follow_up (summary_id, kind, n);

CREATE TRIGGER summary_follow_up_no_update BEFORE UPDATE ON summary_follow_up
BEGIN
    SELECT RAISE(ABORT, '成果应用的来源记录不可修改');
END;
CREATE TRIGGER summary_follow_up_no_delete BEFORE DELETE ON summary_follow_up
BEGIN
    SELECT RAISE(ABORT, '成果应用的来源记录不可删除');
END;

-- A new 来源, 总结整改. SQLite cannot alter a CHECK constraint; widening one (every stored row still
-- passes) is the documented edit of the table's SQL in sqlite_schema (sqlite.org/lang_altertable.html,
-- "simpler procedure"); the runner then bumps the schema cookie so every connection reads it again.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''inspection'', ''other'')', '''inspection'', ''summary'', ''other'')')
 WHERE type = 'table' AND name = 'assignment';
PRAGMA writable_schema = OFF;
