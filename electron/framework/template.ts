// Framework templates: the JSON form in which a framework (dimensions, levels, outcome table,
// units with aliases, periods, starter codes) is shipped in resources/, exported and imported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { resourcesDir } from '../core/paths.js';

const name = z.string().trim().min(1).max(300);
const key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'keys are lower-case letters, digits, - and _');
const color = z
  .string()
  .regex(/^(#[0-9a-fA-F]{6})?$/)
  .default('');
const text = z.string().max(10_000).default('');
/** Row ids appear only when the framework editor saves a project's framework (see edit-framework.ts). */
const rowId = z.uuid().optional();

interface TemplateCode {
  name: string;
  description: string;
  color: string;
  children: TemplateCode[];
}

const codeSchema: z.ZodType<TemplateCode, unknown> = z.lazy(() =>
  z.strictObject({
    name,
    description: text,
    color,
    children: z.array(codeSchema).max(1000).default([]),
  }),
);

export const templateSchema = z
  .strictObject({
    format: z.literal('field-coder-framework'),
    formatVersion: z.literal(1),
    key,
    name,
    description: text,
    dimensions: z
      .array(
        z.strictObject({
          id: rowId,
          key,
          name,
          question: text,
          levels: z
            .array(z.strictObject({ id: rowId, key, name, rank: z.number().int().min(0).max(1000) }))
            .min(2)
            .max(20),
        }),
      )
      .min(1)
      .max(10),
    outcomes: z
      .array(z.strictObject({ id: rowId, key, name, meaning: text, color }))
      .min(1)
      .max(100),
    rules: z.array(z.strictObject({ levels: z.record(z.string(), z.string()), outcome: key })).max(10_000),
    units: z
      .array(
        z.strictObject({
          id: rowId,
          key,
          name,
          kind: z.string().max(50).default(''),
          parent: key.optional(),
          inMatrix: z.boolean().default(true),
          description: text,
          aliases: z.array(name).max(100).default([]),
        }),
      )
      .max(10_000),
    periods: z.array(z.strictObject({ id: rowId, name, start: z.number().int().optional(), end: z.number().int().optional() })).max(1000),
    codes: z.array(codeSchema).max(1000).default([]),
  })
  .superRefine((t, ctx) => {
    const problem = (message: string): void => ctx.addIssue({ code: 'custom', message });
    const dup = (keys: string[], what: string): void => {
      const seen = new Set<string>();
      for (const k of keys) {
        if (seen.has(k)) problem(`${what} "${k}" appears twice`);
        seen.add(k);
      }
    };
    dup(
      t.dimensions.map((d) => d.key),
      'dimension',
    );
    for (const d of t.dimensions) {
      dup(
        d.levels.map((l) => l.key),
        `level of ${d.key}`,
      );
      dup(
        d.levels.map((l) => String(l.rank)),
        `rank of a level of ${d.key}`,
      );
    }
    dup(
      t.outcomes.map((o) => o.key),
      'outcome',
    );
    dup(
      t.units.map((u) => u.key),
      'unit',
    );
    dup(
      t.periods.map((p) => p.name),
      'period',
    );
    const outcomeKeys = new Set(t.outcomes.map((o) => o.key));
    const unitKeys = new Set(t.units.map((u) => u.key));
    const combos = new Set<string>();
    for (const r of t.rules) {
      if (!outcomeKeys.has(r.outcome)) problem(`a rule names an unknown outcome "${r.outcome}"`);
      const keys = Object.keys(r.levels);
      for (const dk of keys) if (!t.dimensions.some((d) => d.key === dk)) problem(`a rule names an unknown dimension "${dk}"`);
      for (const d of t.dimensions) {
        const lk = r.levels[d.key];
        if (lk === undefined) problem(`a rule for "${r.outcome}" gives no level for dimension "${d.key}"`);
        else if (!d.levels.some((l) => l.key === lk)) problem(`a rule names an unknown level "${lk}" of "${d.key}"`);
      }
      const combo = t.dimensions.map((d) => r.levels[d.key]).join('|');
      if (combos.has(combo)) problem(`two rules give an outcome for the same levels (${combo})`);
      combos.add(combo);
    }
    for (const u of t.units) {
      if (u.parent !== undefined && !unitKeys.has(u.parent)) problem(`unit "${u.key}" names an unknown parent "${u.parent}"`);
    }
    const parentOf = new Map(t.units.map((u) => [u.key, u.parent] as const));
    for (const u of t.units) {
      let at: string | undefined = u.parent;
      for (let steps = 0; at !== undefined; steps++) {
        if (at === u.key || steps > t.units.length) {
          problem(`unit "${u.key}" is its own ancestor`);
          break;
        }
        at = parentOf.get(at);
      }
    }
    for (const p of t.periods) {
      if (p.start !== undefined && p.end !== undefined && p.end < p.start) problem(`period "${p.name}" ends before it starts`);
    }
  });

export type FrameworkTemplate = z.output<typeof templateSchema>;

/** Validates a template from any source, with every problem in one readable message. */
export function parseTemplate(json: string): FrameworkTemplate {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new AppError('invalid', 'This framework template is not valid JSON.');
  }
  let r;
  try {
    r = templateSchema.safeParse(data);
  } catch (e) {
    // Codes nested thousands deep overflow the validator's recursion: no real codebook does that.
    if (e instanceof RangeError) throw new AppError('invalid', 'This framework template nests its codes too deeply to read.');
    throw e;
  }
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new AppError('invalid', `This framework template is not valid: ${issues.join('; ')}.`);
  }
  return r.data;
}

export const DEFAULT_TEMPLATE_FILE = 'state-capacity.json';

let defaultCache: FrameworkTemplate | undefined;

/** The built-in "state capacity" template from resources/frameworks/. */
export function defaultTemplate(): FrameworkTemplate {
  defaultCache ??= parseTemplate(readFileSync(join(resourcesDir(), 'frameworks', DEFAULT_TEMPLATE_FILE), 'utf8'));
  return defaultCache;
}
