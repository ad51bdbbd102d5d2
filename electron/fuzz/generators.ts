// fast-check generators of hostile and broken input, one per target: real samples (the seed
// texts, the extractor fixtures, the reference fixtures, a template and a memo from a project)
// rebuilt with broken structure, then mutated byte by byte. Every generator yields the bytes the
// target reads (text targets: UTF-16LE code units, see targets.ts textOf).
import fc from 'fast-check';
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { csvLine, parseCsv } from '../coding/csv.js';
import { makeDocx } from '../documents/extract/fixtures/make-docx.js';
import { makePdf } from '../documents/extract/fixtures/make-pdf.js';
import { deflatedZeros, zipRaw } from '../documents/extract/fixtures/make-zip.js';
import {
  applyText,
  concat,
  deep,
  fragment,
  hostileJsonValue,
  mutatedBytes,
  mutatedText,
  replaceJsonNode,
  stringifyDeep,
  textMutation,
  utf16le,
} from './mutate.js';
import { craftedProject } from './sqlite-craft.js';
import type { Samples } from './samples.js';
import type { TargetName } from './target-names.js';

// Uniform over [0, 1): fc.double spreads over float bit patterns (nearly all tiny), and fc.integer is
// biased to its ends unless told not to.
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const enc = new TextEncoder();
const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

const TEXT_TOKENS = ['\r\n', '\r', '\u0000', '\uFEFF', '\u2028', 'Ж', 'é', '\t', '\f'];
const HTML_TOKENS = [
  '<',
  '</',
  '<p>',
  '</p>',
  '<div>',
  '<br>',
  '<script>',
  '</script>',
  '<style>',
  '<!--',
  '-->',
  '<![CDATA[',
  '<title>',
  '</title>',
  '<table><tr><td>',
  '</td><td>',
  '<td>',
  '</table>',
  '<pre>',
  '<textarea>',
  '<plaintext>',
  '<template>',
  '&#x110000;',
  '&#0;',
  '&#xD800;',
  '&#99999999999999999999;',
  '&amp',
  '&nbsp;',
  `&${'a'.repeat(40)};`,
  '<a href="',
  '"',
  "'",
  '=',
  '<meta charset="windows-1251">',
  '<?xml version="1.0"?>',
  '<!DOCTYPE html>',
];
const XML_TOKENS = [
  '<w:p>',
  '</w:p>',
  '<w:r>',
  '<w:t>',
  '</w:t>',
  '<w:t xml:space="preserve">',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
  '&a;',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&lt',
  ']]>',
  '<![CDATA[',
  '<w:footnoteReference w:id="1"/>',
  '<w:endnoteReference w:id="99999999999"/>',
  '<w:del><w:r><w:delText>x</w:delText></w:r></w:del>',
  '<w:ins>',
  '<w:tab/>',
  '<w:br/>',
  '<w:tbl><w:tr><w:tc>',
  '</w:tc></w:tr></w:tbl>',
  '<w:t attr="',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<!-- ',
  '<',
  '>',
  '/>',
];
const PDF_TOKENS = [
  'xref',
  'trailer',
  'startxref',
  ' obj',
  'endobj',
  'stream\n',
  '\nendstream',
  '<<',
  '>>',
  '[',
  ']',
  '/Length 999999999',
  '/Filter /FlateDecode',
  '/Count 999999999',
  '/Kids [2 0 R]',
  '/Parent 2 0 R',
  '%%EOF',
  '(',
  ')',
  '\\',
  '/Type /Page',
  '9999999999 0 R',
  '1 0 R',
  'BT',
  'ET',
  'Tj',
  '/Encrypt 3 0 R',
  '/ObjStm',
];
const BIB_TOKENS = [
  '{',
  '}',
  '"',
  '@string{a = a # a}',
  '@string{',
  ' # ',
  '@comment{',
  '@preamble{',
  '{\\"{o}}',
  '\\',
  '@',
  ',',
  '=',
  'crossref = {markowitz2013},',
  'author = {',
  ' and ',
  '{\\',
  '$',
  '\\url{',
  '%',
  '@book{',
  '@misc(',
  ')',
  'month = feb,',
  'year = 99999999999999999999,',
];
const RIS_TOKENS = [
  'TY  - ',
  'ER  - ',
  'AU  - ',
  'PY  - ',
  'DA  - ',
  'TI  - ',
  'SP  - ',
  'EP  - ',
  '\n',
  '\r',
  'TY  - JOUR\n',
  'A1  - ,,,,',
  'PY  - 99999/99/99',
];
const JSON_TOKENS = [
  '[',
  ']',
  '{',
  '}',
  '"',
  ':',
  ',',
  'null',
  '1e400',
  '-0',
  '"\\ud800"',
  '"__proto__"',
  '"date-parts"',
  '"author"',
  '\\',
];
const CSV_TOKENS = ['"', ',', '\n', '\r', '""', '\r\n', '\uFEFF', '"\n"', ',,,,,,,,'];
const MD_TOKENS = [
  '> ',
  '- ',
  '1. ',
  '```',
  '~~~',
  '*',
  '**',
  '_',
  '`',
  '[@',
  ']',
  '[',
  '](',
  '(',
  '{{',
  '}}',
  '{{matrix view=consensus}}',
  '{{excerpt id=',
  '{{evidence unit="',
  '{{outcomes caption="',
  '|',
  '|---|',
  '# ',
  '<',
  '\\',
  '---\n',
  '\n',
  '\n\n',
  '    ',
  'Table: ',
  '<http://x>',
  '[@nokey, p. 3]',
  '[see @a; @b]',
];
const QDE_TOKENS = [
  '<!DOCTYPE Project [<!ENTITY x "xxxxxxxxxx">]>',
  '&x;',
  '<Code name="',
  '" guid="',
  '</Code>',
  '<Codes>',
  'startPosition="-1"',
  'endPosition="99999999999"',
  'guid="not-a-guid"',
  '<TextSource name="t" guid="00000000-0000-0000-0000-000000000000" plainTextPath="internal://../../etc/passwd">',
  '<PlainTextSelection',
  '&#0;',
  '<![CDATA[',
  '<',
  '"',
  '/>',
];

