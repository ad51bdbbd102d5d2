// CLI verbs for passing projects between colleagues: a content fingerprint to compare copies by,
// and a clean single-file copy to send. Both open the project read-only (`inspect`), so the
// file being shared is never migrated or otherwise changed by sharing it.
import { basename } from 'node:path';
import { fingerprint } from '../exchange/fingerprint.js';
import { shareCopy } from '../exchange/share-copy.js';
import { positionals, UsageError, withProject, type Io } from './cli-kit.js';

const kb = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KB`;

export async function cmdFingerprint(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder fingerprint FILE [--with-identities] [--json]', {
    'with-identities': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const identities = values['with-identities'] === true;
  const fp = await withProject(file!, (p) => fingerprint(p, { identities }), { inspect: true });
  if (values.json) {
    io.out(`${JSON.stringify({ file: basename(file!), short: fp.short, hash: fp.hash, identities, tables: fp.tables }, null, 2)}\n`);
    return;
  }
  io.out(`${fp.short}\n`);
  io.out(`sha256 ${fp.hash}\n`);
  io.out(
    `Content of ${basename(file!)}${identities ? ', identities included' : ' (identities left out)'}; equal for copies with the same content.\n`,
  );
}

export async function cmdShare(args: string[], io: Io): Promise<void> {
  const usage = 'field-coder share FILE -o OUT [--without-identities] [--without-history]';
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, usage, {
    out: { type: 'string', short: 'o' },
    'without-identities': { type: 'boolean' },
    'without-history': { type: 'boolean' },
  });
  const out = values.out as string | undefined;
  if (!out) throw new UsageError(`usage: ${usage}`);
  const withoutIdentities = values['without-identities'] === true;
  const { result, short } = await withProject(
    file!,
    (p) => ({
      result: shareCopy(p, out, { withoutIdentities, withoutHistory: values['without-history'] === true }),
      short: fingerprint(p).short,
    }),
    { inspect: true },
  );
  io.out(`Wrote ${out} (${kb(result.bytes)}).\n`);
  io.out(result.removed.length ? `Left out: ${result.removed.join(', ')}.\n` : 'Nothing left out.\n');
  if (!withoutIdentities) io.out('It includes identities (real names and contacts); --without-identities leaves them out.\n');
  io.out(`Fingerprint ${short}: the copy shows the same.\n`);
}
