-- Simulator practice attempts (issue 5): a signed-in participant's finished scenario runs on the practice page,
-- kept for their portal. Owned by the person's e-mail address (lower case), as they sign in by e-mail link, and by
-- the member (participant) that address was when the attempt was saved: the rows are personal data and go with the
-- member (retention, erasure), and staff see them per session through the member's team.
-- debrief is the debrief as shown (score, expected actions, timeline), JSON, bounded by the API (32 KiB).
-- Portable SQL: runs on SQLite and PostgreSQL.
CREATE TABLE sim_attempts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  scenario_id TEXT NOT NULL CHECK (length(scenario_id) BETWEEN 1 AND 64),
  started_at TEXT NOT NULL,
  duration_s INTEGER NOT NULL CHECK (duration_s >= 0),
  score INTEGER NOT NULL CHECK (score >= 0),
  max_score INTEGER NOT NULL CHECK (max_score >= 0 AND score <= max_score),
  debrief TEXT NOT NULL CHECK (length(debrief) <= 32768),
  created_at TEXT NOT NULL
);
CREATE INDEX sim_attempts_by_email ON sim_attempts (email, started_at);
CREATE INDEX sim_attempts_by_member ON sim_attempts (member_id);