const CYRILLIC = [
  'Интервью записано в Хороге. Пограничник сказал, что топлива не было несколько месяцев.',
  'Мы не знали, кому верить: милиция брала деньги, а таможня закрывала глаза.',
  'Ёлка, щука, съезд — обычные слова, которые встречаются в расшифровках.',
];

/** Windows-1251 for Cyrillic, Latin-1 for the rest: bytes as an old Russian Windows PC saves them. */
function win1251(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const c = ch.codePointAt(0)!;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x401) return 0xa8;
    if (c === 0x451) return 0xb8;
    return c < 0x100 ? c : 0x3f;
  });
}

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16le-bom' | 'utf16be' | 'utf16be-bom' | 'win1251' | 'latin1';

function encode(text: string, e: Encoding): Uint8Array {
  const le = new Uint8Array(Buffer.from(text, 'utf16le'));
  const be = Buffer.from(le).swap16();
  switch (e) {
    case 'utf8':
      return enc.encode(text);
    case 'utf8-bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), enc.encode(text));
    case 'utf16le':
      return le;
    case 'utf16le-bom':
      return concat(Uint8Array.of(0xff, 0xfe), le);
    case 'utf16be':
      return new Uint8Array(be);
    case 'utf16be-bom':
      return concat(Uint8Array.of(0xfe, 0xff), be);
    case 'win1251':
      return win1251(text);
    case 'latin1':
      return latin1(text);
  }
}

const encoding = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Encoding>('utf8') },
  { weight: 3, arbitrary: fc.constantFrom<Encoding>('utf8-bom', 'utf16le', 'utf16le-bom', 'utf16be', 'utf16be-bom', 'win1251', 'latin1') },
);

/** WTF-8: lone surrogates written as if they were code points, which no decoder should accept silently. */
function wtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(...enc.encode(text[i]!));
  }
  return Uint8Array.from(out);
}

const sentences = (s: Samples): string[] =>
  s.seeds
    .flatMap((t) => t.split(/(?<=[.!?])\s+/))
    .filter((x) => x.length > 20 && x.length < 400)
    .slice(0, 400)
    .concat(CYRILLIC);

