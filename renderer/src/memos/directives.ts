// Live block directives as the memo's Markdown holds them. Each goes on a line of its own with
// blank lines around it, so it never reads as part of the paragraph before or after.
export type MatrixChoice = { kind: 'consensus' } | { kind: 'pooled' } | { kind: 'coder'; name: string };

// Argument values are quoted; a quote inside one would end it early.
const quoted = (s: string) => `"${s.replace(/"/g, "'")}"`;

export const outcomesDirective = () => '{{outcomes}}';

export function matrixDirective(choice: MatrixChoice): string {
  if (choice.kind === 'coder') return `{{matrix coder=${quoted(choice.name)}}}`;
  return `{{matrix view=${choice.kind}}}`;
}

export const excerptDirective = (id: string) => `{{excerpt id=${id}}}`;

export const evidenceDirective = (unit: string, period: string) => `{{evidence unit=${quoted(unit)} period=${quoted(period)}}}`;

/** Replaces the selection with the directive on its own line; answers the caret after it. */
export function insertOnOwnLine(text: string, start: number, end: number, line: string): { text: string; caret: number } {
  const before = text.slice(0, start).replace(/[ \t]+$/, '');
  const after = text.slice(end).replace(/^[ \t]+/, '');
  const lead = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const head = before + lead + line;
  const full = head + trail + after;
  // The caret goes past the directive's line and the blank line after it, ready to write on.
  let caret = head.length;
  if (full[caret] === '\n') caret++;
  if (full[caret] === '\n') caret++;
  return { text: full, caret };
}
