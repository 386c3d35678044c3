-- Selection: the year's rules (from the programme file), runs (drafts until published), staff pins and exclusions,
-- and what each team got: its place or waitlist positions, and the life of a place after publishing
-- (confirmed, declined, released, withdrawn). Portable SQL: runs on SQLite and PostgreSQL.
--
-- A place is held by a placements row with outcome 'accepted': the places taken in a session are
-- COUNT(*) … WHERE session_id = ? AND outcome = 'accepted'. Every change of a place is a conditional UPDATE
-- (… WHERE outcome = 'accepted' …) inside one write transaction that first touches the session's row, so that
-- on PostgreSQL the row lock orders concurrent changes of one session as SQLite's single writer does.

CREATE TABLE selection_settings (
  program_year_id TEXT PRIMARY KEY REFERENCES program_years(id),
  rules_json TEXT NOT NULL,                    -- tiers, prefecture limit, confirm_days, promotion_stops_days_before
  updated_at TEXT NOT NULL
);

CREATE TABLE selection_runs (
  id TEXT PRIMARY KEY,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  seed TEXT NOT NULL,                          -- unsigned 64-bit, decimal (beyond a signed BIGINT)
  session_ids_json TEXT NOT NULL,              -- the sessions of the run
  capacity_overrides_json TEXT NOT NULL DEFAULT '[]',
  rules_json TEXT NOT NULL,                    -- the rules the run used
  input_hash TEXT NOT NULL,                    -- of the engine's input: publish refuses a run whose input changed
  result_json TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  created_by_label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_by TEXT REFERENCES users(id),
  published_at TEXT
);
CREATE INDEX selection_runs_by_year ON selection_runs (program_year_id, created_at);

CREATE TABLE selection_pins (
  application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  reason TEXT NOT NULL,
  by_user_id TEXT REFERENCES users(id),
  by_label TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE selection_excludes (
  application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  by_user_id TEXT REFERENCES users(id),
  by_label TEXT NOT NULL,
  at TEXT NOT NULL
);

-- One row per application that a published run decided on: its current outcome.
CREATE TABLE placements (
  application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  run_id TEXT NOT NULL REFERENCES selection_runs(id),  -- the run that decided last (promotion keeps it)
  outcome TEXT NOT NULL
    CHECK (outcome IN ('accepted', 'waitlisted', 'not_selected', 'declined', 'released', 'withdrawn')),
  session_id TEXT REFERENCES sessions(id),     -- the place (accepted), or the place it had (declined, released…)
  people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
  prefecture_code INTEGER NOT NULL DEFAULT 0,
  tier INTEGER NOT NULL DEFAULT 0,
  rank INTEGER NOT NULL DEFAULT 0,
  explanation_ja TEXT NOT NULL DEFAULT '',
  explanation_en TEXT NOT NULL DEFAULT '',
  later_session_ids_json TEXT NOT NULL DEFAULT '[]',
  promoted INTEGER NOT NULL DEFAULT 0 CHECK (promoted IN (0, 1)),
  confirm_by TEXT,
  confirmed_at TEXT,
  declined_at TEXT,
  released_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (outcome <> 'accepted' OR session_id IS NOT NULL)
);
CREATE INDEX placements_by_session ON placements (session_id, outcome);
CREATE INDEX placements_by_year ON placements (program_year_id, outcome);

-- Waitlist positions per session; 'waiting' entries are promoted in position order.
CREATE TABLE waitlist_entries (
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  run_id TEXT NOT NULL REFERENCES selection_runs(id),
  status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'promoted', 'removed')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (application_id, session_id)
);
CREATE INDEX waitlist_by_session ON waitlist_entries (session_id, status, position);
