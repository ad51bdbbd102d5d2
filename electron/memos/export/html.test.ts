import { chromium as playwright, type Browser } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHtml } from '../../documents/extract/html.js';
import { tokenizeHtml, type HtmlToken } from '../../documents/extract/html-tokenizer.js';
import { tempDir } from '../../test-support/tmp.js';
import { HOSTILE, sampleMemo } from '../render/sample.test-data.js';
import { memoBodyHtml, memoToHtml } from './html.js';
import { findChromium } from './pdf.js';

const LINK = 'https://example.org/a?b=1&c=2';

describe('memoToHtml, read back as text', () => {
  it.each([true, false])('has only expected elements and keeps hostile text as text (notes: %s)', (noteStyle) => {
    const html = memoToHtml(sampleMemo(noteStyle));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:`);
    const tokens: HtmlToken[] = [];
    tokenizeHtml(html, (t) => tokens.push(t));
    const raw = tokens.filter((t) => t.kind === 'raw').map((t) => t.name);
    expect(raw).toEqual(['title', 'style']);
    const names = new Set(tokens.filter((t) => t.kind === 'start').map((t) => t.name));
    for (const name of names) {
      expect(
        'html head meta title style body article h1 h2 h3 p em strong code a br sup span table caption thead tbody tr th td blockquote ul ol li pre hr section'.split(
          ' ',
        ),
      ).toContain(name);
    }
    const text = extractHtml(html);
    expect(text.title).toBe('Tajikistan: captured state capacity');
    expect(text.text.split(HOSTILE).length - 1).toBe(3);
    expect(text.text).toContain('[@nokey]');
    expect(text.text).toContain('<b>not bold</b>');
  });

  it('memoBodyHtml is the article alone', () => {
    const body = memoBodyHtml(sampleMemo(true));
    expect(body.startsWith('<article>')).toBe(true);
    expect(body.endsWith('</article>')).toBe(true);
    expect(body).not.toContain('<html');
  });

  it('drops a link the model should never have let through', () => {
    const memo = sampleMemo(false);
    memo.blocks = [{ type: 'paragraph', content: [{ text: 'click', href: 'javascript:alert(1)' }] }];
    expect(memoBodyHtml(memo)).toContain('<p>click</p>');
  });
});

const executablePath = findChromium();
const noChromium = !executablePath && !process.env.CI;
if (noChromium) console.log('html.test.ts: skipping the Chromium checks: no Chromium found (set FIELD_CODER_CHROMIUM)');

interface Page {
  requests: string[];
  title: string;
  scripts: number;
  badAttributes: string[];
  urls: string[];
  externalRels: string[];
  brokenAnchors: string[];
  h1: string[];
  headings: string[];
  hostile: number;
  paragraphText: string;
  fnrefs: { text: string; href: string; id: string }[];
  notes: { id: string; text: string; back: string | null }[];
  caption: string;
  headerCells: string[];
  bodyRows: string[][];
  bibliography: string[];
  unresolved: string[];
  cites: string[];
}

describe.skipIf(noChromium)('memoToHtml in Chromium', () => {
  let browser: Browser;
  const dir = tempDir('fc-html-');
  beforeAll(async () => {
    expect(executablePath, 'CI needs Chromium for the HTML export tests').toBeTruthy();
    browser = await playwright.launch({ executablePath: executablePath ?? undefined, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function load(noteStyle: boolean): Promise<Page> {
    const file = join(dir, `memo-${noteStyle}.html`);
    writeFileSync(file, memoToHtml(sampleMemo(noteStyle)));
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    // Anything that got past the CSP would be seen (and stopped) here.
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: 'load' });
    const result = await page.evaluate((hostile) => {
      const all = [...document.querySelectorAll('*')];
      const text = (e: Element | null): string => (e?.textContent ?? '').trim();
      const count = (hay: string, needle: string): number => hay.split(needle).length - 1;
      return {
        title: document.title,
        scripts: document.querySelectorAll('script, iframe, object, embed, link, img, form').length,
        badAttributes: all.flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on') || n === 'style' || n === 'srcdoc')),
        urls: all.flatMap((e) => ['href', 'src', 'action', 'srcset'].map((n) => e.getAttribute(n)).filter((v): v is string => v !== null)),
        externalRels: [...document.querySelectorAll('a[href]:not([href^="#"])')].map((a) => a.getAttribute('rel') ?? ''),
        brokenAnchors: [...document.querySelectorAll('a[href^="#"]')]
          .map((a) => a.getAttribute('href') ?? '')
          .filter((h) => !document.getElementById(h.slice(1))),
        h1: [...document.querySelectorAll('h1')].map((h) => `${h.className}:${text(h)}`),
        headings: [...document.querySelectorAll('article > h2, article > h3')].map((h) => `${h.tagName}:${text(h)}`),
        hostile: count(document.body.textContent ?? '', hostile),
        paragraphText: text(document.querySelector('article > p')),
        fnrefs: [...document.querySelectorAll('sup.fnref a')].map((a) => ({ text: text(a), href: a.getAttribute('href') ?? '', id: a.id })),
        notes: [...document.querySelectorAll('section.footnotes ol > li')].map((li) => ({
          id: li.id,
          text: text(li.querySelector('p')),
          back: li.querySelector('a.fnback')?.getAttribute('href') ?? null,
        })),
        caption: text(document.querySelector('table > caption')),
        headerCells: [...document.querySelectorAll('table > thead th')].map(text),
        bodyRows: [...document.querySelectorAll('table > tbody > tr')].map((tr) => [...tr.children].map(text)),
        bibliography: [...document.querySelectorAll('section.bibliography > h2, section.bibliography > p')].map(text),
        unresolved: [...document.querySelectorAll('.unresolved')].map(text),
        cites: [...document.querySelectorAll('span.cite')].map(text),
      };
    }, HOSTILE);
    await page.close();
    return { ...result, requests };
  }

  it.each([true, false])('is inert, self-contained and makes no requests (notes: %s)', async (noteStyle) => {
    const p = await load(noteStyle);
    expect(p.requests).toEqual([expect.stringMatching(/^file:\/\/.*\/memo-(true|false)\.html$/)]);
    expect(p.scripts).toBe(0);
    expect(p.badAttributes).toEqual([]);
    for (const url of p.urls) expect(url.startsWith('#') || url.startsWith('data:') || url === LINK, url).toBe(true);
    expect(p.urls).toContain(LINK);
    expect(p.externalRels).toEqual(['noopener noreferrer']);
    expect(p.brokenAnchors).toEqual([]);
    expect(p.title).toBe('Tajikistan: captured state capacity');
    expect(p.h1).toEqual(['title:Tajikistan: captured state capacity']);
    // Hostile text in the paragraph, the list item and the fourth citation.
    expect(p.hostile).toBe(3);
    expect(p.paragraphText.endsWith(HOSTILE)).toBe(true);
    expect(p.caption).toBe('Table 1. Outcomes of State Capacities');
    expect(p.headerCells).toEqual(['', 'High willingness', 'Low willingness']);
    expect(p.bodyRows.map((r) => r.length)).toEqual([3, 3]);
    expect(p.bodyRows[0]).toEqual(['High capability', 'Hegemonic', 'Captured']);
    expect(p.unresolved).toEqual(['[@nokey]']);
  });

  it('puts note-style citations in numbered footnotes, in order, with links both ways', async () => {
    const p = await load(true);
    expect(p.headings).toEqual(['H2:Conceptual framework', 'H3:Evidence']);
    expect(p.fnrefs).toEqual([1, 2, 3, 4].map((n) => ({ text: String(n), href: `#fn-${n}`, id: `fnref-${n}` })));
    expect(p.notes.map((n) => n.id)).toEqual(['fn-1', 'fn-2', 'fn-3', 'fn-4']);
    expect(p.notes.map((n) => n.back)).toEqual(['#fnref-1', '#fnref-2', '#fnref-3', '#fnref-4']);
    const texts = p.notes.map((n) => n.text.replace(/\s*↩\uFE0E?$/, ''));
    expect(texts).toEqual([
      'Lawrence P. Markowitz, State Erosion (Ithaca: Cornell University Press, 2013), 24.',
      'Stephen Watts et al., Countering Others’ Insurgencies (Santa Monica: RAND, 2015).',
      'Interview with a law-enforcement official, Dushanbe, 2016.',
      `See Markowitz, State Erosion, 30; ${HOSTILE}.`,
    ]);
    expect(p.bodyRows[1]?.[2]).toBe('Failed2');
    expect(p.cites).toEqual([]);
    expect(p.bibliography).toEqual([
      'Bibliography',
      'Markowitz, Lawrence P. State Erosion. Ithaca: Cornell University Press, 2013.',
      'Watts, Stephen, et al. Countering Others’ Insurgencies. Santa Monica: RAND, 2015.',
    ]);
  });

  it('puts author-date citations in the text, with References', async () => {
    const p = await load(false);
    expect(p.fnrefs).toEqual([]);
    expect(p.notes).toEqual([]);
    expect(p.cites).toHaveLength(4);
    expect(p.cites[0]).toBe('Lawrence P. Markowitz, State Erosion (Ithaca: Cornell University Press, 2013), 24.');
    expect(p.paragraphText).toContain('four outcomesLawrence P. Markowitz');
    expect(p.bibliography[0]).toBe('References');
    expect(p.bibliography).toHaveLength(3);
  });
});
