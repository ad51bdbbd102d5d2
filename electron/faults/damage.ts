// Systematic damage to a real project file, as a worn USB stick or a cut-off transfer would do
// it: single flipped bytes in the header, in the pages of every table and index (page headers,
// cell pointers, cell contents, overflow pages), in the freelist and the last page; truncations;
// zeroed pages; swapped pages. Each damage is named, so a failing one can be kept and replayed.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';

export interface Damage {
  /** e.g. "flip documents/leaf p12+40 ^0x04", "truncate 3/7 pages". */
  name: string;
  /** Where it hit: header, schema, a table or index name, freelist, last, file. */
  area: string;
  kind: 'flip' | 'truncate' | 'zero' | 'swap';
  apply(bytes: Buffer): Buffer;
  /** It damages the WAL beside the file (walDamagesFor), not the file. */
  wal?: boolean;
  /** In the WAL's last commit, which a crash during it leaves torn too (wal-check.ts). */
  inLastCommit?: boolean;
}

interface PageInfo {
  pageno: number;
  name: string;
  pagetype: string;
}

export interface FileMap {
  pageSize: number;
  pages: number;
  byPage: Map<number, PageInfo>;
  freelist: number[];
}

/**
 * Which b-tree every page belongs to (SQLite's dbstat), and the freelist's pages: of the pages the
 * file itself holds (SQLite, reading a WAL beside it, may see more: a file left part way through
 * a checkpoint).
 */
export function mapFile(path: string): FileMap {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const bytes = readFileSync(path);
    const pages = Math.min(db.pragma('page_count', { simple: true }) as number, Math.floor(bytes.length / pageSize));
    const byPage = new Map<number, PageInfo>();
    for (const r of db.prepare('SELECT name, pageno, pagetype FROM dbstat ORDER BY pageno').all() as PageInfo[])
      if (r.pageno <= pages) byPage.set(r.pageno, r);
    const freelist: number[] = [];
    for (let trunk = bytes.readUInt32BE(32), guard = 0; trunk && trunk <= pages && guard < pages; guard++) {
      freelist.push(trunk);
      const at = (trunk - 1) * pageSize;
      const leaves = bytes.readUInt32BE(at + 4);
      for (let i = 0; i < leaves && i < pageSize / 4 - 2; i++) freelist.push(bytes.readUInt32BE(at + 8 + 4 * i));
      trunk = bytes.readUInt32BE(at);
    }
    return { pageSize, pages, byPage, freelist: freelist.filter((p) => p <= pages) };
  } finally {
    db.close();
  }
}

/** A small seeded generator, so a corpus is the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const flip = (area: string, what: string, offset: number, mask: number): Damage => ({
  name: `flip ${what}@${offset} ^0x${mask.toString(16).padStart(2, '0')}`,
  area,
  kind: 'flip',
  apply: (b) => {
    const c = Buffer.from(b);
    c[offset] = c[offset]! ^ mask;
    return c;
  },
});

/**
 * Every damage of the corpus for one file, in a fixed order. `perPage` offsets are tried in each
 * chosen page (its header, its cell pointers, and random places); `pagesPerTree` pages of each
 * b-tree; `headerOffsets` of the 100-byte file header (all 100 when it is 100).
 */
