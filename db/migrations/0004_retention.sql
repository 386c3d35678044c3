-- Retention: personal data past its period is erased in place, keeping the rows the yearly figures are built from
-- (professions, prefecture, hospital type, counts). The time of erasure is kept.
ALTER TABLE applications ADD COLUMN purged_at TEXT;
ALTER TABLE members ADD COLUMN erased_at TEXT;
