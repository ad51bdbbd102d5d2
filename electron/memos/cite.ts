// Citations formatted by citeproc-js with the CSL styles in resources/csl/, offline. Notes
// are processed in order, so a style's "ibid." and short subsequent notes come out right.
import CSL from 'citeproc';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { resourcesDir } from '../core/paths.js';
import type { CslItem } from '../references/formats/csl.js';

export const STYLES = { chicago: 'chicago-fullnote-bibliography.csl', apa: 'apa.csl' } as const;
export type StyleName = keyof typeof STYLES;

export interface Cite {
  id: string;
  locator?: string;
  label?: string; // 'page' (default), 'section', 'chapter', …
  prefix?: string;
  suffix?: string;
  suppressAuthor?: boolean;
}

export interface Formatted {
  /** One entry per cluster, in order: the note text (note styles) or the in-text citation. */
  citations: string[];
  bibliography: string[];
  /** Whether the style puts citations in notes (Chicago) or in the text (APA). */
  noteStyle: boolean;
}

/**
 * Citations (each source cited, counted within clusters) one memo may hold. citeproc-js formats
 * a document's citations in time that grows faster than their number: each new cluster is
 * checked against every earlier one, and earlier clusters citing the same sources are formatted
 * again. On a busy two-core laptop 300 citations of a few sources in clusters of ten take up to
 * 3.5 s per style, 500 up to 9 s, 4,000 up to 26 s. 300 is half as much again as a long memo's
 * (the bench's has 200); a longer text is split into memos.
 */
export const MAX_CITES = 300;

/**
 * citeproc-js changes case through toLocaleLowerCase/toLocaleUpperCase with its list of
 * languages, on every word of every citation; resolving the locales each time was a third of a
 * 200-citation memo's export (1.0 s -> 0.69 s warm at L, with the same output byte for byte).
 * Only Lithuanian, Turkish and Azeri have case mappings of their own (Unicode SpecialCasing, as
 * ECMA-402 applies them), so for every other language the plain mapping gives the same string.
 */
const OWN_CASING = /^(lt|tr|az)(-|$)/i;
const plainCasing = (langs: unknown): boolean => Array.isArray(langs) && langs.every((l) => typeof l === 'string' && !OWN_CASING.test(l));
const localeLower = CSL.toLocaleLowerCase;
const localeUpper = CSL.toLocaleUpperCase;
CSL.toLocaleLowerCase = function (s) {
  return plainCasing(this.tmp?.lang_array) ? s.toLowerCase() : localeLower.call(this, s);
};
CSL.toLocaleUpperCase = function (s) {
  return plainCasing(this.tmp?.lang_array) ? s.toUpperCase() : localeUpper.call(this, s);
};

const cache = new Map<string, string>();
function resource(name: string): string {
  let s = cache.get(name);
  if (s === undefined) {
    s = readFileSync(join(resourcesDir(), 'csl', name), 'utf8');
    cache.set(name, s);
  }
  return s;
}

/**
 * Engines kept between calls, by style, output format and the items themselves (their JSON):
 * registering the items (sort keys, name forms for disambiguation) is about a quarter of a
 * 200-citation memo's formatting, and an author exports the same memo again and again as its
 * prose changes. A reference edited in between, or another set of items, makes another key.
 * rebuildProcessorState formats every citation from scratch on a kept engine, as on a new one
 * (cite.test.ts compares the two). The last few are kept.
 */
type Engine = InstanceType<typeof CSL.Engine>;
const engines = new Map<string, Engine>();
const KEEP_ENGINES = 4;

function engineFor(items: CslItem[], byId: Map<string, CslItem>, style: StyleName, format: 'text' | 'html'): Engine {
  const key = `${style}\0${format}\0${createHash('sha256').update(JSON.stringify(items)).digest('hex')}`;
  let engine = engines.get(key);
  if (engine) {
    engines.delete(key); // most recently used last
  } else {
    const sys = {
      retrieveLocale: () => resource('locales-en-US.xml'),
      retrieveItem: (id: string) => byId.get(id),
    };
    engine = new CSL.Engine(sys, resource(STYLES[style]), 'en-US', true);
    engine.setOutputFormat(format);
    engine.updateItems([...byId.keys()]);
  }
  engines.set(key, engine);
  for (const old of engines.keys()) if (engines.size > KEEP_ENGINES) engines.delete(old);
  return engine;
}

/** Tests only: the next call builds its engine anew. */
export function forgetEngines(): void {
  engines.clear();
}

export function formatCitations(
  items: CslItem[],
  clusters: Cite[][],
  style: StyleName = 'chicago',
  format: 'text' | 'html' = 'text',
): Formatted {
  const cites = clusters.reduce((n, c) => n + c.length, 0);
  if (cites > MAX_CITES)
    throw new AppError(
      'invalid',
      `This memo cites sources ${cites.toLocaleString('en-US')} times; Field Coder formats at most ${MAX_CITES} citations in one memo (more would take too long). Split it into two memos.`,
    );
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const cluster of clusters) {
    for (const c of cluster) if (!byId.has(c.id)) throw new AppError('not_found', `No reference with the key "${c.id}".`);
  }
  const engine = engineFor(items, byId, style, format);
  const noteStyle = engine.cslXml.dataObj?.attrs?.class === 'note' || /class="note"/.test(resource(STYLES[style]).slice(0, 2000));

  // One batch: processing clusters one by one re-checks every earlier cluster each time (n²).
  const batch = clusters.map((cluster, i) => ({
    citationID: `c${i}`,
    citationItems: cluster.map((c) => ({
      id: c.id,
      ...(c.locator ? { locator: c.locator, label: c.label ?? 'page' } : {}),
      ...(c.prefix ? { prefix: c.prefix } : {}),
      ...(c.suffix ? { suffix: c.suffix } : {}),
      ...(c.suppressAuthor ? { 'suppress-author': true } : {}),
    })),
    properties: { noteIndex: noteStyle ? i + 1 : 0 },
  }));
  const out = engine.rebuildProcessorState(batch, format, []) as [string, number, string][];
  const citations = out.map(([, , text]) => text);
  const bib = engine.makeBibliography() as [unknown, string[]] | false;
  return { citations, bibliography: bib ? bib[1].map((s) => s.trim()) : [], noteStyle };
}
