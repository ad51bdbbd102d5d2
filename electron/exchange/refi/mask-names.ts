// Interviewees' real names (and contacts) never leave the app, but transcripts and titles often
// contain them. An export masks them, with the project's redaction list, wherever they occur:
// whole words, any case, like the memo redaction. Each masked character becomes one █ (white
// space is kept), so texts keep their length in code points and selections still point at the
// same passages.
import type { Project } from '../../project/project.js';
import { redactionList } from '../../memos/redaction-list.js';

const MASK = '\u2588';

export interface Masker {
  mask(s: string): string;
  /** Occurrences masked so far. */
  readonly count: number;
}

export function projectMaskTerms(project: Project): string[] {
  const rows = project.db.prepare('SELECT real_name AS name, contact FROM identities').all() as { name: string; contact: string }[];
  return [...rows.flatMap((r) => [r.name, r.contact]), ...redactionList(project)];
}

export function makeMasker(terms: string[]): Masker {
  const clean = [...new Set(terms.map((t) => t.normalize('NFC').trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  let count = 0;
  if (clean.length === 0)
    return {
      mask: (s) => s,
      get count() {
        return count;
      },
    };
  const alternatives = clean.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return {
    mask: (s) =>
      s.replace(re, (m) => {
        count++;
        return m.replace(/\S/gu, MASK);
      }),
    get count() {
      return count;
    },
  };
}
