import { createHash, randomUUID } from 'node:crypto';

/** Row identity: a random UUID, so rows made on different machines never collide when files merge. */
export function newId(): string {
  return randomUUID();
}

/**
 * A UUID (version 8, "custom") that depends only on `kind` and `key`: for rows that two copies
 * or two exports must name alike without asking each other (merge conflicts, REFI-QDA GUIDs).
 */
export function derivedUuid(kind: string, key: string): string {
  const h = createHash('sha256').update(`${kind}\u0000${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