export function damagesFor(map: FileMap, seed: number, opts: { perPage: number; pagesPerTree: number; headerOffsets: number }): Damage[] {
  const r = rng(seed);
  const mask = () => 1 << Math.floor(r() * 8);
  const pick = <T>(xs: T[], n: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (copy.length && out.length < n) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]!);
    return out;
  };
  const ps = map.pageSize;
  const out: Damage[] = [];

  // The file header.
  const header = Array.from({ length: 100 }, (_, i) => i);
  for (const o of opts.headerOffsets >= 100 ? header : pick(header, opts.headerOffsets)) out.push(flip('header', 'header', o, mask()));

  /** Offsets within a b-tree page: its header, its cell pointer array, then anywhere. */
  const inPage = (pageno: number): number[] => {
    const base = (pageno - 1) * ps + (pageno === 1 ? 100 : 0);
    // One flip in the page header (type, freeblock, cell count, content start, fragments, right
    // child), one in the cell pointer array, the rest anywhere in the page.
    const header = base + Math.floor(r() * 12);
    const pointers = base + 8 + Math.floor(r() * 24);
    const anywhere = Array.from({ length: Math.max(0, opts.perPage - 2) }, () => (pageno - 1) * ps + Math.floor(r() * ps));
    return [header, pointers, ...anywhere].slice(0, opts.perPage);
  };

  // Every table and index (and the schema table on page 1): some of its pages.
  const trees = new Map<string, number[]>();
  for (const p of map.byPage.values()) trees.set(p.name, [...(trees.get(p.name) ?? []), p.pageno]);
  for (const [name, pages] of [...trees].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const area = name === 'sqlite_schema' ? 'schema' : name;
    for (const pageno of pick(pages, opts.pagesPerTree)) {
      const type = map.byPage.get(pageno)!.pagetype;
      for (const o of inPage(pageno)) out.push(flip(area, `${name}/${type} p${pageno}+${o - (pageno - 1) * ps}`, o, mask()));
    }
  }
  // The freelist, and the last page.
  for (const pageno of pick(map.freelist, opts.pagesPerTree))
    for (let k = 0; k < opts.perPage; k++) {
      const o = (pageno - 1) * ps + (k === 0 ? Math.floor(r() * 8) : Math.floor(r() * ps));
      out.push(flip('freelist', `freelist p${pageno}+${o - (pageno - 1) * ps}`, o, mask()));
    }
  for (let k = 0; k < opts.perPage; k++) {
    const o = (map.pages - 1) * ps + Math.floor(r() * ps);
    out.push(flip('last', `last page p${map.pages}+${o - (map.pages - 1) * ps}`, o, mask()));
  }

  // Truncations: to a page boundary, mid-page, to the header alone, to nothing.
  const cuts = [
    (map.pages - 1) * ps,
    Math.floor(map.pages / 2) * ps,
    ps + 17 + Math.floor(r() * (ps - 40)),
    (map.pages - 1) * ps + Math.floor(ps / 2),
    100,
    0,
  ];
  for (const at of cuts)
    out.push({ name: `truncate to ${at} bytes`, area: 'file', kind: 'truncate', apply: (b) => Buffer.from(b.subarray(0, at)) });

  // Zeroed pages: the first, the last, roots and leaves of some trees.
  const zeroed = [1, map.pages, ...pick([...map.byPage.keys()], Math.max(2, opts.pagesPerTree * 2))];
  for (const pageno of [...new Set(zeroed)])
    out.push({
      name: `zero page ${pageno} (${map.byPage.get(pageno)?.name ?? 'free'})`,
      area: map.byPage.get(pageno)?.name ?? 'freelist',
      kind: 'zero',
      apply: (b) => {
        const c = Buffer.from(b);
        c.fill(0, (pageno - 1) * ps, pageno * ps);
        return c;
      },
    });

  // Swapped pages: two pages of one tree, and of different trees.
  for (let k = 0; k < Math.max(2, opts.pagesPerTree * 2); k++) {
    const [a, b] = pick(
      [...map.byPage.keys()].filter((p) => p > 1),
      2,
    );
    if (!a || !b) break;
    out.push({
      name: `swap pages ${a} and ${b} (${map.byPage.get(a)!.name}, ${map.byPage.get(b)!.name})`,
      area: 'file',
      kind: 'swap',
      apply: (bytes) => {
        const c = Buffer.from(bytes);
        bytes.copy(c, (a - 1) * ps, (b - 1) * ps, b * ps);
        bytes.copy(c, (b - 1) * ps, (a - 1) * ps, a * ps);
        return c;
      },
    });
  }
  return out;
}

/**
 * Flipped bytes in the WAL of a file left by a crash: in its 32-byte header (`headerOffsets` of
 * them), and in `perFrame` places of each frame: one in its header (page number, commit mark,
 * salts, checksum), the rest in its page. Each names the commit it hit.
 */
export function walDamagesFor(wal: Buffer, seed: number, opts: { perFrame: number; headerOffsets: number }): Damage[] {
  const r = rng(seed);
  const mask = () => 1 << Math.floor(r() * 8);
  const pageSize = wal.readUInt32BE(8);
  const size = 24 + pageSize;
  const frames = Math.floor((wal.length - 32) / size);
  const commitFrames = Array.from({ length: frames }, (_, i) => i).filter((i) => wal.readUInt32BE(32 + i * size + 4) !== 0);
  // Frames after the commit before the last belong to the last commit.
  const lastStarts = commitFrames.length > 1 ? commitFrames[commitFrames.length - 2]! + 1 : 0;
  const commitOf = (i: number) => commitFrames.findIndex((c) => c >= i) + 1;
  const out: Damage[] = [];
  const walFlip = (name: string, offset: number, inLastCommit: boolean): Damage => ({
    ...flip('wal', name, offset, mask()),
    wal: true,
    inLastCommit,
  });
  const header = Array.from({ length: 32 }, (_, i) => i);
  for (let k = 0; k < Math.min(32, opts.headerOffsets); k++) {
    const o = header.splice(Math.floor(r() * header.length), 1)[0]!;
    out.push(walFlip('wal header', o, false));
  }
  for (let i = 0; i < frames; i++) {
    const base = 32 + i * size;
    const what = `wal frame ${i} (commit ${commitOf(i)} of ${commitFrames.length})`;
    for (let k = 0; k < opts.perFrame; k++) {
      const o = k === 0 ? Math.floor(r() * 24) : 24 + Math.floor(r() * pageSize);
      out.push(walFlip(`${what}+${o}`, base + o, i >= lastStarts));
    }
  }
  return out;
}
