// What every CLI verb shares: the output streams, usage errors, argument parsing and opening
// the project as this device's coder.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DeviceStore } from '../core/device.js';
import { AppError } from '../core/errors.js';
import { openProject, type OpenResult } from '../project/open-project.js';
import type { Author, Project } from '../project/project.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export class UsageError extends AppError {
  constructor(message: string) {
    super('bad_request', `${message} (see field-coder --help)`);
  }
}

export function author(): Author {
  const s = new DeviceStore().get();
  return { deviceId: s.deviceId, coderId: s.coderId, coderName: s.coderName };
}

export async function withProject<T>(
  file: string,
  fn: (p: Project, opened: OpenResult) => T | Promise<T>,
  opts: { inspect?: boolean } = {},
): Promise<T> {
  const opened = await openProject(file, author(), opts);
  const { project } = opened;
  try {
    return await fn(project, opened);
  } finally {
    project.close();
  }
}

export function positionals(args: string[], count: number, usage: string, options: ParseArgsConfig['options'] = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals.length !== count) throw new UsageError(`usage: ${usage}`);
  return parsed;
}
