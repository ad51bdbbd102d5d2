// Turning the bytes of a plain-text file into text: BOMs, UTF-8, UTF-16, and the legacy
// Cyrillic code pages field researchers still meet (Windows-1251, KOI8-R), told apart by which
// decoding yields mostly lower-case Cyrillic, as real prose does. Binary files are refused.
import { AppError } from '../core/errors.js';

export interface DecodedText {
  text: string;
  encoding: string;
}

const LEGACY = ['windows-1251', 'koi8-r', 'windows-1252'] as const;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control > n * 0.02;
}

const isAsciiLetter = (c: number | undefined): boolean => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));

/**
 * How much a decoding looks like prose. Lower-case Cyrillic scores (KOI8-R read as 1251, and
 * back, comes out mostly in capitals); Cyrillic inside Latin words ("Mйlanie") is a wrong guess,
 * accented Latin inside Latin words ("Mélanie") a right one; symbols cost.
 */
function proseScore(text: string): number {
  const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
  let score = 0;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c < 0x80) continue;
    const latinNeighbour = isAsciiLetter(cps[i - 1]) || isAsciiLetter(cps[i + 1]);
    const cyrillic = c >= 0x400 && c <= 0x4ff;
    if (cyrillic && latinNeighbour) score -= 3;
    else if ((c >= 0x430 && c <= 0x44f) || c === 0x451)
      score += 2; // а..я, ё
    else if (c >= 0x410 && c <= 0x42f)
      score -= 1; // А..Я
    else if (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
      score += latinNeighbour ? 2 : 0; // À..ÿ
    else if (!/\p{L}/u.test(String.fromCodePoint(c))) score -= 2; // box drawing, symbols
  }
  return score;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  }
  if (looksBinary(bytes)) {
    throw new AppError('invalid', 'This file does not contain text (it looks like a binary file). Check that it is the file you meant.');
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: a legacy code page
  }
  let best: DecodedText = { text: '', encoding: '' };
  let bestScore = -Infinity;
  for (const enc of LEGACY) {
    const text = new TextDecoder(enc).decode(bytes);
    const score = proseScore(text);
    if (score > bestScore) {
      bestScore = score;
      best = { text, encoding: enc === 'koi8-r' ? 'KOI8-R' : enc === 'windows-1251' ? 'Windows-1251' : 'Windows-1252' };
    }
  }
  return best;
}
