-- Staff accounts, sign-in (sessions, second factor, throttling, e-mail links) and the audit log.
-- Portable SQL except where marked: the two audit_log triggers use SQLite's form (RAISE). On PostgreSQL the same
-- rule is one function and two triggers:
--   CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
--     $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
--   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- Secrets handed to people (set-up links, session ids, e-mail links, recovery codes) are stored only as SHA-256
-- hashes; passwords as argon2id strings.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,                  -- lower case
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'coordinator', 'instructor', 'ministry')),
  password_hash TEXT,                          -- NULL until the set-up link is used
  totp_secret TEXT,                            -- base32; NULL until enrolled
  totp_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (totp_confirmed IN (0, 1)),
  totp_last_counter INTEGER NOT NULL DEFAULT -1,  -- a code is accepted once: later counters only
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_by TEXT,                             -- user id, or NULL when created from the command line
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_sign_in_at TEXT,
  disabled_at TEXT
);

-- The sessions (開催回) a coordinator or instructor works on.
CREATE TABLE user_session_assignments (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, session_id)
);

CREATE TABLE recovery_codes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_codes_by_user ON recovery_codes (user_id);

-- One-time set-up links: choose a password, enrol the authenticator, receive recovery codes.
CREATE TABLE setup_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  pending_totp_secret TEXT,                    -- shown at the start of set-up, kept until it is confirmed
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX setup_tokens_by_user ON setup_tokens (user_id);

-- Server-side sessions. A staff session starts at stage 'second_factor' after the password and becomes 'signed_in'
-- (with a new id) after the code; a person (contact, participant) signs in by e-mail link and has no user row.
CREATE TABLE auth_sessions (
  id_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'person')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  email TEXT,                                  -- for 'person' sessions
  stage TEXT NOT NULL CHECK (stage IN ('second_factor', 'signed_in')),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,                    -- absolute end
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  CHECK ((kind = 'staff' AND user_id IS NOT NULL) OR (kind = 'person' AND email IS NOT NULL))
);
CREATE INDEX auth_sessions_by_user ON auth_sessions (user_id);

-- Failed sign-ins per key ('account:<email>', 'ip:<address>'): growing delays after a few failures.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  last_failure_at TEXT NOT NULL,
  locked_until TEXT
);

-- Sign-in links for contacts and participants: single use, 15 minutes at most.
CREATE TABLE email_login_links (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,                         -- lower case
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  ip TEXT NOT NULL
);
CREATE INDEX email_login_links_by_email ON email_login_links (email, created_at);

-- Who read or changed which record, when, from where. Append-only: the database refuses UPDATE and DELETE.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id TEXT,                          -- NULL for the command line and the system
  actor_label TEXT NOT NULL,                   -- e-mail of the user, 'cli' or 'system'
  ip TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('read', 'change')),
  entity TEXT NOT NULL,                        -- 'user', 'users', 'application', …
  entity_id TEXT NOT NULL,                     -- '' for a list
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_by_actor ON audit_log (actor_user_id, at);

-- SQLite form (see the top of this file for PostgreSQL's).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
