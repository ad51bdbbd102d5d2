// The boundary: every call from any transport comes through here. Unknown calls and malformed
// input are refused before any handler runs; errors go back as typed values, never stacks.
import { AppError, toErrorValue } from '../core/errors.js';
import { contract, isMethod, MAX_REQUEST_BYTES, type Handlers, type Result } from './contract.js';

export type Logger = (message: string, err?: unknown) => void;

const defaultLogger: Logger = (message, err) => console.error(`[field-coder] ${message}`, err);

export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export async function dispatch(handlers: Handlers, method: unknown, input: unknown, log: Logger = defaultLogger): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'unknown_call', message: `Unknown call: ${String(method).slice(0, 80)}` } };
  }
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad_request', message: `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}` } };
  }
  try {
    const handler = handlers[method] as (i: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    if (!(err instanceof AppError)) log(`internal error in ${method}`, err);
    return { ok: false, error: toErrorValue(err) };
  }
}

/** For transports that receive raw bytes: refuses oversized requests before parsing them. */
export function checkSize(bytes: number): Result<never> | null {
  if (bytes > MAX_REQUEST_BYTES) {
    return { ok: false, error: { code: 'too_large', message: `Request too large (${bytes} bytes; the limit is ${MAX_REQUEST_BYTES}).` } };
  }
  return null;
}
