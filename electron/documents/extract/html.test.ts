import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from './html-entities.js';
import { extractHtml } from './html.js';

describe('extractHtml', () => {
  it('turns blocks into lines and paragraphs, drops head, script and style, takes <title>', () => {
    const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>  Interview   with R3 </title>
<style>p { color: red } </p></style><script>document.write("<p>nope</p>")</script></head>
<body>
  <h1>Field notes</h1>
  <p>First   paragraph,
     wrapped in the source.</p>
  <div>A div<br>with a break</div>
  <ul><li>one</li><li>two</li></ul>
  <blockquote><p>Quoted</p></blockquote>
  <table><tr><th>Who</th><th>Said</th></tr><tr><td>R3</td><td><p>Yes.</p><p>Sure.</p></td></tr></table>
  <pre>  keep   this
    spacing</pre>
  <noscript>Enable JS</noscript><template><p>hidden template</p></template>
  <section><article>Nested <b>bold</b> <i>words</i></article></section>
</body></html>`;
    const { text, title } = extractHtml(html);
    expect(title).toBe('Interview with R3');
    expect(text).toBe(
      [
        'Field notes',
        'First paragraph, wrapped in the source.',
        'A div\nwith a break',
        'one\ntwo',
        'Quoted',
        'Who\tSaid\nR3\tYes. Sure.',
        '  keep   this\n    spacing',
        'Nested bold words',
      ].join('\n\n'),
    );
  });

  it('decodes named and numeric entities', () => {
    const { text } = extractHtml(
      '<p>Caf&eacute; &amp; cr&#232;me &#x41D;&#1072; &mdash; &hellip; &lt;tag&gt; &nbsp;x &#150; &bogus; &amp</p>',
    );
    expect(text).toBe('Café & crème На — … <tag> x – &bogus; &');
    expect(decodeHtmlEntities('&#0; &#x110000; &#xD800; &#99999999999999999999;')).toBe('\ufffd \ufffd \ufffd \ufffd');
  });

  it('keeps Cyrillic and accented text as written', () => {
    expect(extractHtml('<p>Привет, мир</p><p>São Tomé e Príncipe</p>').text).toBe('Привет, мир\n\nSão Tomé e Príncipe');
  });

  it('falls back to the first h1 for the title, and has none without either', () => {
    expect(extractHtml('<h1>Main <em>topic</em></h1><h1>Second</h1>').title).toBe('Main topic');
    expect(extractHtml('<p>x</p>').title).toBeUndefined();
  });

  it('treats comments, doctype and processing instructions as nothing, and a lone "<" as text', () => {
    expect(extractHtml('a<!-- <p>hidden</p> -->b<?php echo 1 ?>c<!-->d 1 < 2 <3 </ >e').text).toBe('abcd 1 < 2 <3 e');
  });

  it('ignores attributes, even with ">" inside quotes', () => {
    expect(extractHtml('<p title="a > b" data-x=\'<p>\'>text</p>').text).toBe('text');
  });

  it('drops a tag left open at the end, as a browser does', () => {
    expect(extractHtml('<p>kept</p><div class="never closed').text).toBe('kept');
  });

  it('stays linear on hostile input', () => {
    const cases = {
      nestedDivs: '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000),
      unclosedTags: '<a '.repeat(300_000),
      ltFlood: '<'.repeat(5 * 1024 * 1024),
      unclosedQuotes: '<p x="'.repeat(200_000),
      scriptEnds: '<script>' + '</scrip'.repeat(300_000),
      entityFlood: '&'.repeat(2_000_000) + '&#'.repeat(1_000_000) + '&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'.repeat(50_000),
      spaces: '<pre>' + ' \t'.repeat(2_000_000) + 'x</pre>',
      preEndingInSpaces: '<pre>a  </pre><p>'.repeat(200_000),
      tables: '<table><tr><td>x'.repeat(300_000),
      paragraphs: '<p>a'.repeat(1_000_000),
    };
    for (const [name, html] of Object.entries(cases)) {
      const start = performance.now();
      const { text } = extractHtml(html);
      const ms = performance.now() - start;
      console.log(`html hostile ${name}: ${(html.length / 1e6).toFixed(1)} M chars in ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(5000);
      if (name === 'nestedDivs') expect(text).toBe('deep');
      if (name === 'ltFlood') expect(text.length).toBe(5 * 1024 * 1024);
    }
  });
});
