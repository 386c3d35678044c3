// The staff views of pre-learning: figures of the paired results as shown (null = withheld or not computable → "—"),
// group names, the chart data of an item, and the progress counts per session and team.
import type { PairedItem, PairedStats, ProgressRow } from '../../api/learning'

export const DASH = '—'

export function fixed(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || Number.isNaN(v) ? DASH : v.toFixed(digits)
}

/** p as usually reported: "<0.001" below a thousandth, else three decimals. */
export function pValue(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return DASH
  return v < 0.001 ? '<0.001' : v.toFixed(3)
}

export function count(v: number | null | undefined): string {
  return v === null || v === undefined ? DASH : String(v)
}

export type GroupKind = 'all' | 'profession' | 'session'

export function groupOf(key: string): { kind: GroupKind; value: string } {
  const i = key.indexOf(':')
  if (i < 0) return { kind: 'all', value: '' }
  return { kind: key.slice(0, i) as GroupKind, value: key.slice(i + 1) }
}

/** The group keys of an item by kind, in the server's order. */
export function groupsByKind(item: PairedItem, kind: GroupKind): string[] {
  return Object.keys(item.groups).filter((k) => groupOf(k).kind === kind)
}

/**
 * Counts per point of a distribution (array, or object keyed by point) over `points`; null when not sent. A cell
 * withheld for the Ministry (null) stays null (a gap in the chart); a point not sent counts 0.
 */
export function distribution(d: PairedStats['distribution_before'], points: readonly number[]): (number | null)[] | null {
  if (!d) return null
  if (Array.isArray(d)) return points.map((_, i) => d[i] ?? 0)
  return points.map((p) => {
    const v = d[String(p)]
    return v === null ? null : (v ?? 0)
  })
}

/** Means before/after of the groups given, for a bar chart (a withheld group gives nulls, drawn as gaps). */
export function meansSeries(item: PairedItem, keys: readonly string[]): { before: (number | null)[]; after: (number | null)[] } {
  return {
    before: keys.map((k) => item.groups[k]?.mean_before ?? null),
    after: keys.map((k) => item.groups[k]?.mean_after ?? null),
  }
}

export interface ProgressSummary {
  key: string
  people: number
  studied: number
  passed: number
  pre: number
  post: number
  ready: number
}

/** People, and how many have studied every required lecture, passed every test, answered pre/post, are ready. */
export function summarise(rows: readonly ProgressRow[], keyOf: (r: ProgressRow) => string): ProgressSummary[] {
  const by = new Map<string, ProgressSummary>()
  for (const r of rows) {
    const key = keyOf(r)
    const s = by.get(key) ?? { key, people: 0, studied: 0, passed: 0, pre: 0, post: 0, ready: 0 }
    s.people += 1
    if (r.lectures_studied >= r.lectures_required) s.studied += 1
    if (r.quizzes_passed >= r.quizzes) s.passed += 1
    if (r.pre_done) s.pre += 1
    if (r.post_done) s.post += 1
    if (r.ready) s.ready += 1
    by.set(key, s)
  }
  return [...by.values()].sort((a, b) => a.key.localeCompare(b.key))
}
