import { inflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { extractDocx } from './docx.js';
import { documentXml, makeDocx, makeDocxEntries, para } from './fixtures/make-docx.js';
import { deflatedZeros, zipRaw } from './fixtures/make-zip.js';

const DAMAGED = 'This .docx file is damaged or not a Word document.';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid');
    return (err as AppError).message;
  }
  throw new Error('expected a refusal');
}

const run = (...runs: string[]): string => `<w:p>${runs.join('')}</w:p>`;
const r = (inner: string): string => `<w:r>${inner}</w:r>`;
const t = (text: string): string => `<w:t xml:space="preserve">${text}</w:t>`;
const cell = (...paragraphs: string[]): string => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraphs.join('')}</w:tc>`;

describe('extractDocx', () => {
  it('extracts headings, paragraphs, a table and footnotes with markers and a Notes section', () => {
    const body = [
      para('Interview 7', 'Heading1'),
      run(r(t('First paragraph with ')), r('<w:rPr><w:b/></w:rPr>' + t('bold')), r(t(' text.')), r('<w:footnoteReference w:id="2"/>')),
      `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${r(t('Second') + '<w:tab/>' + t('tabbed') + '<w:br/>' + t('new line'))}</w:p>`,
      `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>` +
        `<w:tr>${cell(para('Who'))}${cell(para('Said'))}</w:tr>` +
        `<w:tr>${cell(para('R3'))}${cell(para('Yes.'), para('Sure.'))}</w:tr></w:tbl>`,
      '<w:p/>',
      run(r(t('After the table')), r('<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="3"/>')),
    ].join('');
    const footnotes =
      `<w:footnote w:id="2"><w:p>${r('<w:footnoteRef/>')}${r(t(' Said in Nairobi.'))}</w:p></w:footnote>` +
      `<w:footnote w:id="3"><w:p>${r('<w:footnoteRef/>')}${r(t(' Line one'))}</w:p>${para('Line two')}</w:footnote>`;
    const result = extractDocx(makeDocx({ body, footnotes, title: 'Interview 7 &amp; notes' }));
    expect(result.text).toBe(
      'Interview 7\n\n' +
        'First paragraph with bold text.[1]\n\n' +
        'Second\ttabbed\nnew line\n\n' +
        'Who\tSaid\nR3\tYes. Sure.\n\n' +
        'After the table[2]\n\n' +
        'Notes\n\n' +
        '[1] Said in Nairobi.\n\n' +
        '[2] Line one\nLine two',
    );
    expect(result.title).toBe('Interview 7 & notes');
    expect(result.warnings).toEqual([]);
  });

  it('keeps Cyrillic and accented text, in the body and the title', () => {
    const result = extractDocx(makeDocx({ body: para('Здравствуйте, как дела?') + para('Ça va, très bien — ñandú'), title: 'Интервью' }));
    expect(result.text).toBe('Здравствуйте, как дела?\n\nÇa va, très bien — ñandú');
    expect(result.title).toBe('Интервью');
  });

  it('numbers footnotes and endnotes together, in the order the body refers to them', () => {
    const body = run(r(t('A')), r('<w:endnoteReference w:id="1"/>'), r(t(' B')), r('<w:footnoteReference w:id="1"/>'), r(t(' C')));
    const result = extractDocx(
      makeDocx({
        body: body + run(r(t('again')), r('<w:endnoteReference w:id="1"/>')),
        footnotes: `<w:footnote w:id="1">${para('a footnote')}</w:footnote><w:footnote w:id="9">${para('never referred to')}</w:footnote>`,
        endnotes: `<w:endnote w:type="separator" w:id="-1">${para('----')}</w:endnote><w:endnote w:id="1">${para('an endnote')}</w:endnote>`,
      }),
    );
    expect(result.text).toBe('A[1] B[2] C\n\nagain[1]\n\nNotes\n\n[1] an endnote\n\n[2] a footnote\n\n[3] never referred to');
  });

  it('leaves out tracked deletions, field codes and the fallback copy of text boxes, and says so for tracked changes', () => {
    const body =
      run(
        r(t('Kept ')),
        `<w:del w:id="1" w:author="A"><w:r><w:delText>deleted </w:delText></w:r></w:del>`,
        `<w:ins w:id="2" w:author="A">${r(t('inserted'))}</w:ins>`,
      ) +
      run(
        r('<w:fldChar w:fldCharType="begin"/>'),
        r('<w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText>'),
        r('<w:fldChar w:fldCharType="separate"/>'),
        r(t('link text')),
        r('<w:fldChar w:fldCharType="end"/>'),
      ) +
      run(
        r(
          '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>' +
            para('In the box') +
            '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>' +
            para('In the box') +
            '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>',
        ),
        r(t('Around the box')),
      );
    const result = extractDocx(makeDocx({ body }));
    expect(result.text).toBe('Kept inserted\n\nlink text\n\nIn the box\n\nAround the box');
    expect(result.warnings).toEqual(['tracked changes: deleted text was left out, inserted text kept']);
  });

  it('follows the namespace prefix the file declares, not the usual "w:"', () => {
    const xml = documentXml(para('Hello')).replace(/w:/g, 'ns0:').replace('xmlns:w=', 'xmlns:ns0=');
    const result = extractDocx(zipSync({ ...makeDocxEntries({ body: '' }), 'word/document.xml': strToU8(xml) }));
    expect(result.text).toBe('Hello');
  });

  it('says a cut-off, random or non-Word file is damaged', () => {
    const good = makeDocx({ body: para('Some text that is long enough. '.repeat(50)) });
    expect(refusal(() => extractDocx(good.subarray(0, Math.floor(good.length / 2))))).toBe(DAMAGED);
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(refusal(() => extractDocx(random))).toBe(DAMAGED);
    expect(refusal(() => extractDocx(new Uint8Array(0)))).toBe(DAMAGED);
    expect(refusal(() => extractDocx(zipSync({ 'hello.txt': strToU8('hi') })))).toBe(DAMAGED);
    // A document.xml cut inside the XML, in an otherwise sound zip.
    const cut = documentXml(para('x')).slice(0, -30);
    expect(refusal(() => extractDocx(zipSync({ ...makeDocxEntries({ body: '' }), 'word/document.xml': strToU8(cut) })))).toBe(DAMAGED);
  });

  it('notices a flipped byte through the CRC', () => {
    const entries = makeDocxEntries({ body: para('Checksummed text') });
    const zip = zipSync(entries, { level: 0 }); // stored, so the text sits in the zip as is
    expect(extractDocx(zip).text).toBe('Checksummed text');
    const at = Buffer.from(zip).indexOf('Checksummed');
    zip[at] = 'c'.charCodeAt(0);
    expect(refusal(() => extractDocx(zip))).toBe(DAMAGED);
  });

  it('recognises password-protected .docx and old .doc files by their OLE signature', () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refusal(() => extractDocx(ole))).toMatch(/^This is an old-format Word \(\.doc\) file/);
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    expect(refusal(() => extractDocx(ole))).toBe('This .docx file is password-protected. Remove the password in Word and import it again.');
    const zipEncrypted = zipRaw([{ name: 'word/document.xml', data: new Uint8Array(12), method: 0, size: 12, flags: 1 }]);
    expect(refusal(() => extractDocx(zipEncrypted))).toMatch(/password-protected/);
  });

  it('refuses XML with a DOCTYPE or entity declarations (billion laughs, XXE)', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n' +
      documentXml(para('&lol2;')).replace(/^<\?xml[^>]*>\n/, '');
    expect(refusal(() => extractDocx(zipSync({ ...makeDocxEntries({ body: '' }), 'word/document.xml': strToU8(laughs) })))).toBe(DAMAGED);
    const xxe = documentXml(para('x')).replace('?>', '?><!ENTITY xxe SYSTEM "file:///etc/passwd">');
    expect(refusal(() => extractDocx(zipSync({ ...makeDocxEntries({ body: '' }), 'word/document.xml': strToU8(xxe) })))).toBe(DAMAGED);
    // In the title part too: it is parsed by the same scanner.
    const core = '<!DOCTYPE x [<!ENTITY a "b">]><cp:coreProperties><dc:title>&a;</dc:title></cp:coreProperties>';
    expect(refusal(() => extractDocx(makeDocx({ body: para('x'), extra: { 'docProps/core.xml': core } })))).toBe(DAMAGED);
  });

  it('never reads entries with "..", absolute paths or backslashes', () => {
    const doc = strToU8(documentXml(para('escaped')));
    for (const name of ['../word/document.xml', '/word/document.xml', 'word\\document.xml', 'word/../word/document.xml']) {
      expect(refusal(() => extractDocx(zipSync({ [name]: doc })))).toBe(DAMAGED);
    }
  });

  it('refuses zip bombs before or while inflating, quickly', () => {
    const payload = deflatedZeros(300 * 1024 * 1024); // ~2 MB on disk, 300 MB unpacked
    expect(inflateSync(deflatedZeros(100_000)).every((b) => b === 0)).toBe(true); // the generator is sound
    expect(inflateSync(deflatedZeros(100_000)).length).toBe(100_000);

    // Honest about its size: refused from the directory, nothing inflated.
    const start = performance.now();
    const honest = zipRaw([{ name: 'word/document.xml', data: payload, method: 8, size: 300 * 1024 * 1024 }]);
    expect(refusal(() => extractDocx(honest))).toMatch(/more than 200 MB/);
    // Several parts, each under the limit, adding up to more than it.
    const spread = zipRaw(
      ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'].map((name) => ({
        name,
        data: payload,
        method: 8 as const,
        size: 90 * 1024 * 1024,
      })),
    );
    expect(refusal(() => extractDocx(spread))).toMatch(/more than 200 MB/);
    // Lying about its size: stopped as soon as the output passes the declared 10 kB.
    const forged = zipRaw([{ name: 'word/document.xml', data: payload, method: 8, size: 10_000 }]);
    expect(refusal(() => extractDocx(forged))).toBe(DAMAGED);
    const ms = performance.now() - start;
    console.log(`docx zip bombs refused in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000); // generous: only a decoded bomb would take longer

    const many = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`junk/${i}.xml`, new Uint8Array(0)]));
    expect(refusal(() => extractDocx(zipSync({ ...makeDocxEntries({ body: para('x') }), ...many })))).toMatch(/more than 10,000 parts/);
  });

  it('extracts a 500,000-word document in a few seconds', () => {
    const words = 'the interview was long and the answers were careful but open about the rains déjà vu Привет'.split(' ');
    // Words in pseudo-random order, so the zip compresses like real prose rather than a repeated phrase.
    let seed = 42;
    const nextWord = (): string => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length] as string;
    const paragraphs: string[] = [];
    let n = 0;
    for (let p = 0; n < 500_000; p++) {
      const runs: string[] = [];
      for (let k = 0; k < 10; k++, n += 10) {
        const text = Array.from({ length: 10 }, nextWord).join(' ');
        // Word-like markup: revision ids and run properties on every run.
        runs.push(
          `<w:r w:rsidRPr="00A1B2C3"><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="24"/><w:lang w:val="en-GB"/></w:rPr>${t(text + ' ')}</w:r>`,
        );
      }
      paragraphs.push(`<w:p w:rsidR="00B2C3D4" w:rsidRDefault="00B2C3D4"><w:pPr><w:spacing w:after="120"/></w:pPr>${runs.join('')}</w:p>`);
    }
    const docx = makeDocx({ body: paragraphs.join('') });
    const start = performance.now();
    const { text } = extractDocx(docx);
    const ms = performance.now() - start;
    const xmlMb = documentXml(paragraphs.join('')).length / 1e6;
    console.log(`docx 500,000 words (${(docx.length / 1e6).toFixed(1)} MB zipped, ${xmlMb.toFixed(0)} MB XML): ${ms.toFixed(0)} ms`);
    expect(text.split(/\s+/).length).toBe(500_000);
    expect(ms).toBeLessThan(30_000); // the target is a few seconds; this only catches a blow-up
  });
});
