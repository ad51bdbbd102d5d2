-- Field Coder schema version 4: what coding and listing excerpts need at 100,000 excerpts and
-- 500,000-word documents (issue 7).
--
-- text_chunks: a long document's text again, cut every 4,096 code points (chunk `seq` holds
-- code points [seq * 4096, seq * 4096 + 4096)), so that cutting an excerpt out of it reads one
-- or two chunks instead of the text from its start. Derived from documents.text, which never
-- changes after import: written the first time a long document is coded and made again from
-- the text whenever it is missing or incomplete. Local to this file: never merged, shared as
-- content or counted in the content fingerprint.
CREATE TABLE text_chunks (
  document_id TEXT NOT NULL,
  seq         INTEGER NOT NULL CHECK (seq >= 0),
  text        TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
) STRICT;

-- Excerpts page by page in the order the Coding screen shows them (document title, then
-- position), walking indexes instead of sorting every excerpt for every page. Partial on the
-- tombstone, so that trashed rows cost nothing and the planner never mistakes `deleted = 0`
-- for a selective condition.
CREATE UNIQUE INDEX documents_live_title ON documents(title, id) WHERE deleted = 0;
CREATE UNIQUE INDEX excerpts_live_order ON excerpts(document_id, start_offset, end_offset, id) WHERE deleted = 0;

-- Codes' excerpt counts as one aggregate over live codings, minus the (few) trashed excerpts.
CREATE INDEX excerpts_trashed ON excerpts(id) WHERE deleted = 1;
CREATE INDEX excerpt_codes_live ON excerpt_codes(code_id, excerpt_id) WHERE deleted = 0;
-- An excerpt's live codes without reading the codings' rows.
CREATE INDEX excerpt_codes_live_excerpt ON excerpt_codes(excerpt_id, code_id) WHERE deleted = 0;
