// The project's redaction list (names, places) lives in `meta` so that every export, from the
// app or the CLI, applies it without the researcher having to remember.
import type { Project } from '../project/project.js';

const KEY = 'memos.redact';

export function redactionList(project: Project): string[] {
  const row = project.db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return [];
  try {
    const v: unknown = JSON.parse(row.value);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function setRedactionList(project: Project, terms: string[]): string[] {
  const clean = [...new Set(terms.map((t) => t.trim()).filter(Boolean))];
  project.write(() => {
    project.db
      .prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(clean));
  });
  return clean;
}
