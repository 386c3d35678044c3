// The application list's filters, sorting and paging: one object, kept in the page's URL (so a filtered list can be
// bookmarked, shared and reloaded) and sent as the API's query string — the same one the exports take.
import { HOSPITAL_TYPES, REVIEW_STATUSES, SORTS } from '../../api/admin'
import type { Profession } from '../../api/types'

export interface ListFilters {
  year: string
  session_id: string
  status: '' | 'submitted' | 'withdrawn'
  review_status: string
  prefecture_code: string
  hospital_type: string
  profession: '' | Profession
  q: string
  sort: string
  page: number
  per_page: number
}

export const DEFAULT_PER_PAGE = 50
export const PER_PAGE_CHOICES = [20, 50, 100] as const
const PROFESSIONS = ['doctor', 'nurse', 'clinical_engineer', 'other']

export function emptyFilters(): ListFilters {
  return {
    year: '',
    session_id: '',
    status: '',
    review_status: '',
    prefecture_code: '',
    hospital_type: '',
    profession: '',
    q: '',
    sort: 'reference',
    page: 1,
    per_page: DEFAULT_PER_PAGE,
  }
}

type RouteQuery = Record<string, string | null | (string | null)[] | undefined>

function one(v: RouteQuery[string]): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}

function positive(s: string, fallback: number, max: number): number {
  if (!/^\d{1,6}$/.test(s)) return fallback
  const n = Number(s)
  return n >= 1 && n <= max ? n : fallback
}

/** Filters from the page's URL; anything unknown or malformed falls back to the default. */
export function filtersFromRoute(query: RouteQuery): ListFilters {
  const f = emptyFilters()
  f.year = one(query.year)
  f.session_id = one(query.session_id)
  const status = one(query.status)
  f.status = status === 'submitted' || status === 'withdrawn' ? status : ''
  const review = one(query.review_status)
  f.review_status = (REVIEW_STATUSES as readonly string[]).includes(review) ? review : ''
  const pref = one(query.prefecture_code)
  f.prefecture_code = /^\d{1,2}$/.test(pref) && Number(pref) >= 1 && Number(pref) <= 47 ? String(Number(pref)) : ''
  const type = one(query.hospital_type)
  f.hospital_type = (HOSPITAL_TYPES as readonly string[]).includes(type) ? type : ''
  const profession = one(query.profession)
  f.profession = PROFESSIONS.includes(profession) ? (profession as Profession) : ''
  f.q = one(query.q).slice(0, 200)
  const sort = one(query.sort)
  f.sort = (SORTS as readonly string[]).includes(sort.replace(/^-/, '')) ? sort : 'reference'
  f.page = positive(one(query.page), 1, 100000)
  f.per_page = positive(one(query.per_page), DEFAULT_PER_PAGE, 500)
  return f
}

/** The non-default filters as name → value (for the URL and the API). Paging only when `paging`. */
export function filterParams(f: ListFilters, paging = true): Record<string, string> {
  const out: Record<string, string> = {}
  const d = emptyFilters()
  const keys = ['year', 'session_id', 'status', 'review_status', 'prefecture_code', 'hospital_type', 'profession'] as const
  for (const k of keys) if (f[k]) out[k] = f[k]
  const q = f.q.trim()
  if (q) out.q = q
  if (f.sort && f.sort !== d.sort) out.sort = f.sort
  if (paging) {
    if (f.page !== 1) out.page = String(f.page)
    if (f.per_page !== d.per_page) out.per_page = String(f.per_page)
  }
  return out
}

function toQueryString(params: Record<string, string>): string {
  const s = new URLSearchParams(params).toString()
  return s ? `?${s}` : ''
}

/** `?session_id=…&q=…&page=2` for GET /api/admin/applications. */
export function listQuery(f: ListFilters): string {
  return toQueryString(filterParams(f))
}

export type ExportKind = 'applications' | 'members'
export type ExportFormat = 'csv' | 'xlsx'

/** The export of what the list shows (every page: the filters, without paging), headings in `lang`. */
export function exportUrl(kind: ExportKind, format: ExportFormat, f: ListFilters, lang: string): string {
  return `/api/admin/exports/${kind}.${format}${toQueryString({ ...filterParams(f, false), lang })}`
}

/** A change of any filter starts again at page 1; paging changes keep the filters. */
export function withFilter<K extends keyof ListFilters>(f: ListFilters, key: K, value: ListFilters[K]): ListFilters {
  return { ...f, [key]: value, page: key === 'page' ? (value as number) : 1 }
}

/** 1-based number of pages for `total` items (at least 1). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)))
}

/** The pages to offer as links: first, last and the neighbours of the current one; 0 marks a gap. */
export function pageLinks(current: number, pages: number): number[] {
  const wanted = new Set([1, pages, current - 1, current, current + 1].filter((p) => p >= 1 && p <= pages))
  const sorted = [...wanted].sort((a, b) => a - b)
  const out: number[] = []
  for (const p of sorted) {
    if (out.length && p - out[out.length - 1]! > 1) out.push(0)
    out.push(p)
  }
  return out
}
