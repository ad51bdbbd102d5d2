// Users -> coders and the codebook -> codes. A user is matched by GUID, else by name; a code by
// GUID, else by the same name under the same parent among the codes the project already had,
// so a codebook imported into a project that started from the same template does not double.
import { ImportContext } from './import-context.js';
import type { QCode, QUser } from './qde-model.js';

export function importUsers(ctx: ImportContext, users: QUser[]): void {
  const byName = new Map(
    (ctx.db.prepare('SELECT id, name FROM coders WHERE deleted = 0 ORDER BY stamp').all() as { id: string; name: string }[]).map((c) => [
      c.name.trim().toLowerCase(),
      c.id,
    ]),
  );
  const insert = ctx.db.prepare('INSERT INTO coders(id, name, stamp, coder_id) VALUES (?, ?, ?, ?)');
  users.forEach((u, i) => {
    const name = u.name.trim();
    const r = ctx.resolver.resolve('coders', u.guid || `user:${name}:${i}`);
    const sameName = name ? byName.get(name.toLowerCase()) : undefined;
    let id = r.id;
    if (r.exists) ctx.report.existing.coders++;
    else if (sameName) {
      id = sameName;
      ctx.report.existing.coders++;
    } else {
      insert.run(id, name || 'Imported user', ctx.stamp(), ctx.project.coderId);
      if (name) byName.set(name.toLowerCase(), id);
      ctx.report.imported.coders++;
    }
    ctx.coders.set(ImportContext.key(u.guid), id);
  });
}

/** #RGB -> #RRGGBB, #RRGGBB as given, anything else -> no colour. */
function color(c: string): string {
  const t = c.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(t)) return t;
  if (/^#[0-9a-fA-F]{3}$/.test(t)) return `#${[...t.slice(1)].map((x) => x + x).join('')}`;
  return '';
}

export function importCodes(ctx: ImportContext, codes: QCode[]): void {
  const db = ctx.db;
  const preexisting = new Map<string, string>();
  for (const c of db.prepare('SELECT id, parent_id AS p, name FROM codes WHERE deleted = 0 ORDER BY sort_order, id').all() as {
    id: string;
    p: string | null;
    name: string;
  }[]) {
    const k = `${c.p ?? ''}\u0000${c.name}`;
    if (!preexisting.has(k)) preexisting.set(k, c.id);
  }
  const matched = new Set<string>();
  const nextOrder = new Map<string, number>();
  const maxOrder = db.prepare('SELECT max(sort_order) AS m FROM codes WHERE parent_id IS ?');
  const insert = db.prepare(
    'INSERT INTO codes(id, parent_id, name, color, description, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const order = (parent: string | null): number => {
    const k = parent ?? '';
    const n = nextOrder.get(k) ?? ((maxOrder.get(parent) as { m: number | null }).m ?? -1) + 1;
    nextOrder.set(k, n + 1);
    return n;
  };

  const work: [QCode, string | null, string][] = codes.map((c, i) => [c, null, `code:${i}`] as [QCode, string | null, string]).reverse();
  while (work.length) {
    const [c, parent, path] = work.pop()!;
    const name = c.name.trim() || 'Unnamed code';
    const r = ctx.resolver.resolve('codes', c.guid || path);
    const byName = preexisting.get(`${parent ?? ''}\u0000${name}`);
    let id = r.id;
    if (r.exists) ctx.report.existing.codes++;
    else if (byName && !matched.has(byName)) {
      id = byName;
      matched.add(byName);
      ctx.report.existing.codes++;
      ctx.report.note('{n} codes matched codes already in the project by name and parent (their colour and description were kept)');
    } else {
      const notes = ctx.takeNotes(c.noteRefs);
      const description = [c.description.trim(), ...notes].filter(Boolean).join('\n\n');
      insert.run(id, parent, name, color(c.color), description, order(parent), ctx.stamp(), ctx.project.coderId);
      ctx.report.imported.codes++;
      if (!c.codable) ctx.report.note('{n} code folders (isCodable="false") became ordinary codes');
    }
    if (r.exists || id !== r.id) ctx.takeNotes(c.noteRefs);
    ctx.codes.set(ImportContext.key(c.guid || path), id);
    for (let i = c.children.length - 1; i >= 0; i--) work.push([c.children[i]!, id, `${path}/${i}`]);
  }
}
