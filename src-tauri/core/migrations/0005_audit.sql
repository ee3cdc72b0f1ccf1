-- 审计日志: one hash-chained record per write (see src/audit and docs/security.md). The row triggers
-- that append to it are generated from the schema by `audit::install`, run in this migration's
-- transaction and again after every later one.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    object_kind  TEXT    NOT NULL,
    object_id    TEXT    NOT NULL,
    before       TEXT,
    after        TEXT,
    prev_hash    TEXT,
    hash         TEXT    NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;
