// REFI-QDA GUIDs and our row ids. Our ids are UUIDs already, so they go out unchanged and
// exports stay stable; what has no row of its own (a case, an excerpt's note) gets a UUID
// derived by hashing, so it too is the same in every export of the same project.
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BRACED = /^\{([0-9a-fA-F-]{36})\}$/;

/** A GUID as the schema allows it (any case, optionally in braces) -> lower-case UUID, or null. */
export function normalizeGuid(guid: string): string | null {
  const trimmed = guid.trim();
  const inner = (BRACED.exec(trimmed)?.[1] ?? trimmed).toLowerCase();
  return UUID.test(inner) ? inner : null;
}

/** A UUID (version 8, "custom") that depends only on `kind` and `key`. */
export function derivedUuid(kind: string, key: string): string {
  const h = createHash('sha256').update(`${kind}\u0000${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Our id as a GUID: itself when it is a UUID (it always should be), else a stable stand-in. */
export function guidFor(id: string): string {
  return normalizeGuid(id) ?? derivedUuid('id', id);
}
