// Checks an exported project.qde against the standard's own schema before it is written. The
// schema ships in resources/ (no network at run time); xmllint-wasm runs libxml2 in a worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { resourcesDir } from '../../core/paths.js';

export type RefiSchema = 'Project.xsd' | 'Codebook.xsd';

const schemas = new Map<RefiSchema, string>();

function schemaText(name: RefiSchema): string {
  let s = schemas.get(name);
  if (s === undefined) {
    s = readFileSync(join(resourcesDir(), 'refi-qda', name), 'utf8');
    schemas.set(name, s);
  }
  return s;
}

/** The first validation messages, or [] when the document is valid. */
export async function schemaErrors(xml: string, schema: RefiSchema = 'Project.xsd'): Promise<string[]> {
  // libxml2's tree takes several times the document's size; the default 32 MiB suits only small projects.
  const mib = Math.ceil(Buffer.byteLength(xml) / 2 ** 20);
  const pages = Math.min(memoryPages.max, (64 + mib * 12) * memoryPages.MiB);
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: xml }],
    schema: [{ fileName: schema, contents: schemaText(schema) }],
    maxMemoryPages: pages,
  });
  return result.valid ? [] : result.errors.slice(0, 5).map((e) => e.rawMessage);
}
