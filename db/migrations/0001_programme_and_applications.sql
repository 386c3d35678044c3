-- The programme (years, courses, sessions and their changes) and the team applications of the spine.
-- Portable SQL: runs on SQLite and PostgreSQL. Ids are random opaque text; instants are UTC ISO 8601 text.

CREATE TABLE program_years (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,                    -- '2025', or 'demo'
  fiscal_year INTEGER NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  label_ja TEXT NOT NULL,
  label_en TEXT NOT NULL,
  title_ja TEXT NOT NULL,
  title_en TEXT NOT NULL,
  reference_prefix TEXT NOT NULL,              -- 'R7' → references R7-0001
  applications_open_at TEXT NOT NULL,
  applications_close_at TEXT,                  -- optional year-wide end; sessions close on their own dates
  close_days_before INTEGER NOT NULL DEFAULT 42 CHECK (close_days_before >= 0),
  team_min_size INTEGER NOT NULL DEFAULT 2 CHECK (team_min_size >= 2),
  team_max_size INTEGER NOT NULL DEFAULT 8 CHECK (team_max_size >= team_min_size),
  privacy_version TEXT NOT NULL,
  privacy_text_ja TEXT NOT NULL,
  privacy_text_en TEXT NOT NULL,
  secretariat_name_ja TEXT NOT NULL,
  secretariat_name_en TEXT NOT NULL,
  secretariat_email TEXT NOT NULL,
  notes_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE courses (
  id TEXT PRIMARY KEY,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  code TEXT NOT NULL CHECK (code IN ('ventilator', 'ecmo')),
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  starts_local TEXT NOT NULL,                  -- 'HH:MM' Japan time on the session day
  ends_local TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (program_year_id, code)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  date TEXT NOT NULL,                          -- 'YYYY-MM-DD', Japan date
  region_ja TEXT NOT NULL,
  region_en TEXT NOT NULL,
  prefecture_code INTEGER NOT NULL CHECK (prefecture_code BETWEEN 1 AND 47),
  venue_ja TEXT NOT NULL,
  venue_en TEXT NOT NULL,
  capacity_teams INTEGER NOT NULL CHECK (capacity_teams >= 0),
  capacity_people INTEGER NOT NULL CHECK (capacity_people >= 0),
  applications_close_at TEXT NOT NULL,
  changed_at TEXT,                             -- last change of date or venue, for pages to mark it
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (program_year_id, number)
);

CREATE TABLE session_changes (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  field TEXT NOT NULL CHECK (field IN ('date', 'venue')),
  old_ja TEXT NOT NULL,
  old_en TEXT NOT NULL,
  new_ja TEXT NOT NULL,
  new_en TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX session_changes_by_session ON session_changes (session_id, changed_at);

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  seq INTEGER NOT NULL,
  reference TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'withdrawn')),
  hospital_key TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  contact_name_kana TEXT NOT NULL,
  contact_department TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  any_session INTEGER NOT NULL CHECK (any_session IN (0, 1)),
  privacy_version TEXT NOT NULL,
  consent_no_recording INTEGER NOT NULL CHECK (consent_no_recording IN (0, 1)),
  consented_at TEXT NOT NULL,
  manage_token_hash TEXT NOT NULL UNIQUE,
  locale TEXT NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  withdrawn_at TEXT,
  UNIQUE (program_year_id, seq)
);
-- One active application per hospital per year, enforced by the database as well as by the use case.
CREATE UNIQUE INDEX applications_one_active_per_hospital
  ON applications (program_year_id, hospital_key) WHERE status <> 'withdrawn';

CREATE TABLE hospitals (
  application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_kana TEXT NOT NULL,
  prefecture_code INTEGER NOT NULL CHECK (prefecture_code BETWEEN 1 AND 47),
  postal_code TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  critical_care_center TEXT NOT NULL CHECK (critical_care_center IN ('none', 'regular', 'advanced')),
  advanced_treatment_hospital INTEGER NOT NULL CHECK (advanced_treatment_hospital IN (0, 1)),
  ecmo_cases_vv INTEGER NOT NULL CHECK (ecmo_cases_vv >= 0),
  ecmo_cases_va INTEGER NOT NULL CHECK (ecmo_cases_va >= 0)
);

CREATE TABLE members (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_kana TEXT NOT NULL,
  profession TEXT NOT NULL CHECK (profession IN ('doctor', 'nurse', 'clinical_engineer', 'other')),
  department TEXT NOT NULL,
  years_of_experience INTEGER NOT NULL CHECK (years_of_experience >= 0),
  email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX members_by_application ON members (application_id, position);
CREATE INDEX members_by_email ON members (email);

CREATE TABLE preferences (
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL CHECK (rank >= 1),
  session_id TEXT NOT NULL REFERENCES sessions(id),
  PRIMARY KEY (application_id, rank)
);

-- What happened to an application, in order: shown to the team and to staff.
CREATE TABLE application_events (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  actor TEXT NOT NULL,                         -- 'contact', 'staff:<id>', 'system'
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX application_events_by_application ON application_events (application_id, at);

-- Mail is written here in the same transaction as the change that causes it, and delivered by the sender.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  related_id TEXT,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);

-- A retried submit with the same Idempotency-Key answers the first answer and creates nothing new.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