/** A slice of a seed text, up to 40,000 characters: real prose at a size that keeps runs short. */
const seedSlice = (s: Samples) =>
  fc.tuple(fc.constantFrom(...s.seeds), fraction, fc.integer({ min: 1, max: 40_000 })).map(([t, at, n]) => {
    const start = Math.floor(at * t.length);
    return t.slice(start, start + n);
  });

function txt(s: Samples): fc.Arbitrary<Uint8Array> {
  const prose = fc.oneof(
    { weight: 4, arbitrary: seedSlice(s) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...CYRILLIC), { minLength: 1 }).map((a) => a.join('\n')) },
  );
  const encoded = fc.tuple(prose, encoding).map(([t, e]) => encode(t, e));
  return fc.oneof(
    { weight: 2, arbitrary: encoded },
    {
      weight: 1,
      arbitrary: fc
        .tuple(prose, fc.array(textMutation(['\uD800', '\uDC00', '\uDBFF\uDBFF'])), fc.boolean())
        .map(([t, ms, lone]) => (lone ? wtf8(applyText(t, ms)) : enc.encode(applyText(t, ms)))),
    },
    { weight: 5, arbitrary: mutatedBytes(encoded, TEXT_TOKENS) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
  );
}

function html(s: Samples): fc.Arbitrary<Uint8Array> {
  const block = fc.tuple(
    fc.constantFrom('p', 'h1', 'li', 'td', 'div', 'blockquote', 'pre', 'script', 'span'),
    fc.constantFrom(...sentences(s)),
  );
  const page = fc
    .tuple(
      fc.array(block, { maxLength: 25 }),
      fc.constantFrom(...sentences(s)),
      fc.integer({ min: 0, max: 60_000 }),
      fc.constantFrom('div', 'table', 'ul', 'b', 'td', 'li'),
    )
    .map(
      ([blocks, title, depth, tag]) =>
        `<!DOCTYPE html><html><head><title>${title}</title></head><body>${`<${tag}>`.repeat(depth)}` +
        blocks.map(([t, text]) => `<${t}>${text}</${t}>`).join('\n') +
        `${`</${tag}>`.repeat(depth > 100 ? 0 : depth)}</body></html>`,
    );
  const text = mutatedText(page, HTML_TOKENS);
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(text, encoding).map(([t, e]) => encode(t, e)) },
    {
      weight: 2,
      arbitrary: mutatedBytes(
        page.map((p) => enc.encode(p)),
        HTML_TOKENS,
      ),
    },
  );
}

/** Lies in a zip's headers: sizes, CRCs, offsets, counts, flags, methods, name lengths. */
const zipLie = fc.record({
  entry: fraction,
  field: fc.constantFrom(
    'lsize',
    'lcsize',
    'size',
    'csize',
    'crc',
    'offset',
    'namelen',
    'extralen',
    'flags',
    'method',
    'count',
    'cdoffset',
    'cdsize',
    'lnamelen',
  ),
  value: fc.oneof(fc.constantFrom(0, 1, 0xffff, 0xffffffff, 'plus1', 'minus1', 'times1000'), fc.integer({ min: 0, max: 0xffffffff })),
});
type ZipLie = typeof zipLie extends fc.Arbitrary<infer T> ? T : never;

