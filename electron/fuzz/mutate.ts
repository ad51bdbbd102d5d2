// Format-blind mutations of bytes and strings, as plans that fast-check generates and shrinks:
// flips, truncations, deletions, duplications and insertions of a format's own tokens or of
// huge runs. Positions are fractions of the input, so one plan fits a sample of any size.
import fc from 'fast-check';

export type ByteMutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

// Uniform over [0, 1): fc.double spreads over float bit patterns (nearly all tiny), and fc.integer is
// biased to its ends unless told not to.
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const enc = new TextEncoder();

/** A run that stresses a parser: one token many times, nested, or plain huge. */
export function hugeRun(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.record({ t: fc.constantFrom(...tokens), n: fc.integer({ min: 1000, max: 120_000 }) }).map(({ t, n }) => t.repeat(n)),
    fc
      .record({ n: fc.integer({ min: 10_000, max: 1_200_000 }), c: fc.constantFrom('A', ' ', '\n', 'é', '\u0000', '\uFFFD') })
      .map(({ n, c }) => c.repeat(n)),
  );
}

/** A format's tokens, their huge runs, odd characters, or a little noise. */
export function fragment(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...tokens), { minLength: 2, maxLength: 30 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: hugeRun(tokens) },
    { weight: 2, arbitrary: fc.constantFrom('\u0000', '\uFEFF', '\uFFFD', '\u2028', '\r', '\r\n', '\t', 'Ж', '\u{1F600}', '\u0301') },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
}

const rawBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  // Invalid UTF-8 on purpose: lone surrogates as WTF-8, overlong forms, past U+10FFFF, stray continuations.
  fc.constantFrom(
    Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xed, 0xbf, 0xbf),
    Uint8Array.of(0xc0, 0xaf),
    Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
    Uint8Array.of(0x80),
    Uint8Array.of(0xff, 0xfe),
    Uint8Array.of(0xfe, 0xff),
    Uint8Array.of(0xef, 0xbb, 0xbf),
    Uint8Array.of(0),
  ),
);

export function byteMutation(tokens: readonly string[]): fc.Arbitrary<ByteMutation> {
  const tokenBytes = fc.oneof({ weight: 3, arbitrary: fragment(tokens).map((s) => enc.encode(s)) }, { weight: 1, arbitrary: rawBytes });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fraction, xor: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 4096 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('duplicate' as const),
        at: fraction,
        length: fc.integer({ min: 1, max: 4096 }),
        to: fraction,
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fraction, bytes: tokenBytes }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('overwrite' as const), at: fraction, bytes: tokenBytes }) },
  );
}

export function applyBytes(input: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b = input;
  for (const m of mutations) {
    const at = Math.floor(m.at * (b.length + 1));
    switch (m.kind) {
      case 'flip':
        if (b.length) {
          b = b.slice();
          const i = Math.min(at, b.length - 1);
          b[i] = b[i]! ^ m.xor;
        }
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'delete':
        b = concat(b.subarray(0, at), b.subarray(at + m.length));
        break;
      case 'duplicate': {
        const piece = b.subarray(at, at + m.length);
        const to = Math.floor(m.to * (b.length + 1));
        b = concat(b.subarray(0, to), piece, b.subarray(to));
        break;
      }
      case 'insert':
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
        break;
      case 'overwrite':
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at + m.bytes.length));
        break;
    }
  }
  return b;
}

/** Byte mutations, applied 1–4 at a time, to whatever `base` generates. */
export function mutatedBytes(base: fc.Arbitrary<Uint8Array>, tokens: readonly string[]): fc.Arbitrary<Uint8Array> {
  return fc.tuple(base, fc.array(byteMutation(tokens), { minLength: 1, maxLength: 4 })).map(([b, ms]) => applyBytes(b, ms));
}

export type TextMutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'replace-char'; at: number; with: string };

export function textMutation(tokens: readonly string[]): fc.Arbitrary<TextMutation> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fraction, text: fragment(tokens) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 2000 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('duplicate' as const),
        at: fraction,
        length: fc.integer({ min: 1, max: 400 }),
        times: fc.integer({ min: 2, max: 3000 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('replace-char' as const),
        at: fraction,
        with: fc.oneof(fc.constantFrom(...tokens), fc.constantFrom('\uD800', '\uDFFF', '\u0000', '"', '\\', '{', '}', '\n')),
      }),
    },
  );
}

