// The pure side of the code reports: per-code totals and the scale of the bar chart beside the
// table (no chart library: each bar is a CSS width in percent of the largest total).
import type { CrossTab, ReportKind } from '../../../electron/api/contract';

export const REPORT_LABELS: Record<ReportKind, string> = {
  'code-document': 'Code × document',
  'code-role': 'Code × interviewee role',
  'co-occurrence': 'Code co-occurrence',
};
export const REPORT_KINDS = Object.keys(REPORT_LABELS) as ReportKind[];

export interface Bar {
  id: string;
  name: string;
  total: number;
  /** 0–100: the bar's length as a share of the longest. */
  percent: number;
}

/** A row's total; for co-occurrence, the diagonal (a code with itself) is left out. */
export function rowTotal(tab: CrossTab, r: number, skipDiagonal = false): number {
  return (tab.counts[r] ?? []).reduce((sum, n, c) => (skipDiagonal && tab.columns[c]?.id === tab.rows[r]?.id ? sum : sum + n), 0);
}

/** The bar's length for a value, in percent of `max`; 0 when max is 0; a non-zero value shows at least 1%. */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1, Math.min(100, Math.round((value / max) * 1000) / 10));
}

export function barsOf(tab: CrossTab, kind: ReportKind): Bar[] {
  const totals = tab.rows.map((row, r) => ({ id: row.id, name: row.name, total: rowTotal(tab, r, kind === 'co-occurrence') }));
  const max = Math.max(0, ...totals.map((t) => t.total));
  return totals.map((t) => ({ ...t, percent: barPercent(t.total, max) }));
}
