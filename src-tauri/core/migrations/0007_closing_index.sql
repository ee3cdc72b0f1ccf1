-- The overdue list of a 通报 reads the items that were not finished at a past cutoff: those not
-- finished now (assignment_state_deadline) and those whose last closing came after the cutoff, or
-- that record none (this index); see stats::overdue_ids_at.
CREATE INDEX assignment_closed_at ON assignment (closed_at);