export function applyText(input: string, mutations: readonly TextMutation[]): string {
  let s = input;
  for (const m of mutations) {
    const at = Math.floor(m.at * (s.length + 1));
    if (m.kind === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + m.length);
    else if (m.kind === 'truncate') s = s.slice(0, at);
    else if (m.kind === 'duplicate') s = s.slice(0, at) + s.slice(at, at + m.length).repeat(m.times) + s.slice(at);
    else s = s.slice(0, at) + m.with + s.slice(at + 1);
  }
  return s;
}

export function mutatedText(base: fc.Arbitrary<string>, tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(textMutation(tokens), { minLength: 1, maxLength: 5 })).map(([s, ms]) => applyText(s, ms));
}

/** A JS string as the UTF-16LE code units text targets read (lone surrogates included). */
export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Walks a JSON value and replaces one node (chosen by `pick`, a fraction of the node count). */
export function replaceJsonNode(root: unknown, pick: number, make: (old: unknown) => unknown): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[] | null; key: string | number }[] = [{ parent: null, key: 0 }];
  const stack: unknown[] = [root];
  const paths: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        nodes.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k });
        paths.push(child);
        stack.push(child);
      }
    }
  }
  const i = Math.min(nodes.length - 1, Math.floor(pick * nodes.length));
  const n = nodes[i]!;
  if (!n.parent) return make(root);
  (n.parent as Record<string | number, unknown>)[n.key] = make(paths[i]);
  return root;
}

/** Values that break JSON consumers: wrong types, extremes, deep nesting, huge sizes, odd keys. */
export const hostileJsonValue: fc.Arbitrary<(old: unknown) => unknown> = fc.oneof(
  fc.constantFrom<(old: unknown) => unknown>(
    () => null,
    () => 0,
    () => -1,
    () => 1e308,
    () => -0,
    () => 2 ** 53 + 1,
    () => true,
    () => '',
    () => '\uD800',
    () => [],
    () => ({}),
    () => ({ __proto__: { polluted: 1 } }),
    (old) => [old, old],
    (old) => ({ constructor: old, prototype: old, toString: old }),
    (old) => String(old),
    (old) => (typeof old === 'string' ? Number(old) : old),
    (old) => (Array.isArray(old) ? old.concat(old, old, old) : old),
  ),
  fc.integer({ min: 100, max: 100_000 }).map((n) => () => deep('a', n)),
  fc.integer({ min: 100, max: 100_000 }).map((n) => () => deep('o', n)),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => () => 'x'.repeat(n)),
  // Many copies of a node, kept to a few hundred kB of JSON whatever the node's size.
  fc.integer({ min: 100, max: 20_000 }).map((n) => (old: unknown) => {
    const size = JSON.stringify(old)?.length ?? 4;
    return Array.from({ length: Math.max(2, Math.min(n, Math.floor(300_000 / size))) }, () => old);
  }),
  fc.string({ maxLength: 30 }).map((s) => () => s),
);

/** A placeholder that stringifyDeep writes as JSON nested `n` levels deep, without recursion. */
export const deep = (kind: DeepKind, n: number): string => `\u0001DEEP:${kind}:${n}\u0001`;

/** Arrays, objects, or framework-template codes (objects whose `children` hold the next level). */
type DeepKind = 'a' | 'o' | 'c';

export function deepJson(kind: DeepKind, n: number): string {
  if (kind === 'a') return `${'['.repeat(n)}1${']'.repeat(n)}`;
  if (kind === 'o') return `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  return `${'{"name":"c","children":['.repeat(n)}${']}'.repeat(n)}`;
}

/** JSON.stringify, with the deep placeholders expanded in the text. */
export function stringifyDeep(v: unknown, space?: number): string {
  const text = JSON.stringify(v, null, space) ?? 'null';
  // A placeholder copied into many array slots expands once; the rest stay small.
  let expanded = 0;
  return text.replace(/"\\u0001DEEP:([aoc]):(\d+)\\u0001"/g, (_, kind: DeepKind, n: string) =>
    expanded++ < 2 ? deepJson(kind, Number(n)) : deepJson(kind, 2),
  );
}
