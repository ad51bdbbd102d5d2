// Excerpts to choose from (more evidence for a judgement, a quote for a memo) without loading
// every excerpt, which at 100,000 excerpts cost the host half a gigabyte and the page a select of
// 100,000 options: the first CHOICES excerpts in list order, or, once words are typed, the
// CHOICES best search hits among excerpts, found as the person types.
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export interface ExcerptChoice {
  id: string;
  text: string;
  documentTitle: string;
  role: string;
}

export const CHOICES = 100;
const TYPING_PAUSE_MS = 150;

/**
 * The search box's words as a query that finds as you type: the last word becomes a prefix
 * ("fue" finds "fuel"), unless it ends a "phrase", is an operator, or already is a prefix.
 */
export function asYouTypeQuery(input: string): string {
  const q = input.trim();
  if (!q) return '';
  const quotes = (q.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) return q; // a phrase still being typed: as written (its end is added by the query)
  const last = q.split(/\s+/).pop()!;
  if (['AND', 'OR', 'NOT'].includes(last) || !/[\p{L}\p{N}]$/u.test(last) || last.endsWith('"')) return q;
  return `${q}*`;
}

/** The choices for `filter` (null while the first answer is on its way). */
export function useExcerptChoices(filter: string): ExcerptChoice[] | null {
  const [choices, setChoices] = useState<ExcerptChoice[] | null>(null);
  const q = asYouTypeQuery(filter);
  useEffect(() => {
    let current = true;
    const load = async (): Promise<ExcerptChoice[]> => {
      if (!q) {
        const page = await api.call('excerpts.page', { limit: CHOICES });
        return page.excerpts.map((x) => ({ id: x.id, text: x.text, documentTitle: x.documentTitle, role: x.role }));
      }
      const found = await api.call('search.query', { q, scopes: ['excerpt'], limit: CHOICES });
      return found.hits.map((h) => ({
        id: h.id,
        text: h.snippet.map((p) => p.text).join(''),
        documentTitle: h.title,
        role: '',
      }));
    };
    // Wait for a pause in typing; a query the search cannot read yet ("AND") shows nothing.
    const timer = setTimeout(
      () => {
        load().then(
          (c) => current && setChoices(c),
          () => current && setChoices([]),
        );
      },
      q ? TYPING_PAUSE_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);
  return choices;
}
