// Pandoc citation syntax in memo Markdown: [@key], [@key, p. 24], [see @a, ch. 2; @b],
// [-@key] (suppress the author). Each bracketed group is a cluster; its position in the text
// lets the preview and the exporters replace it with the formatted note or in-text citation.
import type { Cite } from './cite.js';

export interface Cluster {
  start: number; // UTF-16 index of '[' in the body
  end: number; // index after ']'
  cites: Cite[];
}

const KEY = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]|[\p{L}\p{N}_]`;
// As in Pandoc, "@" starts a citation only at the start of a part or after white space.
const CITE = new RegExp(String.raw`^(?<prefix>.*?\s|)(?<suppress>-?)@(?<key>${KEY})(?<rest>.*)$`, 'su');

const LABELS: [RegExp, string][] = [
  [/^(?:pp?\.|pages?)\s*/i, 'page'],
  [/^(?:ch\.|chap\.|chapters?)\s*/i, 'chapter'],
  [/^(?:sec\.|§|sections?)\s*/i, 'section'],
  [/^(?:para\.|paragraphs?|¶)\s*/i, 'paragraph'],
  [/^(?:fig\.|figures?)\s*/i, 'figure'],
  [/^(?:n\.|nn\.|notes?)\s*/i, 'note'],
  [/^(?:vol\.|volumes?)\s*/i, 'volume'],
];

/** ", p. 24, my emphasis" -> locator 24 (page), suffix "my emphasis". */
function locatorOf(rest: string): Pick<Cite, 'locator' | 'label' | 'suffix'> {
  const text = rest.replace(/^\s*,\s*/, '').trim();
  if (!text) return {};
  for (const [re, label] of LABELS) {
    const m = re.exec(text);
    if (m) {
      const [locator, ...suffix] = text.slice(m[0].length).split(/,\s*/);
      return { locator: locator!.trim(), label, ...(suffix.length ? { suffix: suffix.join(', ') } : {}) };
    }
  }
  if (/^\d[\d\s–\-,]*$/.test(text)) return { locator: text, label: 'page' };
  return { suffix: text };
}

/** The cites in the text between a cluster's brackets, or null when it is not a cluster. */
export function parseCluster(inner: string): Cite[] | null {
  const cites: Cite[] = [];
  for (const part of inner.split(';')) {
    const c = CITE.exec(part.trim());
    // An e-mail address in brackets is not a citation: every part must be one.
    if (!c?.groups) return null;
    const prefix = c.groups.prefix!.trim();
    cites.push({
      id: c.groups.key!,
      ...(prefix ? { prefix } : {}),
      ...(c.groups.suppress ? { suppressAuthor: true } : {}),
      ...locatorOf(c.groups.rest!),
    });
  }
  return cites;
}

export function parseCitations(body: string): Cluster[] {
  const clusters: Cluster[] = [];
  // Brackets without nested brackets; Markdown links ([text](url)) are skipped. '@' is tested
  // after matching: inside the pattern it backtracks quadratically on an unclosed "[@@@@…".
  const re = /\[([^[\]]*)\](?!\()/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const cites = m[1]!.includes('@') ? parseCluster(m[1]!) : null;
    if (cites) clusters.push({ start: m.index, end: m.index + m[0].length, cites });
  }
  return clusters;
}

/** Keys cited in the body that are not in `known`, in order of first use. */
export function unresolvedKeys(clusters: Cluster[], known: Set<string>): string[] {
  return [...new Set(clusters.flatMap((c) => c.cites.map((x) => x.id)))].filter((k) => !known.has(k));
}
