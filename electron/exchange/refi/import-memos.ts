// Notes that belong to no imported code, source or selection become memos: project-level
// notes, unattached ones, and those attached to things Field Coder skips (links, sets, media),
// whose text would otherwise be lost.
import { newId } from '../../core/ids.js';
import { ImportContext } from './import-context.js';
import type { QTextSource } from './qde-model.js';

export function importMemos(ctx: ImportContext, notes: QTextSource[]): void {
  const insert = ctx.db.prepare('INSERT INTO memos(id, title, body, created_at, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?)');
  // Every memo starts with a version, as one created in the app does.
  const version = ctx.db.prepare(
    'INSERT INTO memo_versions(id, memo_id, title, body, saved_at, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  notes.forEach((note, i) => {
    const key = ImportContext.key(note.guid);
    if (note.guid && ctx.usedNotes.has(key)) return;
    const text = ctx.noteTexts.get(note);
    if (text === undefined) return; // its text could not be found; already reported
    if (!text.trim() && !note.name.trim()) {
      ctx.report.skip('empty notes');
      return;
    }
    ctx.report.skip('selections and codings inside notes', note.selections.length + note.codings.length);
    const r = ctx.resolver.resolve('memos', note.guid || `note:${i}:${note.name}`);
    if (r.exists) {
      ctx.report.existing.memos++;
      return;
    }
    const firstLine = text
      .trim()
      .split('\n')[0]!
      .replace(/^#+\s*/, '')
      .slice(0, 80)
      .trim();
    const title = note.name.trim() || firstLine || 'Imported note';
    const coder = ctx.coderFor(note.creatingUser);
    insert.run(r.id, title, text, ctx.now, ctx.stamp(), coder);
    version.run(newId(), r.id, title, text, ctx.now, ctx.stamp(), coder);
    ctx.report.imported.memos++;
  });
}
