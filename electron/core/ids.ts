import { randomUUID } from 'node:crypto';

/** Row identity: a random UUID, so rows made on different machines never collide when files merge. */
export function newId(): string {
  return randomUUID();
}
