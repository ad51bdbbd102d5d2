-- Field Coder schema version 5: the file's seal (issue 8).
--
-- SQLite keeps no checksums, so a flipped byte inside a stored value (a worn USB stick, a copy
-- gone wrong) passes every check it has. When Field Coder closes a file it writes here a SHA-256
-- of the whole file except this table's own page and the header fields SQLite rewrites by itself
-- (project/seal.ts); the first write after opening clears it. A received file whose seal is set
-- must hash to it, byte for byte. One row, on one page of its own (the table's root page), so the
-- digest can sit inside the bytes it covers. Local to this file: never merged or fingerprinted.
CREATE TABLE file_seal (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  digest BLOB CHECK (digest IS NULL OR length(digest) = 32)
) STRICT;
INSERT INTO file_seal(id, digest) VALUES (1, NULL);