function lieInZip(zip: Uint8Array, lie: ZipLie): Uint8Array {
  const b = zip.slice();
  const v = new DataView(b.buffer);
  let e = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 65_557; i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      e = i;
      break;
    }
  }
  if (e < 0) return b;
  const count = v.getUint16(e + 10, true);
  // Central entries, walked as the reader walks them.
  const central: number[] = [];
  for (let p = v.getUint32(e + 16, true), i = 0; i < count && p + 46 <= b.length && v.getUint32(p, true) === 0x02014b50; i++) {
    central.push(p);
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  const c = central[Math.floor(lie.entry * central.length)];
  const local = c !== undefined ? v.getUint32(c + 42, true) : undefined;
  const fields: Record<string, [number | undefined, 2 | 4]> = {
    size: [c && c + 24, 4],
    csize: [c && c + 20, 4],
    crc: [c && c + 16, 4],
    offset: [c && c + 42, 4],
    namelen: [c && c + 28, 2],
    extralen: [c && c + 30, 2],
    flags: [c && c + 8, 2],
    method: [c && c + 10, 2],
    lsize: [local !== undefined && local + 30 <= b.length ? local + 22 : undefined, 4],
    lcsize: [local !== undefined && local + 30 <= b.length ? local + 18 : undefined, 4],
    lnamelen: [local !== undefined && local + 30 <= b.length ? local + 26 : undefined, 2],
    count: [e + 10, 2],
    cdoffset: [e + 16, 4],
    cdsize: [e + 12, 4],
  };
  const [at, width] = fields[lie.field]!;
  if (at === undefined) return b;
  const old = width === 2 ? v.getUint16(at, true) : v.getUint32(at, true);
  const max = width === 2 ? 0xffff : 0xffffffff;
  const value =
    lie.value === 'plus1' ? old + 1 : lie.value === 'minus1' ? old - 1 : lie.value === 'times1000' ? old * 1000 : (lie.value as number);
  const clamped = Math.max(0, Math.min(max, value));
  if (width === 2) v.setUint16(at, clamped, true);
  else v.setUint32(at, clamped, true);
  return b;
}

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function docx(s: Samples): fc.Arbitrary<Uint8Array> {
  const para = fc.constantFrom(...sentences(s)).map((t) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(t)}</w:t></w:r></w:p>`);
  const body = fc
    .array(
      fc.oneof(
        { weight: 5, arbitrary: para },
        { weight: 2, arbitrary: fragment(XML_TOKENS) },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 100, max: 50_000 })
            .map((n) => `${'<w:tbl><w:tr><w:tc>'.repeat(n)}x${'</w:tc></w:tr></w:tbl>'.repeat(n)}`),
        },
        { weight: 1, arbitrary: fc.integer({ min: 100, max: 200_000 }).map((n) => `${'<w:r>'.repeat(n)}<w:t>deep</w:t>`) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => `<w:p><w:r><w:footnoteReference w:id="${n}"/></w:r></w:p>`) },
      ),
      { maxLength: 20 },
    )
    .map((a) => a.join(''));
  const parts = fc.record(
    {
      body: fc.oneof(body, mutatedText(body, XML_TOKENS)),
      footnotes: fc.oneof(
        para.map((p) => `<w:footnote w:id="1">${p}</w:footnote>`),
        mutatedText(para, XML_TOKENS),
      ),
      endnotes: mutatedText(para, XML_TOKENS),
      title: fc.oneof(fc.constantFrom(...sentences(s)).map(escapeXml), fragment(XML_TOKENS)),
    },
    { requiredKeys: ['body'] },
  );
  const built = parts.map((p) => makeDocx(p));
  const lied = fc.tuple(built, fc.array(zipLie, { minLength: 1, maxLength: 3 })).map(([z, lies]) => lies.reduce(lieInZip, z));
  // A zip bomb whose entry says it is small, or says the truth and is huge.
  const bomb = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.boolean()).map(([mb, honest]) => {
    const size = mb * 1024 * 1024;
    return zipRaw([{ name: 'word/document.xml', data: deflatedZeros(size), method: 8, size: honest ? size : 1000 }]);
  });
  return fc.oneof(
    { weight: 3, arbitrary: built },
    { weight: 3, arbitrary: lied },
    { weight: 3, arbitrary: mutatedBytes(built, XML_TOKENS) },
    { weight: 1, arbitrary: bomb },
  );
}

const pdfString = (t: string) =>
  latin1(t).reduce((acc, c) => acc + (c === 0x28 || c === 0x29 || c === 0x5c ? `\\${String.fromCharCode(c)}` : String.fromCharCode(c)), '');

/** Edits of a PDF's own structure, as regular expressions on its Latin-1 text. */
const pdfEdit = fc.oneof(
  fc.constantFrom<[RegExp, string]>(
    [/\/Count \d+/, '/Count 999999999'],
    [/\/Count \d+/, '/Count -1'],
    [/\/Count \d+/, '/Count 0'],
    [/\/Kids \[[^\]]*\]/, '/Kids [2 0 R 2 0 R]'],
    [/\/Kids \[[^\]]*\]/, '/Kids [1 0 R]'],
    [/\/Parent 2 0 R/, '/Parent 4 0 R'],
    [/\/Root 1 0 R/, '/Root 99 0 R'],
    [/\/Root 1 0 R/, '/Root 2 0 R'],
    [/trailer[\s\S]*?>>/, 'trailer\n<< /Size 1 >>'],
    [/xref\n0 (\d+)/, 'xref\n0 999999'],
    [/xref\n/, 'xfer\n'],
    [/startxref\n\d+/, 'startxref\n0'],
    [/startxref\n\d+/, 'startxref\n99999999999'],
    [/\/Length \d+/, '/Length 999999999'],
    [/\/Length \d+/, '/Length -5'],
    [/\/Length \d+/, '/Length 3 0 R'],
    [/<< \/Length/, '<< /Filter /FlateDecode /Length'],
    [/<< \/Length/, '<< /Filter [/ASCIIHexDecode /LZWDecode /RunLengthDecode /CCITTFaxDecode] /Length'],
    [/\/Contents (\d+) 0 R/, '/Contents [$1 0 R $1 0 R $1 0 R $1 0 R $1 0 R $1 0 R $1 0 R $1 0 R]'],
    [/\/Resources << \/Font << \/F1 3 0 R >> >>/, '/Resources 2 0 R'],
    [/\/BaseFont \/Helvetica/, '/BaseFont /Helvetica /FirstChar 0 /LastChar 999999999 /Widths [1 2 3]'],
    [/\/Encoding \/WinAnsiEncoding/, '/Encoding << /Differences [0 /a 99999999 /b] >>'],
  ),
  fc.integer({ min: 100, max: 300_000 }).map((n): [RegExp, string] => [/stream\n/, `stream\n${'['.repeat(n)}`]),
  fc
    .integer({ min: 100, max: 100_000 })
    .map((n): [RegExp, string] => [/<< \/Type \/Catalog/, `<< /Deep ${'<< /A '.repeat(n)} /Type /Catalog`]),
  // Offsets in the cross-reference table shifted, as after an editor rewrote the file carelessly.
  fc
    .integer({ min: -500, max: 500 })
    .map((d): [RegExp, string] => [/(\d{10}) 00000 n/, `${String(Math.max(0, 500 + d)).padStart(10, '0')} 00000 n`]),
);

function pdf(s: Samples): fc.Arbitrary<Uint8Array> {
  const line = fc
    .tuple(fc.constantFrom(...sentences(s)), fc.integer({ min: -1000, max: 2000 }), fc.integer({ min: -1000, max: 2000 }))
    .map(([t, x, y]) => `BT /F1 12 Tf ${x} ${y} Td (${pdfString(t.slice(0, 200))}) Tj ET`);
  const hostileOp = fc.constantFrom(
    'BT /F9 12 Tf (no such font) Tj ET',
    'BT /F1 1e308 Tf 1e308 1e308 Td (huge) Tj ET',
    'BI /W 99999 /H 99999 /BPC 8 /CS /RGB ID xxxx EI',
    'q '.repeat(5000),
    '1 0 0 1 0 0 cm '.repeat(2000),
    'BT [(a) -99999999 (b)] TJ ET',
    '/X1 Do',
    'BT /F1 12 Tf <FEFF> Tj ET',
    'BT /F1 12 Tf (unclosed Tj ET',
  );
  const page = fc
    .array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: hostileOp }), { minLength: 1, maxLength: 12 })
    .map((a) => a.join('\n'));
  const built = fc
    .tuple(
      fc.array(page, { minLength: 1, maxLength: 4 }),
      fc.option(fc.constantFrom(...sentences(s))),
      fc.option(fc.constantFrom('', 'secret')),
    )
    .map(([pages, title, pw]) => makePdf(pages, { ...(title ? { title } : {}), ...(pw !== null ? { userPassword: pw } : {}) }));
  const edited = fc.tuple(built, fc.array(pdfEdit, { minLength: 1, maxLength: 3 })).map(([b, edits]) => {
    let t = Buffer.from(b).toString('latin1');
    for (const [re, to] of edits) t = t.replace(re, to);
    return latin1(t);
  });
  const real = s.realPdf ? [{ weight: 1, arbitrary: mutatedBytes(fc.constant(s.realPdf), PDF_TOKENS.slice(0, 12)) }] : [];
  return fc.oneof(
    { weight: 2, arbitrary: built },
    { weight: 4, arbitrary: edited },
    { weight: 4, arbitrary: mutatedBytes(fc.oneof(built, edited), PDF_TOKENS) },
    ...real,
  );
}

function bibtex(s: Samples): fc.Arbitrary<string> {
  const loop = fc
    .tuple(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3 }))
    .map(
      ([n, fan]) =>
        Array.from(
          { length: n },
          (_, i) => `@string{m${i} = ${Array.from({ length: fan }, (__, k) => `m${(i + k + 1) % n}`).join(' # ')} # "x"}`,
        ).join('\n') + `\n@misc{loop, title = m0, author = m1 # " and " # m0}`,
    );
  const nested = fc
    .integer({ min: 100, max: 200_000 })
    .map((n) => `@misc{deep, title = ${'{'.repeat(n)}x${'}'.repeat(Math.floor(n / 2))}}`);
  const unterminated = fc.constantFrom(
    '@book{x, title = "never closed',
    '@book{x, title = {never closed',
    '@book{',
    '@book(x, title = {a})',
    '@string{x = "a" # }',
  );
  const base = fc.oneof(fc.constantFrom(...s.bibtex), loop, nested, unterminated);
  return fc.oneof({ weight: 1, arbitrary: base }, { weight: 4, arbitrary: mutatedText(base, BIB_TOKENS) });
}

