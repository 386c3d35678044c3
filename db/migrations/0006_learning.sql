-- Pre-learning (事前学習): lectures and their attachments, confirmation tests (確認テスト) with their questions and
-- every attempt, what each participant has studied, the pre/post questionnaires and their responses, and the
-- reminders already sent. Portable SQL: runs on SQLite and PostgreSQL.
--
-- A participant is a member (members.id) of a team whose application has an accepted placement (or, in the demo
-- year, any submitted application). Their rows here are personal data (docs/privacy.md) and go with the member.

CREATE TABLE lectures (
  id TEXT PRIMARY KEY,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  course_id TEXT NOT NULL REFERENCES courses(id),
  slug TEXT NOT NULL,                          -- stable key from the content file, e.g. 'ventilator-01-modes'
  position INTEGER NOT NULL CHECK (position >= 0),
  title_ja TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  summary_ja TEXT NOT NULL DEFAULT '',
  summary_en TEXT NOT NULL DEFAULT '',
  body_md TEXT NOT NULL DEFAULT '',            -- Markdown (ja); rendered by the client with raw HTML disabled
  video_url TEXT NOT NULL DEFAULT '',          -- external, https only
  estimated_minutes INTEGER NOT NULL DEFAULT 0 CHECK (estimated_minutes >= 0),
  required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (program_year_id, slug)
);
CREATE INDEX lectures_by_course ON lectures (course_id, position);

-- Files are stored under [learning] attachment_dir (outside the web root) by their id; served only to those allowed.
CREATE TABLE lecture_attachments (
  id TEXT PRIMARY KEY,
  lecture_id TEXT NOT NULL REFERENCES lectures(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN (
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation')),
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX lecture_attachments_by_lecture ON lecture_attachments (lecture_id);

CREATE TABLE quizzes (
  id TEXT PRIMARY KEY,
  lecture_id TEXT NOT NULL REFERENCES lectures(id) ON DELETE CASCADE,
  title_ja TEXT NOT NULL DEFAULT '',
  pass_percent REAL NOT NULL DEFAULT 80 CHECK (pass_percent > 0 AND pass_percent <= 100),
  attempts_allowed INTEGER NOT NULL DEFAULT 0 CHECK (attempts_allowed >= 0),   -- 0: unlimited
  time_limit_minutes INTEGER CHECK (time_limit_minutes IS NULL OR time_limit_minutes > 0),
  shuffle_questions INTEGER NOT NULL DEFAULT 0 CHECK (shuffle_questions IN (0, 1)),
  shuffle_choices INTEGER NOT NULL DEFAULT 0 CHECK (shuffle_choices IN (0, 1)),
  feedback TEXT NOT NULL DEFAULT 'full' CHECK (feedback IN ('score_only', 'correctness', 'full')),
  policy TEXT NOT NULL DEFAULT 'best' CHECK (policy IN ('best', 'last')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX quizzes_by_lecture ON quizzes (lecture_id);

-- One question of a test, stored as GIFT (domain/gift: import(export(q)) == q), with its category for the bank.
CREATE TABLE quiz_questions (
  id TEXT PRIMARY KEY,
  quiz_id TEXT NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  category TEXT NOT NULL DEFAULT '',
  gift TEXT NOT NULL,
  UNIQUE (quiz_id, position)
);

-- An attempt is opened (seed, question order) when the participant starts it and graded when submitted.
CREATE TABLE quiz_attempts (
  id TEXT PRIMARY KEY,
  quiz_id TEXT NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  seed TEXT NOT NULL,                          -- unsigned 64-bit, decimal: the shuffle shown
  started_at TEXT NOT NULL,
  submitted_at TEXT,
  answers_json TEXT,                           -- every answer, by question position (canonical choice indices)
  grade_json TEXT,                             -- per-question credit and feedback as graded
  score REAL,
  max_score REAL,
  percent REAL,
  passed INTEGER CHECK (passed IS NULL OR passed IN (0, 1))
);
CREATE INDEX quiz_attempts_by_member ON quiz_attempts (member_id, quiz_id, started_at);

CREATE TABLE lecture_progress (
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  lecture_id TEXT NOT NULL REFERENCES lectures(id) ON DELETE CASCADE,
  studied_at TEXT NOT NULL,
  PRIMARY KEY (member_id, lecture_id)
);

-- A questionnaire of a year: its definition (the TOML of data/learning/questionnaire.toml: sections, items, scales,
-- paired flags) from which the pre and post forms are built; the post form closes post_close_days after the day.
CREATE TABLE questionnaires (
  id TEXT PRIMARY KEY,
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  slug TEXT NOT NULL,
  title_ja TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  definition_toml TEXT NOT NULL,
  post_close_days INTEGER NOT NULL DEFAULT 14 CHECK (post_close_days >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (program_year_id, slug)
);

-- One response per participant and form; profession and session kept as they were, for the aggregates.
CREATE TABLE questionnaire_responses (
  id TEXT PRIMARY KEY,
  questionnaire_id TEXT NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
  phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES sessions(id),
  profession TEXT NOT NULL CHECK (profession IN ('doctor', 'nurse', 'clinical_engineer', 'other')),
  answers_json TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  UNIQUE (questionnaire_id, phase, member_id)
);
CREATE INDEX questionnaire_responses_by_session ON questionnaire_responses (session_id, phase);

-- A reminder is recorded in the transaction that writes its mail to the outbox: never twice for one offset.
-- recipient is a member id (participant) or 'contact:' || application id (the team contact's list).
CREATE TABLE reminders_sent (
  recipient TEXT NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  offset_days INTEGER NOT NULL CHECK (offset_days >= 0),
  outbox_id TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (recipient, session_id, offset_days)
);
