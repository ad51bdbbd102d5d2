// Imported sources get the same normalisation as every other import (line ends, control
// characters, NFC), but their selections were counted in the text as it was. This normalises
// while keeping a map from old code-point positions to new ones, so selections still cover
// the same words. NFC is applied per cluster (a base character and its marks; a Hangul
// syllable), which equals whole-text NFC for real text; when it would not, `exact` is false.
import { normalizeImportedText } from '../../documents/normalize.js';

export interface NormalizedText {
  text: string;
  /** True when the text changed, so positions were moved. */
  changed: boolean;
  /** False when the per-cluster result had to give way to whole-text NFC: positions are then approximate. */
  exact: boolean;
  /** Maps a start position (code points in the original) to the normalised text. */
  start(pos: number): number;
  /** Maps an end position, rounding up to the end of a cluster that NFC merged. */
  end(pos: number): number;
  /** Length of the original in code points. */
  originalLength: number;
}

// The same characters normalizeImportedText removes.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /^[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]$/;
// A Hangul syllable (leading jamo + vowels, or a precomposed syllable, + trailing jamo) composes
// across code points that are not marks, so it is one cluster; so is any base with its marks.
const CLUSTER =
  /(?:[\u1100-\u115f\ua960-\ua97f]+[\u1160-\u11a7\ud7b0-\ud7c6]*|[\uac00-\ud7a3])[\u11a8-\u11ff\ud7cb-\ud7fb]*\p{M}*|\P{M}\p{M}*|\p{M}+/gsu;

export function normalizeWithMap(raw: string): NormalizedText {
  const cps = Array.from(raw);
  const n = cps.length;
  const expected = normalizeImportedText(raw);
  if (expected === raw) {
    return { text: raw, changed: false, exact: true, start: (p) => p, end: (p) => p, originalLength: n };
  }
  // Step 1: line ends and control characters, one code point at a time.
  const kept: string[] = [];
  const mid = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    mid[i] = kept.length;
    const c = cps[i]!;
    if (c === '\r') {
      if (cps[i + 1] !== '\n') kept.push('\n');
    } else if (!CONTROL.test(c)) kept.push(c);
  }
  mid[n] = kept.length;
  // Step 2: NFC cluster by cluster; a position inside a cluster that changed snaps to its edges.
  const midText = kept.join('');
  const m = kept.length;
  const down = new Int32Array(m + 1);
  const up = new Int32Array(m + 1);
  const out: string[] = [];
  let at = 0;
  let outLen = 0;
  for (const match of midText.matchAll(CLUSTER)) {
    const cluster = match[0];
    const len = Array.from(cluster).length;
    const nfc = cluster.normalize('NFC');
    const nfcLen = Array.from(nfc).length;
    for (let k = 0; k < len; k++) {
      const same = nfc === cluster;
      down[at + k] = same ? outLen + k : outLen;
      up[at + k] = same ? outLen + k : k === 0 ? outLen : outLen + nfcLen;
    }
    out.push(nfc);
    at += len;
    outLen += nfcLen;
  }
  down[m] = outLen;
  up[m] = outLen;
  const joined = out.join('');
  const exact = joined === expected;
  const clamp = (p: number, total: number): number => Math.max(0, Math.min(total, Math.trunc(p)));
  const finalLength = Array.from(expected).length;
  return {
    text: expected,
    changed: true,
    exact,
    start: (p) => Math.min(finalLength, down[mid[clamp(p, n)]!]!),
    end: (p) => Math.min(finalLength, up[mid[clamp(p, n)]!]!),
    originalLength: n,
  };
}