function ris(s: Samples): fc.Arbitrary<string> {
  const noEnd = s.ris.replace(/^ER {2}-.*$/gm, '');
  const records = fc
    .array(
      fc.tuple(
        fc.constantFrom('TY', 'AU', 'A1', 'TI', 'T1', 'PY', 'DA', 'Y1', 'SP', 'EP', 'JO', 'VL', 'ER', 'KW', 'DO', 'UR', 'N1', 'ZZ', 'A'),
        fragment(RIS_TOKENS),
      ),
      { maxLength: 60 },
    )
    .map((lines) => lines.map(([tag, v]) => `${tag}  - ${v}`).join('\n'));
  const base = fc.oneof(fc.constantFrom(s.ris, noEnd), records);
  return fc.oneof({ weight: 1, arbitrary: base }, { weight: 4, arbitrary: mutatedText(base, RIS_TOKENS) });
}

function json(text: string, tokens: readonly string[]): fc.Arbitrary<string> {
  const tree = fc
    .tuple(fc.array(fc.tuple(fraction, hostileJsonValue), { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([edits, pretty]) => {
      let root: unknown = JSON.parse(text);
      for (const [at, make] of edits) {
        // On a copy, so an edit inside a node that appears many times does not multiply; and
        // copies of copies grow fast, so an edit that makes more than a few MB is dropped.
        try {
          const next = replaceJsonNode(structuredClone(root), at, make);
          if ((JSON.stringify(next)?.length ?? 0) > 1_500_000) break;
          root = next;
        } catch {
          break;
        }
      }
      return stringifyDeep(root, pretty ? 2 : undefined);
    });
  return fc.oneof({ weight: 3, arbitrary: tree }, { weight: 2, arbitrary: mutatedText(fc.oneof(fc.constant(text), tree), tokens) });
}

function csv(s: Samples): fc.Arbitrary<string> {
  const rows = parseCsv(s.csv).map((r) => r.fields);
  const cellEdit = fc.record({
    row: fraction,
    col: fraction,
    value: fc.oneof(
      fragment(CSV_TOKENS),
      fc.constantFrom('Nowhere Province', 'unit', 'capability', 'high', '', ' ', '\u0000', 'HIGH', 'Sughd  Province', 'ⅠⅡ', '1e308'),
    ),
  });
  const rebuilt = fc
    .tuple(
      fc.array(cellEdit, { maxLength: 6 }),
      fc.integer({ min: 0, max: 8000 }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.integer({ min: 0, max: 5000 }),
    )
    .map(([edits, copies, extraCols, eol, wide]) => {
      const t = rows.map((r) => [...r]);
      for (const e of edits) {
        const r = t[Math.floor(e.row * t.length)]!;
        r[Math.floor(e.col * r.length)] = e.value;
      }
      for (let i = 0; i < extraCols; i++) for (const r of t) r.push(i === 0 ? 'unit' : 'x');
      if (wide) t[1] = [...t[1]!, ...Array.from({ length: wide }, () => 'w')];
      const lines = t.map(csvLine);
      // Copies of rows, up to a few MB: a huge cell copied thousands of times is only a bigger file.
      for (let i = 0, size = lines.join(eol).length; i < copies && size < 3_000_000; i++) {
        const line = lines[1 + (i % (t.length - 1))]!;
        lines.push(line);
        size += line.length + eol.length;
      }
      return lines.join(eol);
    });
  return fc.oneof(
    { weight: 2, arbitrary: rebuilt },
    { weight: 3, arbitrary: mutatedText(fc.oneof(fc.constant(s.csv), rebuilt), CSV_TOKENS) },
  );
}

function template(s: Samples): fc.Arbitrary<string> {
  const t = JSON.parse(s.template) as { units: { key: string; parent?: string }[]; codes: unknown[]; rules: unknown[] };
  const specific = fc.oneof(
    // Starter codes nested thousands deep: every recursive walk of the tree is a stack to overflow.
    fc.integer({ min: 100, max: 20_000 }).map((n) => stringifyDeep({ ...t, codes: [...t.codes, deep('c', n)] })),
    fc.tuple(fraction, fraction).map(([a, b]) => {
      const c = structuredClone(t);
      const u = c.units[Math.floor(a * c.units.length)]!;
      const v = c.units[Math.floor(b * c.units.length)]!;
      u.parent = v.key;
      v.parent = u.key;
      return JSON.stringify(c);
    }),
    fc.integer({ min: 1, max: 12_000 }).map((n) => {
      const c = structuredClone(t);
      c.units = Array.from({ length: n }, (_, i) => ({ key: `u${i}`, name: `Unit ${i}`, ...(i ? { parent: `u${i - 1}` } : {}) }));
      return JSON.stringify(c);
    }),
    fc.integer({ min: 2, max: 2000 }).map((n) => JSON.stringify({ ...t, rules: Array.from({ length: n }, () => t.rules).flat() })),
  );
  return fc.oneof({ weight: 3, arbitrary: json(s.template, JSON_TOKENS) }, { weight: 2, arbitrary: specific });
}

function markdown(s: Samples, forImport: boolean): fc.Arbitrary<string> {
  const structure = fc.oneof(
    fc.integer({ min: 10, max: 100_000 }).map((n) => `${'> '.repeat(n)}deep quote`),
    fc.integer({ min: 10, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')),
    fc.integer({ min: 10, max: 200_000 }).map((n) => `${'*'.repeat(n)}x${'_'.repeat(n)}`),
    fc.integer({ min: 10, max: 200_000 }).map((n) => '*a '.repeat(n)),
    fc.integer({ min: 10, max: 200_000 }).map((n) => '['.repeat(n) + '@k' + ']'.repeat(n)),
    fc.integer({ min: 10, max: 50_000 }).map((n) => '[@markowitz2013, p. 1] '.repeat(n)),
    fc.integer({ min: 10, max: 50_000 }).map((n) => `[x](${'('.repeat(n)}`),
    fc.integer({ min: 10, max: 100_000 }).map((n) => '`'.repeat(n) + ' x ' + '`'.repeat(n - 1)),
    fc
      .tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 300 }))
      .map(([rows, cols]) => `|${' h |'.repeat(cols)}\n|${'---|'.repeat(cols)}\n${`|${' [@k] *c* |'.repeat(cols)}\n`.repeat(rows)}`),
    fc
      .tuple(
        fc.constantFrom('matrix', 'outcomes', 'excerpt', 'evidence', 'nosuch'),
        fc.dictionary(fc.constantFrom('view', 'coder', 'corner', 'caption', 'id', 'unit', 'period', 'dimension'), fragment(MD_TOKENS), {
          maxKeys: 4,
        }),
      )
      .map(
        ([name, args]) =>
          `{{${name}${Object.entries(args)
            .map(([k, v]) => ` ${k}="${v.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`)
            .join('')}}}`,
      ),
    fc.integer({ min: 1, max: 2000 }).map((n) => '{{matrix view=pooled}}\n\n'.repeat(n)),
  );
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constant(s.memoBody) },
    { weight: 2, arbitrary: structure },
    { weight: 1, arbitrary: fc.tuple(structure, structure).map(([a, b]) => `${s.memoBody}\n${a}\n\n${b}`) },
  );
  const body = fc.oneof({ weight: 1, arbitrary: base }, { weight: 3, arbitrary: mutatedText(base, MD_TOKENS) });
  // A saved memo holds at most a million characters (import-memo.ts): render no longer ones.
  if (!forImport) return body.map((b) => b.slice(0, 1_000_000));
  return fc.oneof(
    { weight: 6, arbitrary: body },
    {
      weight: 2,
      arbitrary: fc.tuple(fragment(['title: ', '"', "'", '---', '...', '\n']), body).map(([fm, b]) => `---\ntitle: ${fm}\n---\n${b}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('x'.repeat(1_000_001), '\uFEFF'.repeat(999_999) + '\u0000', '---\n' + 'a: b\n'.repeat(150_000)),
    },
  );
}

