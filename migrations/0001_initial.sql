-- Field Coder schema version 1.
--
-- Conventions for every table whose rows travel between copies of a project:
--   id        TEXT UUID, the row's identity everywhere (merges match rows by it, never by name)
--   stamp     hybrid-logical-clock stamp of the row's last change (see electron/core/hlc.ts)
--   coder_id  the coder who made the last change
--   deleted   tombstone: 1 = deleted; rows are never hard-deleted so deletes can merge
-- Tables indexed by FTS5 also have an INTEGER PRIMARY KEY `rid`, because external-content FTS
-- tables point at rowids and VACUUM may renumber implicit rowids.
-- Offsets into document text count Unicode code points, as REFI-QDA and the bench plan do.
-- Migrations only add: later versions add tables, columns and indexes, never reshape these.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE coders (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  initials TEXT NOT NULL DEFAULT '',
  color    TEXT NOT NULL DEFAULT '',
  stamp    TEXT NOT NULL,
  coder_id TEXT,
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Bibliographic items. `csl` holds the CSL-JSON item; the other columns are derived from it
-- for sorting, duplicate detection and search.
CREATE TABLE refs (
  rid          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  citation_key TEXT NOT NULL,
  item_type    TEXT NOT NULL DEFAULT 'document',
  title        TEXT NOT NULL DEFAULT '',
  authors      TEXT NOT NULL DEFAULT '',
  issued_year  INTEGER,
  doi          TEXT NOT NULL DEFAULT '',
  csl          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(csl)),
  note         TEXT NOT NULL DEFAULT '',
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX refs_key ON refs(citation_key);

-- Interview transcripts, field notes and source texts. `text` is NFC-normalised at import and
-- never changes afterwards: excerpts point into it by offset.
CREATE TABLE documents (
  rid            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('interview', 'fieldnote', 'document')),
  title          TEXT NOT NULL,
  text           TEXT NOT NULL,
  char_count     INTEGER NOT NULL DEFAULT 0,
  word_count     INTEGER NOT NULL DEFAULT 0,
  source_name    TEXT NOT NULL DEFAULT '',
  source_format  TEXT NOT NULL DEFAULT '',
  imported_at    TEXT NOT NULL DEFAULT '',
  -- other documents
  author         TEXT NOT NULL DEFAULT '',
  doc_date       TEXT NOT NULL DEFAULT '',
  reference_id   TEXT REFERENCES refs(id),
  language       TEXT NOT NULL DEFAULT '',
  -- interview metadata (no identities here: see `identities`)
  pseudonym      TEXT NOT NULL DEFAULT '',
  role           TEXT NOT NULL DEFAULT '',
  org_type       TEXT NOT NULL DEFAULT '',
  interview_date TEXT NOT NULL DEFAULT '',
  place          TEXT NOT NULL DEFAULT '',
  interviewer    TEXT NOT NULL DEFAULT '',
  consent        TEXT NOT NULL DEFAULT 'unknown',
  notes          TEXT NOT NULL DEFAULT '',
  stamp          TEXT NOT NULL,
  coder_id       TEXT REFERENCES coders(id),
  deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX documents_kind ON documents(kind, deleted);

-- Who an interviewee really is. Kept apart from documents so that exports, shared copies and
-- merges can leave it out; never exported or merged unless the user asks.
CREATE TABLE identities (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  real_name   TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  stamp       TEXT NOT NULL,
  coder_id    TEXT REFERENCES coders(id),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX identities_document ON identities(document_id);

CREATE TABLE codes (
  id          TEXT PRIMARY KEY,
  parent_id   TEXT REFERENCES codes(id),
  name        TEXT NOT NULL,
  color       TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  sort_order  REAL NOT NULL DEFAULT 0,
  stamp       TEXT NOT NULL,
  coder_id    TEXT REFERENCES coders(id),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX codes_parent ON codes(parent_id);

-- A coded passage: [start_offset, end_offset) in code points of the document's text.
CREATE TABLE excerpts (
  rid          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  document_id  TEXT NOT NULL REFERENCES documents(id),
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
  text         TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX excerpts_document ON excerpts(document_id, start_offset);

CREATE TABLE excerpt_codes (
  id         TEXT PRIMARY KEY,
  excerpt_id TEXT NOT NULL REFERENCES excerpts(id),
  code_id    TEXT NOT NULL REFERENCES codes(id),
  stamp      TEXT NOT NULL,
  coder_id   TEXT REFERENCES coders(id),
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  UNIQUE (excerpt_id, code_id)
) STRICT;
CREATE INDEX excerpt_codes_code ON excerpt_codes(code_id);

-- The analytic framework: dimensions with ordered levels, and a table from level combinations
-- to outcomes (the memo's Table 1); units of analysis (with aliases) and periods (Table 2).
CREATE TABLE frameworks (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  template    TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  stamp       TEXT NOT NULL,
  coder_id    TEXT REFERENCES coders(id),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE dimensions (
  id           TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  key          TEXT NOT NULL,
  name         TEXT NOT NULL,
  question     TEXT NOT NULL DEFAULT '',
  sort_order   REAL NOT NULL DEFAULT 0,
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX dimensions_framework ON dimensions(framework_id);

-- `rank` orders levels on an ordinal scale (low = 0 < high = 1 in the default framework).
CREATE TABLE levels (
  id           TEXT PRIMARY KEY,
  dimension_id TEXT NOT NULL REFERENCES dimensions(id),
  key          TEXT NOT NULL,
  name         TEXT NOT NULL,
  rank         INTEGER NOT NULL,
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX levels_dimension ON levels(dimension_id);

CREATE TABLE outcomes (
  id           TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  key          TEXT NOT NULL,
  name         TEXT NOT NULL,
  meaning      TEXT NOT NULL DEFAULT '',
  color        TEXT NOT NULL DEFAULT '',
  sort_order   REAL NOT NULL DEFAULT 0,
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX outcomes_framework ON outcomes(framework_id);

-- One row per cell of the outcome table: `levels` is a JSON object {dimension_id: level_id}.
CREATE TABLE outcome_rules (
  id           TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  outcome_id   TEXT NOT NULL REFERENCES outcomes(id),
  levels       TEXT NOT NULL CHECK (json_valid(levels)),
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX outcome_rules_framework ON outcome_rules(framework_id);

CREATE TABLE units (
  id           TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  parent_id    TEXT REFERENCES units(id),
  key          TEXT NOT NULL DEFAULT '',
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL DEFAULT '',
  description  TEXT NOT NULL DEFAULT '',
  in_matrix    INTEGER NOT NULL DEFAULT 1 CHECK (in_matrix IN (0, 1)),
  sort_order   REAL NOT NULL DEFAULT 0,
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX units_framework ON units(framework_id);

CREATE TABLE unit_aliases (
  id       TEXT PRIMARY KEY,
  unit_id  TEXT NOT NULL REFERENCES units(id),
  alias      TEXT NOT NULL,
  sort_order REAL NOT NULL DEFAULT 0,
  stamp    TEXT NOT NULL,
  coder_id TEXT REFERENCES coders(id),
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);

CREATE TABLE periods (
  id           TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  name         TEXT NOT NULL,
  start_year   INTEGER,
  end_year     INTEGER,
  sort_order   REAL NOT NULL DEFAULT 0,
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX periods_framework ON periods(framework_id);

-- A coder's judgement: unit x period x dimension -> level. `consensus` = 1 marks the
-- adjudicated judgement that the consensus matrix shows.
CREATE TABLE assessments (
  id           TEXT PRIMARY KEY,
  unit_id      TEXT NOT NULL REFERENCES units(id),
  period_id    TEXT NOT NULL REFERENCES periods(id),
  dimension_id TEXT NOT NULL REFERENCES dimensions(id),
  level_id     TEXT NOT NULL REFERENCES levels(id),
  assessor_id  TEXT NOT NULL REFERENCES coders(id),
  consensus    INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1)),
  confidence   TEXT NOT NULL DEFAULT '',
  rationale    TEXT NOT NULL DEFAULT '',
  stamp        TEXT NOT NULL,
  coder_id     TEXT REFERENCES coders(id),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX assessments_cell ON assessments(unit_id, period_id, dimension_id);
CREATE INDEX assessments_assessor ON assessments(assessor_id);

-- The evidence behind a judgement: an excerpt, or a reference with a locator (page, section).
CREATE TABLE assessment_evidence (
  id            TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  excerpt_id    TEXT REFERENCES excerpts(id),
  reference_id  TEXT REFERENCES refs(id),
  locator       TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  stamp         TEXT NOT NULL,
  coder_id      TEXT REFERENCES coders(id),
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK ((excerpt_id IS NULL) <> (reference_id IS NULL))
) STRICT;
CREATE INDEX assessment_evidence_assessment ON assessment_evidence(assessment_id);
CREATE INDEX assessment_evidence_excerpt ON assessment_evidence(excerpt_id);

CREATE TABLE memos (
  rid        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT '',
  stamp      TEXT NOT NULL,
  coder_id   TEXT REFERENCES coders(id),
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Full-text search: external-content FTS5 tables kept in step by triggers. Tombstoned rows
-- stay indexed and are filtered out by the queries, so a delete can be undone cheaply.
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content = 'documents', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;

CREATE VIRTUAL TABLE excerpts_fts USING fts5(
  text, note, content = 'excerpts', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER excerpts_fts_ai AFTER INSERT ON excerpts BEGIN
  INSERT INTO excerpts_fts(rowid, text, note) VALUES (new.rid, new.text, new.note);
END;
CREATE TRIGGER excerpts_fts_ad AFTER DELETE ON excerpts BEGIN
  INSERT INTO excerpts_fts(excerpts_fts, rowid, text, note) VALUES ('delete', old.rid, old.text, old.note);
END;
CREATE TRIGGER excerpts_fts_au AFTER UPDATE OF text, note ON excerpts BEGIN
  INSERT INTO excerpts_fts(excerpts_fts, rowid, text, note) VALUES ('delete', old.rid, old.text, old.note);
  INSERT INTO excerpts_fts(rowid, text, note) VALUES (new.rid, new.text, new.note);
END;

CREATE VIRTUAL TABLE memos_fts USING fts5(
  title, body, content = 'memos', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER memos_fts_ai AFTER INSERT ON memos BEGIN
  INSERT INTO memos_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
END;
CREATE TRIGGER memos_fts_ad AFTER DELETE ON memos BEGIN
  INSERT INTO memos_fts(memos_fts, rowid, title, body) VALUES ('delete', old.rid, old.title, old.body);
END;
CREATE TRIGGER memos_fts_au AFTER UPDATE OF title, body ON memos BEGIN
  INSERT INTO memos_fts(memos_fts, rowid, title, body) VALUES ('delete', old.rid, old.title, old.body);
  INSERT INTO memos_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
END;

CREATE VIRTUAL TABLE refs_fts USING fts5(
  citation_key, title, authors, note, content = 'refs', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER refs_fts_ai AFTER INSERT ON refs BEGIN
  INSERT INTO refs_fts(rowid, citation_key, title, authors, note)
    VALUES (new.rid, new.citation_key, new.title, new.authors, new.note);
END;
CREATE TRIGGER refs_fts_ad AFTER DELETE ON refs BEGIN
  INSERT INTO refs_fts(refs_fts, rowid, citation_key, title, authors, note)
    VALUES ('delete', old.rid, old.citation_key, old.title, old.authors, old.note);
END;
CREATE TRIGGER refs_fts_au AFTER UPDATE OF citation_key, title, authors, note ON refs BEGIN
  INSERT INTO refs_fts(refs_fts, rowid, citation_key, title, authors, note)
    VALUES ('delete', old.rid, old.citation_key, old.title, old.authors, old.note);
  INSERT INTO refs_fts(rowid, citation_key, title, authors, note)
    VALUES (new.rid, new.citation_key, new.title, new.authors, new.note);
END;
