-- The official lists of 救命救急センター and 特定機能病院 a year's applications are checked against (imported by staff
-- from the Ministry's CSV; an import replaces that year's list of that kind), staff reviews of the applications the
-- check flags, and a team's requests to replace a member after acceptance. Portable SQL: SQLite and PostgreSQL.

CREATE TABLE hospital_lists (
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  kind TEXT NOT NULL CHECK (kind IN ('critical_care_center', 'advanced_treatment_hospital')),
  entries INTEGER NOT NULL CHECK (entries >= 0),
  imported_by TEXT REFERENCES users(id),
  imported_by_label TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (program_year_id, kind)
);

CREATE TABLE hospital_list_entries (
  program_year_id TEXT NOT NULL REFERENCES program_years(id),
  kind TEXT NOT NULL CHECK (kind IN ('critical_care_center', 'advanced_treatment_hospital')),
  line INTEGER NOT NULL,                       -- in the imported file
  name TEXT NOT NULL,
  prefecture_code INTEGER NOT NULL CHECK (prefecture_code BETWEEN 1 AND 47),
  advanced INTEGER NOT NULL DEFAULT 0 CHECK (advanced IN (0, 1)),  -- 高度救命救急センター
  PRIMARY KEY (program_year_id, kind, line)
);

-- A flag is resolved by a review of that reason with the same detail: when the application or the lists change so
-- that the flag says something else, it needs a review again.
CREATE TABLE selection_flag_reviews (
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,                        -- hospital_unmatched | critical_care_mismatch | advanced_treatment_mismatch
  detail TEXT NOT NULL,
  review_reason TEXT NOT NULL,
  by_user_id TEXT REFERENCES users(id),
  by_label TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (application_id, reason)
);

-- Personal data (the new member's name and e-mail): listed in docs/privacy.md.
CREATE TABLE member_replacements (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,                     -- the member to replace (gone from members once approved)
  old_member_name TEXT NOT NULL,
  new_member_json TEXT NOT NULL,               -- name, name_kana, profession, department, years_of_experience, email
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  decision_reason TEXT,
  decided_by TEXT REFERENCES users(id),
  decided_by_label TEXT,
  requested_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX member_replacements_by_application ON member_replacements (application_id, requested_at);
