-- Field Coder schema version 2: version history of memos, so an author can see and restore
-- earlier states of a memo. Rows follow the same conventions as every other table.

CREATE TABLE memo_versions (
  id       TEXT PRIMARY KEY,
  memo_id  TEXT NOT NULL REFERENCES memos(id),
  title    TEXT NOT NULL,
  body     TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  stamp    TEXT NOT NULL,
  coder_id TEXT REFERENCES coders(id),
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX memo_versions_memo ON memo_versions(memo_id, saved_at);
