// What the library table shows and filters on, kept apart from React so it can be tested.
import type { Reference } from '../../../electron/api/contract';
import type { CslItem } from '../../../electron/references/formats/csl';
import { foldForFilter } from '../documents/columns';
import { nameLine } from './reference-form';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "2 documents · 3 evidence · 1 memo". */
export function usedByLabel(usedBy: Reference['usedBy']): string {
  if (usedByTotal(usedBy) === 0) return 'Not used';
  return `${plural(usedBy.documents, 'document', 'documents')} · ${usedBy.evidence.toLocaleString()} evidence · ${plural(usedBy.memos, 'memo', 'memos')}`;
}

/** Sorts by how much rests on a reference: documents, evidence and memos together. */
export function usedByTotal(usedBy: Reference['usedBy']): number {
  return usedBy.documents + usedBy.evidence + usedBy.memos;
}

/** Every word of the query appears in the key, title, authors, year or DOI (case and accents ignored). */
export function matchesQuery(r: Reference, query: string): boolean {
  const words = foldForFilter(query.trim()).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = foldForFilter([r.citationKey, r.title, r.authors, r.year ?? '', r.doi].join(' '));
  return words.every((w) => hay.includes(w));
}

/** The types the library holds, for the type filter, most common first. */
export function typesIn(references: readonly Reference[]): string[] {
  const counts = new Map<string, number>();
  for (const r of references) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

export function countLabel(shown: number, total: number): string {
  const noun = total === 1 ? 'reference' : 'references';
  return shown === total ? `${total.toLocaleString()} ${noun}` : `${shown.toLocaleString()} of ${total.toLocaleString()} ${noun}`;
}

/** An incoming item as the import review lists it: its title, and "authors · year · key". */
export function candidateLine(item: CslItem): { title: string; detail: string } {
  const names = (item.author ?? item.editor ?? []).map(nameLine);
  const who = names.length > 3 ? `${names.slice(0, 3).join('; ')} et al.` : names.join('; ');
  const year = item.issued?.['date-parts']?.[0]?.[0] ?? item.issued?.literal;
  return {
    title: typeof item.title === 'string' ? item.title : '',
    detail: [who, year === undefined ? '' : String(year), item.id].filter(Boolean).join(' · '),
  };
}
