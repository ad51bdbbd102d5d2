-- Field Coder schema version 3: what merging colleagues' copies needs (issue 6).
--
-- sync_fields: the stamp of the last change to each field of each row, kept by the triggers
-- below. A row with no entries has every field at the row's own stamp; its first update
-- records every field (unchanged ones at the old row stamp), so from then on each field has
-- its own stamp and a merge can take the later value field by field.
CREATE TABLE sync_fields (
  tbl    TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col    TEXT NOT NULL,
  stamp  TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT, WITHOUT ROWID;

-- What this copy has seen from each device: the latest stamp per device id, as of its last
-- merge. A change is "unseen" by a copy when its stamp is later than that copy's entry for the
-- device that made it; two unseen changes to one field are a conflict.
CREATE TABLE sync_seen (
  device TEXT PRIMARY KEY,
  stamp  TEXT NOT NULL
) STRICT;

-- Two values set for one field apart from each other. The later (value_a) shows; both are
-- kept here until someone resolves the pair. The id is derived from the pair, so both
-- colleagues' merges record the same row, and resolutions merge like any other change.
CREATE TABLE sync_conflicts (
  id       TEXT PRIMARY KEY,
  tbl      TEXT NOT NULL,
  row_id   TEXT NOT NULL,
  col      TEXT NOT NULL,
  value_a  TEXT,
  stamp_a  TEXT NOT NULL,
  value_b  TEXT,
  stamp_b  TEXT NOT NULL,
  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
  stamp    TEXT NOT NULL,
  coder_id TEXT REFERENCES coders(id),
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved, deleted);


CREATE TRIGGER coders_sync_fields AFTER UPDATE ON coders WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('coders', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('coders', NEW.id, 'initials', CASE WHEN OLD.initials IS NOT NEW.initials THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.initials IS NOT NEW.initials;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('coders', NEW.id, 'color', CASE WHEN OLD.color IS NOT NEW.color THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.color IS NOT NEW.color;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('coders', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER refs_sync_fields AFTER UPDATE ON refs WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'citation_key', CASE WHEN OLD.citation_key IS NOT NEW.citation_key THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.citation_key IS NOT NEW.citation_key;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'item_type', CASE WHEN OLD.item_type IS NOT NEW.item_type THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.item_type IS NOT NEW.item_type;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'title', CASE WHEN OLD.title IS NOT NEW.title THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.title IS NOT NEW.title;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'authors', CASE WHEN OLD.authors IS NOT NEW.authors THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.authors IS NOT NEW.authors;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'issued_year', CASE WHEN OLD.issued_year IS NOT NEW.issued_year THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.issued_year IS NOT NEW.issued_year;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'doi', CASE WHEN OLD.doi IS NOT NEW.doi THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.doi IS NOT NEW.doi;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'csl', CASE WHEN OLD.csl IS NOT NEW.csl THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.csl IS NOT NEW.csl;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'note', CASE WHEN OLD.note IS NOT NEW.note THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.note IS NOT NEW.note;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('refs', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER documents_sync_fields AFTER UPDATE ON documents WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'kind', CASE WHEN OLD.kind IS NOT NEW.kind THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.kind IS NOT NEW.kind;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'title', CASE WHEN OLD.title IS NOT NEW.title THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.title IS NOT NEW.title;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'text', CASE WHEN OLD.text IS NOT NEW.text THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.text IS NOT NEW.text;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'char_count', CASE WHEN OLD.char_count IS NOT NEW.char_count THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.char_count IS NOT NEW.char_count;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'word_count', CASE WHEN OLD.word_count IS NOT NEW.word_count THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.word_count IS NOT NEW.word_count;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'source_name', CASE WHEN OLD.source_name IS NOT NEW.source_name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.source_name IS NOT NEW.source_name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'source_format', CASE WHEN OLD.source_format IS NOT NEW.source_format THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.source_format IS NOT NEW.source_format;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'imported_at', CASE WHEN OLD.imported_at IS NOT NEW.imported_at THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.imported_at IS NOT NEW.imported_at;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'author', CASE WHEN OLD.author IS NOT NEW.author THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.author IS NOT NEW.author;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'doc_date', CASE WHEN OLD.doc_date IS NOT NEW.doc_date THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.doc_date IS NOT NEW.doc_date;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'reference_id', CASE WHEN OLD.reference_id IS NOT NEW.reference_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.reference_id IS NOT NEW.reference_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'language', CASE WHEN OLD.language IS NOT NEW.language THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.language IS NOT NEW.language;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'pseudonym', CASE WHEN OLD.pseudonym IS NOT NEW.pseudonym THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.pseudonym IS NOT NEW.pseudonym;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'role', CASE WHEN OLD.role IS NOT NEW.role THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.role IS NOT NEW.role;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'org_type', CASE WHEN OLD.org_type IS NOT NEW.org_type THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.org_type IS NOT NEW.org_type;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'interview_date', CASE WHEN OLD.interview_date IS NOT NEW.interview_date THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.interview_date IS NOT NEW.interview_date;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'place', CASE WHEN OLD.place IS NOT NEW.place THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.place IS NOT NEW.place;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'interviewer', CASE WHEN OLD.interviewer IS NOT NEW.interviewer THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.interviewer IS NOT NEW.interviewer;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'consent', CASE WHEN OLD.consent IS NOT NEW.consent THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.consent IS NOT NEW.consent;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'notes', CASE WHEN OLD.notes IS NOT NEW.notes THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.notes IS NOT NEW.notes;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('documents', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER identities_sync_fields AFTER UPDATE ON identities WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('identities', NEW.id, 'document_id', CASE WHEN OLD.document_id IS NOT NEW.document_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.document_id IS NOT NEW.document_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('identities', NEW.id, 'real_name', CASE WHEN OLD.real_name IS NOT NEW.real_name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.real_name IS NOT NEW.real_name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('identities', NEW.id, 'contact', CASE WHEN OLD.contact IS NOT NEW.contact THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.contact IS NOT NEW.contact;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('identities', NEW.id, 'notes', CASE WHEN OLD.notes IS NOT NEW.notes THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.notes IS NOT NEW.notes;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('identities', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER codes_sync_fields AFTER UPDATE ON codes WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', NEW.id, 'parent_id', CASE WHEN OLD.parent_id IS NOT NEW.parent_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.parent_id IS NOT NEW.parent_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', NEW.id, 'color', CASE WHEN OLD.color IS NOT NEW.color THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.color IS NOT NEW.color;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', NEW.id, 'description', CASE WHEN OLD.description IS NOT NEW.description THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.description IS NOT NEW.description;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', NEW.id, 'sort_order', CASE WHEN OLD.sort_order IS NOT NEW.sort_order THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.sort_order IS NOT NEW.sort_order;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER excerpts_sync_fields AFTER UPDATE ON excerpts WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpts', NEW.id, 'document_id', CASE WHEN OLD.document_id IS NOT NEW.document_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.document_id IS NOT NEW.document_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpts', NEW.id, 'start_offset', CASE WHEN OLD.start_offset IS NOT NEW.start_offset THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.start_offset IS NOT NEW.start_offset;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpts', NEW.id, 'end_offset', CASE WHEN OLD.end_offset IS NOT NEW.end_offset THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.end_offset IS NOT NEW.end_offset;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpts', NEW.id, 'text', CASE WHEN OLD.text IS NOT NEW.text THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.text IS NOT NEW.text;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpts', NEW.id, 'note', CASE WHEN OLD.note IS NOT NEW.note THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.note IS NOT NEW.note;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpts', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER excerpt_codes_sync_fields AFTER UPDATE ON excerpt_codes WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpt_codes', NEW.id, 'excerpt_id', CASE WHEN OLD.excerpt_id IS NOT NEW.excerpt_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.excerpt_id IS NOT NEW.excerpt_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpt_codes', NEW.id, 'code_id', CASE WHEN OLD.code_id IS NOT NEW.code_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.code_id IS NOT NEW.code_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('excerpt_codes', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER frameworks_sync_fields AFTER UPDATE ON frameworks WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('frameworks', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('frameworks', NEW.id, 'description', CASE WHEN OLD.description IS NOT NEW.description THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.description IS NOT NEW.description;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('frameworks', NEW.id, 'template', CASE WHEN OLD.template IS NOT NEW.template THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.template IS NOT NEW.template;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('frameworks', NEW.id, 'active', CASE WHEN OLD.active IS NOT NEW.active THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.active IS NOT NEW.active;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('frameworks', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER dimensions_sync_fields AFTER UPDATE ON dimensions WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('dimensions', NEW.id, 'framework_id', CASE WHEN OLD.framework_id IS NOT NEW.framework_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.framework_id IS NOT NEW.framework_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('dimensions', NEW.id, 'key', CASE WHEN OLD.key IS NOT NEW.key THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.key IS NOT NEW.key;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('dimensions', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('dimensions', NEW.id, 'question', CASE WHEN OLD.question IS NOT NEW.question THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.question IS NOT NEW.question;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('dimensions', NEW.id, 'sort_order', CASE WHEN OLD.sort_order IS NOT NEW.sort_order THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.sort_order IS NOT NEW.sort_order;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('dimensions', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER levels_sync_fields AFTER UPDATE ON levels WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('levels', NEW.id, 'dimension_id', CASE WHEN OLD.dimension_id IS NOT NEW.dimension_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.dimension_id IS NOT NEW.dimension_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('levels', NEW.id, 'key', CASE WHEN OLD.key IS NOT NEW.key THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.key IS NOT NEW.key;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('levels', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('levels', NEW.id, 'rank', CASE WHEN OLD.rank IS NOT NEW.rank THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.rank IS NOT NEW.rank;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('levels', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER outcomes_sync_fields AFTER UPDATE ON outcomes WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'framework_id', CASE WHEN OLD.framework_id IS NOT NEW.framework_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.framework_id IS NOT NEW.framework_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'key', CASE WHEN OLD.key IS NOT NEW.key THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.key IS NOT NEW.key;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'meaning', CASE WHEN OLD.meaning IS NOT NEW.meaning THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.meaning IS NOT NEW.meaning;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'color', CASE WHEN OLD.color IS NOT NEW.color THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.color IS NOT NEW.color;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'sort_order', CASE WHEN OLD.sort_order IS NOT NEW.sort_order THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.sort_order IS NOT NEW.sort_order;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcomes', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER outcome_rules_sync_fields AFTER UPDATE ON outcome_rules WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcome_rules', NEW.id, 'framework_id', CASE WHEN OLD.framework_id IS NOT NEW.framework_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.framework_id IS NOT NEW.framework_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcome_rules', NEW.id, 'outcome_id', CASE WHEN OLD.outcome_id IS NOT NEW.outcome_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.outcome_id IS NOT NEW.outcome_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcome_rules', NEW.id, 'levels', CASE WHEN OLD.levels IS NOT NEW.levels THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.levels IS NOT NEW.levels;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('outcome_rules', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER units_sync_fields AFTER UPDATE ON units WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'framework_id', CASE WHEN OLD.framework_id IS NOT NEW.framework_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.framework_id IS NOT NEW.framework_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'parent_id', CASE WHEN OLD.parent_id IS NOT NEW.parent_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.parent_id IS NOT NEW.parent_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'key', CASE WHEN OLD.key IS NOT NEW.key THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.key IS NOT NEW.key;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'kind', CASE WHEN OLD.kind IS NOT NEW.kind THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.kind IS NOT NEW.kind;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'description', CASE WHEN OLD.description IS NOT NEW.description THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.description IS NOT NEW.description;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'in_matrix', CASE WHEN OLD.in_matrix IS NOT NEW.in_matrix THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.in_matrix IS NOT NEW.in_matrix;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'sort_order', CASE WHEN OLD.sort_order IS NOT NEW.sort_order THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.sort_order IS NOT NEW.sort_order;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('units', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER unit_aliases_sync_fields AFTER UPDATE ON unit_aliases WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('unit_aliases', NEW.id, 'unit_id', CASE WHEN OLD.unit_id IS NOT NEW.unit_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.unit_id IS NOT NEW.unit_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('unit_aliases', NEW.id, 'alias', CASE WHEN OLD.alias IS NOT NEW.alias THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.alias IS NOT NEW.alias;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('unit_aliases', NEW.id, 'sort_order', CASE WHEN OLD.sort_order IS NOT NEW.sort_order THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.sort_order IS NOT NEW.sort_order;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('unit_aliases', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER periods_sync_fields AFTER UPDATE ON periods WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('periods', NEW.id, 'framework_id', CASE WHEN OLD.framework_id IS NOT NEW.framework_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.framework_id IS NOT NEW.framework_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('periods', NEW.id, 'name', CASE WHEN OLD.name IS NOT NEW.name THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.name IS NOT NEW.name;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('periods', NEW.id, 'start_year', CASE WHEN OLD.start_year IS NOT NEW.start_year THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.start_year IS NOT NEW.start_year;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('periods', NEW.id, 'end_year', CASE WHEN OLD.end_year IS NOT NEW.end_year THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.end_year IS NOT NEW.end_year;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('periods', NEW.id, 'sort_order', CASE WHEN OLD.sort_order IS NOT NEW.sort_order THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.sort_order IS NOT NEW.sort_order;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('periods', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER assessments_sync_fields AFTER UPDATE ON assessments WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'unit_id', CASE WHEN OLD.unit_id IS NOT NEW.unit_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.unit_id IS NOT NEW.unit_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'period_id', CASE WHEN OLD.period_id IS NOT NEW.period_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.period_id IS NOT NEW.period_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'dimension_id', CASE WHEN OLD.dimension_id IS NOT NEW.dimension_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.dimension_id IS NOT NEW.dimension_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'level_id', CASE WHEN OLD.level_id IS NOT NEW.level_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.level_id IS NOT NEW.level_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'assessor_id', CASE WHEN OLD.assessor_id IS NOT NEW.assessor_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.assessor_id IS NOT NEW.assessor_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'consensus', CASE WHEN OLD.consensus IS NOT NEW.consensus THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.consensus IS NOT NEW.consensus;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'confidence', CASE WHEN OLD.confidence IS NOT NEW.confidence THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.confidence IS NOT NEW.confidence;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'rationale', CASE WHEN OLD.rationale IS NOT NEW.rationale THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.rationale IS NOT NEW.rationale;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessments', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER assessment_evidence_sync_fields AFTER UPDATE ON assessment_evidence WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessment_evidence', NEW.id, 'assessment_id', CASE WHEN OLD.assessment_id IS NOT NEW.assessment_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.assessment_id IS NOT NEW.assessment_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessment_evidence', NEW.id, 'excerpt_id', CASE WHEN OLD.excerpt_id IS NOT NEW.excerpt_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.excerpt_id IS NOT NEW.excerpt_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessment_evidence', NEW.id, 'reference_id', CASE WHEN OLD.reference_id IS NOT NEW.reference_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.reference_id IS NOT NEW.reference_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessment_evidence', NEW.id, 'locator', CASE WHEN OLD.locator IS NOT NEW.locator THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.locator IS NOT NEW.locator;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessment_evidence', NEW.id, 'note', CASE WHEN OLD.note IS NOT NEW.note THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.note IS NOT NEW.note;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('assessment_evidence', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER memos_sync_fields AFTER UPDATE ON memos WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memos', NEW.id, 'title', CASE WHEN OLD.title IS NOT NEW.title THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.title IS NOT NEW.title;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memos', NEW.id, 'body', CASE WHEN OLD.body IS NOT NEW.body THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.body IS NOT NEW.body;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memos', NEW.id, 'created_at', CASE WHEN OLD.created_at IS NOT NEW.created_at THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.created_at IS NOT NEW.created_at;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memos', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER memo_versions_sync_fields AFTER UPDATE ON memo_versions WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memo_versions', NEW.id, 'memo_id', CASE WHEN OLD.memo_id IS NOT NEW.memo_id THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.memo_id IS NOT NEW.memo_id;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memo_versions', NEW.id, 'title', CASE WHEN OLD.title IS NOT NEW.title THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.title IS NOT NEW.title;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memo_versions', NEW.id, 'body', CASE WHEN OLD.body IS NOT NEW.body THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.body IS NOT NEW.body;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memo_versions', NEW.id, 'saved_at', CASE WHEN OLD.saved_at IS NOT NEW.saved_at THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.saved_at IS NOT NEW.saved_at;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('memo_versions', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;

CREATE TRIGGER sync_conflicts_sync_fields AFTER UPDATE ON sync_conflicts WHEN NEW.stamp IS NOT OLD.stamp BEGIN
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('sync_conflicts', NEW.id, 'value_a', CASE WHEN OLD.value_a IS NOT NEW.value_a THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.value_a IS NOT NEW.value_a;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('sync_conflicts', NEW.id, 'stamp_a', CASE WHEN OLD.stamp_a IS NOT NEW.stamp_a THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.stamp_a IS NOT NEW.stamp_a;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('sync_conflicts', NEW.id, 'value_b', CASE WHEN OLD.value_b IS NOT NEW.value_b THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.value_b IS NOT NEW.value_b;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('sync_conflicts', NEW.id, 'stamp_b', CASE WHEN OLD.stamp_b IS NOT NEW.stamp_b THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.stamp_b IS NOT NEW.stamp_b;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('sync_conflicts', NEW.id, 'resolved', CASE WHEN OLD.resolved IS NOT NEW.resolved THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.resolved IS NOT NEW.resolved;
  INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('sync_conflicts', NEW.id, 'deleted', CASE WHEN OLD.deleted IS NOT NEW.deleted THEN NEW.stamp ELSE OLD.stamp END)
    ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE OLD.deleted IS NOT NEW.deleted;
END;
