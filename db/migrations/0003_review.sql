-- The secretariat's review of applications: a review state beside the lifecycle status (submitted/withdrawn),
-- internal notes that teams never see, and corrections requested from the contact.

ALTER TABLE applications ADD COLUMN review_status TEXT NOT NULL DEFAULT 'new'
  CHECK (review_status IN ('new', 'in_review', 'needs_correction', 'complete', 'ineligible'));

CREATE TABLE application_notes (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  author_user_id TEXT REFERENCES users(id),
  author_label TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX application_notes_by_application ON application_notes (application_id, created_at);
CREATE INDEX preferences_by_session ON preferences (session_id);
