// REFI-QDA GUIDs and our row ids. Our ids are UUIDs already, so they go out unchanged and
// exports stay stable; what has no row of its own (a case, an excerpt's note) gets a UUID
// derived by hashing, so it too is the same in every export of the same project.
import { derivedUuid } from '../../core/ids.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BRACED = /^\{([0-9a-fA-F-]{36})\}$/;

/** A GUID as the schema allows it (any case, optionally in braces) -> lower-case UUID, or null. */
export function normalizeGuid(guid: string): string | null {
  const trimmed = guid.trim();
  const inner = (BRACED.exec(trimmed)?.[1] ?? trimmed).toLowerCase();
  return UUID.test(inner) ? inner : null;
}

/** Our id as a GUID: itself when it is a UUID (it always should be), else a stable stand-in. */
export function guidFor(id: string): string {
  return normalizeGuid(id) ?? derivedUuid('id', id);
}
