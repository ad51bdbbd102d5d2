// A Markdown memo written elsewhere (Pandoc, Obsidian, Zettlr) becomes a memo. Its YAML front
// matter is dropped (its title is used when none is given); its citations are checked against
// the library and the interviews, and the keys that match nothing are reported, not lost: they
// stay in the text and show as unresolved until a reference with that key exists.
import { AppError } from '../core/errors.js';
import { cleanText } from '../references/formats/csl.js';
import { parseCitations, unresolvedKeys } from './citations.js';
import { createMemo, type Memo } from './memo-service.js';
import { loadCitables } from './render/citables.js';
import type { Project } from '../project/project.js';

/** Longest memo body accepted, in characters (the API's request limit allows about this much). */
export const MAX_MEMO_CHARS = 1_000_000;

function splitFrontMatter(text: string): { title?: string; body: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { body: text };
  const t = /^title:[ \t]*(.+)$/m.exec(m[1]!)?.[1]?.trim();
  const title = t?.replace(/^(['"])(.*)\1$/, '$2').trim();
  return { ...(title ? { title } : {}), body: text.slice(m[0].length).replace(/^\n+/, '') };
}

export function importMarkdownMemo(project: Project, markdown: string, title?: string): { memo: Memo; unresolved: string[] } {
  if (markdown.length > MAX_MEMO_CHARS)
    throw new AppError('too_large', `A memo may hold up to ${MAX_MEMO_CHARS.toLocaleString('en')} characters.`);
  if (markdown.includes('\u0000')) throw new AppError('invalid', 'This is not a text file (it holds NUL bytes).');
  const text = cleanText(markdown.replace(/^\uFEFF/, '')).normalize('NFC');
  const front = splitFrontMatter(text);
  const name = title?.trim() || front.title || 'Imported memo';
  const { items } = loadCitables(project);
  const unresolved = unresolvedKeys(parseCitations(front.body), new Set(items.keys()));
  return { memo: createMemo(project, name.slice(0, 500), front.body), unresolved };
}
