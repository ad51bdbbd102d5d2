// Opening a .qdpx (zip) or .qdc (bare XML) into a parsed project and a way to read its source
// files. The inner .qde need not be called project.qde (some tools name it after the project),
// and the sources folder is matched in any case, relative to the .qde.
import { AppError } from '../../core/errors.js';
import type { ZipEntry } from '../../documents/extract/zip-read.js';
import type { FileLookup } from './import-sources.js';
import { noFiles } from './import-sources.js';
import { readQde, type QdeProject } from './qde-model.js';
import { decodeXmlBytes, parseXmlTree } from './xml-tree.js';
import { MAX_TOTAL, SafeZip } from './zip-safety.js';

export interface OpenedRefi {
  qde: QdeProject;
  files: FileLookup;
  format: 'qdpx' | 'qdc';
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
const depth = (name: string): number => name.split('/').length;

function pickQde(files: ZipEntry[], label: string): ZipEntry {
  const qdes = files.filter((e) => /\.qde$/i.test(e.name));
  if (qdes.length === 0) throw new AppError('invalid', `${label} holds no .qde project file, so it is not a REFI-QDA project.`);
  qdes.sort(
    (a, b) =>
      depth(a.name) - depth(b.name) ||
      Number(!/(^|\/)project\.qde$/i.test(a.name)) - Number(!/(^|\/)project\.qde$/i.test(b.name)) ||
      a.name.localeCompare(b.name),
  );
  return qdes[0]!;
}

export function openRefi(label: string, bytes: Uint8Array): OpenedRefi {
  if (!isZip(bytes)) {
    if (/\.qdpx$/i.test(label)) throw new AppError('invalid', `${label} is not a zip archive, as a .qdpx must be.`);
    if (bytes.length > MAX_TOTAL) throw new AppError('too_large', `${label} is larger than Field Coder accepts for a codebook.`);
    const qde = readQde(parseXmlTree(decodeXmlBytes(bytes), label), label);
    return { qde, files: noFiles, format: qde.kind === 'codebook' ? 'qdc' : 'qdpx' };
  }
  const zip = SafeZip.open(bytes, label);
  const files = zip.files;
  const qdeEntry = pickQde(files, label);
  const base = qdeEntry.name.slice(0, qdeEntry.name.lastIndexOf('/') + 1);
  const index = new Map<string, ZipEntry>();
  for (const e of files) if (!index.has(e.name.toLowerCase())) index.set(e.name.toLowerCase(), e);
  const lookup: FileLookup = (name) => {
    const n = name.replace(/^\/+/, '').toLowerCase();
    for (const candidate of [`${base}sources/${n}`, `${base}${n}`, `sources/${n}`, n]) {
      const entry = index.get(candidate.toLowerCase());
      if (entry) return zip.read(entry);
    }
    return undefined;
  };
  const qde = readQde(parseXmlTree(decodeXmlBytes(zip.read(qdeEntry)), qdeEntry.name), qdeEntry.name);
  return { qde, files: lookup, format: 'qdpx' };
}
