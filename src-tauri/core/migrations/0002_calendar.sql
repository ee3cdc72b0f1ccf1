-- The working-day calendar (filled by the calendar area).
SELECT 1;
