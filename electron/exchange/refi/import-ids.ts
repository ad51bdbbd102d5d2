// Which of our ids an imported GUID becomes. A GUID that is a UUID becomes the row's id, so a
// second import of the same file finds the rows of the first and adds nothing. When the GUID is
// unusable (not a UUID, or already the id of a different kind of row, or claimed by another
// element of this file), the id is derived from it by hashing: still the same on every import.
import type Database from 'better-sqlite3';
import { SYNCED_TABLES } from '../../project/synced-tables.js';
import { derivedUuid } from '../../core/ids.js';
import { normalizeGuid } from './guid.js';

export type RowKind = 'coders' | 'codes' | 'documents' | 'excerpts' | 'excerpt_codes' | 'memos';

// Every table whose ids are UUIDs; a GUID equal to one of them must not become a different row.
const ID_TABLES = SYNCED_TABLES.filter((t) => t !== 'sync_conflicts');

export interface Resolved {
  id: string;
  /** A row of this kind with this id is already in the project. */
  exists: boolean;
}

export class IdResolver {
  private readonly claimed = new Map<string, RowKind>();
  private readonly lookups: Map<string, Database.Statement>;

  constructor(db: Database.Database) {
    this.lookups = new Map(ID_TABLES.map((t) => [t, db.prepare(`SELECT 1 FROM ${t} WHERE id = ?`)]));
  }

  private has(table: string, id: string): boolean {
    return this.lookups.get(table)!.get(id) !== undefined;
  }

  resolve(kind: RowKind, guid: string): Resolved {
    const g = normalizeGuid(guid);
    const derive = (): Resolved => {
      const id = derivedUuid(kind, g ?? guid);
      return { id, exists: this.has(kind, id) };
    };
    if (g === null) return derive();
    const owner = this.claimed.get(g);
    if (owner !== undefined && owner !== kind) return derive();
    this.claimed.set(g, kind);
    if (this.has(kind, g)) return { id: g, exists: true };
    if (ID_TABLES.some((t) => t !== kind && this.has(t, g))) return derive();
    return { id: g, exists: false };
  }
}