function refi(s: Samples): fc.Arbitrary<Uint8Array> {
  const archives = s.qdpx.map((b) => unzipSync(b));
  const rezipped = fc
    .tuple(fc.constantFrom(...archives), fc.array(textMutation(QDE_TOKENS), { minLength: 1, maxLength: 4 }))
    .map(([files, ms]) => {
      const out: Unzipped = { ...files };
      const qde = Object.keys(out).find((k) => k.endsWith('.qde') || k.endsWith('.qdc'));
      if (qde) out[qde] = enc.encode(applyText(new TextDecoder().decode(out[qde]), ms));
      return zipSync(out);
    });
  const base = fc.constantFrom(...s.qdpx);
  return fc.oneof(
    { weight: 1, arbitrary: base },
    { weight: 3, arbitrary: rezipped },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(base, rezipped), fc.array(zipLie, { minLength: 1, maxLength: 3 }))
        .map(([z, lies]) => lies.reduce(lieInZip, z)),
    },
    { weight: 2, arbitrary: mutatedBytes(base, QDE_TOKENS) },
  );
}

const text = (a: fc.Arbitrary<string>) => a.map(utf16le);

/** No input is larger than this (8 MiB): beyond it a generator is only measuring copying. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export function generators(s: Samples): Record<TargetName, fc.Arbitrary<Uint8Array>> {
  const all = perTarget(s);
  for (const t of Object.keys(all) as TargetName[])
    all[t] = all[t].map((b) => (b.length > MAX_INPUT_BYTES ? b.subarray(0, MAX_INPUT_BYTES) : b));
  return all;
}

function perTarget(s: Samples): Record<TargetName, fc.Arbitrary<Uint8Array>> {
  const refs = { bibtex: bibtex(s), ris: ris(s), csl: json(s.csljson, JSON_TOKENS) };
  return {
    'decode-text': txt(s),
    'document-txt': txt(s),
    'document-html': html(s),
    'document-docx': docx(s),
    'document-pdf': pdf(s),
    'references-bibtex': text(refs.bibtex),
    'references-ris': text(refs.ris),
    'references-csljson': text(refs.csl),
    'references-sniff': text(fc.oneof(refs.bibtex, refs.ris, refs.csl)),
    'assessments-csv': text(csv(s)),
    'framework-template': text(template(s)),
    'memo-render': text(markdown(s, false)),
    'memo-import': text(markdown(s, true)),
    'refi-qdpx': refi(s),
    merge: craftedProject(s.project),
  };
}
