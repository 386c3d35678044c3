// The back office's calls: /api/auth/* (staff sign-in and set-up) and /api/admin/*. The session lives in an
// HttpOnly cookie the browser sends itself; unsafe requests also carry the session's CSRF token (from /me or the
// sign-in answer) in X-CSRF-Token. The browser adds Origin on its own.
import { ApiError, request } from './client'
import type { ErrorDetail, Localized, MemberBody, HospitalBody, Profession } from './types'

export type Role = 'admin' | 'staff' | 'coordinator' | 'instructor' | 'ministry'
export const ROLES: readonly Role[] = ['admin', 'staff', 'coordinator', 'instructor', 'ministry']

export interface Me {
  kind: 'staff' | 'person'
  email: string
  csrf_token: string
  user_id?: string
  display_name?: string
  role?: Role
  session_ids?: string[]
}

export interface SignInAnswer {
  stage: 'second_factor' | 'signed_in'
  me?: Me
}

export interface SetupStart {
  email: string
  display_name: string
  role: Role
  second_factor_required: boolean
  totp_secret: string
  otpauth_uri: string
  qr_svg: string
}

export type Count = number | null

export interface DashboardSession {
  id: string
  number: number
  date: string
  venue: Localized
  region: Localized
  capacity_teams: number
  applications_close_at: string
  by_rank: Count[]
  any_session: Count
}

export interface Dashboard {
  year: string
  suppressed: boolean
  applications: Count
  withdrawn: Count
  people: Count
  sessions: DashboardSession[]
  by_profession: Record<string, Count>
  by_prefecture: Record<string, Count>
  by_hospital_type: Record<string, Count>
  next_close_at: string | null
  next_close_session_number: number | null
}

export const REVIEW_STATUSES = ['new', 'in_review', 'needs_correction', 'complete', 'ineligible'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]
export const HOSPITAL_TYPES = ['advanced_critical_care', 'critical_care', 'advanced_treatment', 'other'] as const
export const SORTS = ['reference', 'created_at', 'updated_at', 'hospital', 'prefecture'] as const

export interface ApplicationItem {
  id: string
  reference: string
  status: string
  review_status: ReviewStatus | string
  hospital: Pick<HospitalBody, 'name' | 'name_kana' | 'prefecture_code' | 'critical_care_center' | 'advanced_treatment_hospital' | 'ecmo_cases_last_year'>
  contact: { name: string; name_kana: string }
  people: number
  professions: Record<Profession, number>
  session_ids: string[]
  any_session: boolean
  created_at: string
  updated_at: string
}

export interface SessionBrief {
  id: string
  number: number
  date: string
  venue: Localized
  region: Localized
}

export interface ApplicationPage {
  year: string
  total: number
  page: number
  per_page: number
  items: ApplicationItem[]
  sessions: SessionBrief[]
}

export interface StaffApplication {
  id: string
  reference: string
  status: string
  review_status: string
  program_year: string
  created_at: string
  updated_at: string
  editable_until: string
  editable: boolean
  hospital: HospitalBody
  contact: { name: string; name_kana: string; department: string; email: string; phone: string }
  members: (MemberBody & { id: string })[]
  preferences: {
    any_session: boolean
    sessions: { rank: number; session_id: string; number: number; date: string; venue: Localized; region: Localized }[]
  }
  history: { at: string; event: string; actor: string; detail: Record<string, unknown> }[]
  notes: { id: string; author: string; body: string; created_at: string }[]
}

export interface SessionPatch {
  date?: string
  venue?: Localized
  capacity_teams?: number
  capacity_people?: number
  applications_close_at?: string
}

export interface SessionUpdate {
  session: {
    id: string
    number: number
    date: string
    venue: Localized
    capacity_teams: number
    capacity_people: number
    applications_close_at: string
  }
  changes: { field: string; old: Localized; new: Localized }[]
  teams_notified: number
}

export interface StaffUser {
  id: string
  email: string
  display_name: string
  role: Role
  disabled: boolean
  password_set: boolean
  second_factor: boolean
  recovery_codes_left: number
  session_ids: string[]
  created_at: string
  last_sign_in_at: string | null
  disabled_at: string | null
}

export interface NewUser {
  email: string
  role: Role
  display_name?: string
  session_ids?: string[]
  locale?: 'ja' | 'en'
}

export interface AuditEntry {
  id: string
  at: string
  actor_user_id: string | null
  actor: string
  ip: string
  action: string
  entity: string
  entity_id: string
  before: unknown
  after: unknown
}

export interface AuditQuery {
  entity?: string
  entity_id?: string
  actor_user_id?: string
  action?: string
  from?: string
  to?: string
  limit?: number
  offset?: number
}


// ---------- selection ----------

export interface CapacityOverride {
  session_id: string
  capacity_teams: number
  capacity_people: number
}

export interface DryRunBody {
  year?: string
  session_ids: string[]
  capacity_overrides?: CapacityOverride[]
  seed?: string
}

export interface SelectionTeam {
  application_id: string
  reference: string
  hospital_name: string
  prefecture_code: number
  people: number
  tier: number
  engine_outcome: string
  outcome: 'accepted' | 'waitlisted' | 'not_selected' | string
  session_id: string | null
  rank: number
  lottery_position: number
  waitlist: { session_id: string; position: number }[]
  later_session_ids: string[]
  explanation: Localized
}

export interface SelectionSessionCount {
  session_id: string
  number: number
  date: string
  region: Localized
  capacity_teams: number
  capacity_people: number
  selected_by_tier: number[]
  pinned: number
  teams: number
  people: number
  team_limit: number
  waitlist: string[]
}

export interface SelectionTierCount {
  tier: number
  name: Localized
  description: Localized
  teams: number
  eligible: number
  selected: number
}

export interface SelectionResult {
  seed: string
  /** Applications flagged by the official lists and not yet reviewed: publishing is refused while any is left. */
  unresolved_flags?: number
  counts: { accepted: number; waitlisted: number; not_selected: number }
  teams: SelectionTeam[]
  sessions: SelectionSessionCount[]
  tiers: SelectionTierCount[]
  warnings: Localized[]
}

export interface SelectionRun {
  id: string
  status: 'draft' | 'published' | string
  seed: string
  session_ids: string[]
  capacity_overrides: CapacityOverride[]
  created_by: string
  created_at: string | null
  published_at: string | null
  result?: SelectionResult
}

export interface PublishAnswer {
  run: SelectionRun
  accepted: number
  waitlisted: number
  not_selected: number
  mails: number
}

export interface PinEntry {
  application_id: string
  session_id?: string
  reason: string
  by: string
  at: string | null
}

export interface PinsView {
  year: string
  pins: PinEntry[]
  excludes: PinEntry[]
}

export interface ReleaseAnswer {
  released: string[]
  promoted: string[]
}

let csrfToken = ''
let onSignedOut: (() => void) | null = null

/** The CSRF token of the current session (from /me or the sign-in answer). */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** Called when the server says the session is gone (expired, signed out elsewhere). */
export function onSessionLost(f: (() => void) | null): void {
  onSignedOut = f
}

export async function staff<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = {}
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  try {
    return await request<T>(method, path, { body, headers, contentType })
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && e.code === 'auth.required') onSignedOut?.()
    throw e
  }
}

/** A request whose answer has no body (204). */
async function noContent(method: string, path: string): Promise<void> {
  try {
    await staff<unknown>(method, path)
  } catch (e) {
    // 204 has no JSON: the client reports it as a bad response with a 2xx status, which is success here.
    if (e instanceof ApiError && e.status >= 200 && e.status < 300) return
    throw e
  }
}

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

const id = encodeURIComponent

export const adminApi = {
  me: () => staff<Me>('GET', '/api/auth/me'),
  signIn: (email: string, password: string) => staff<SignInAnswer>('POST', '/api/auth/sign-in', { email, password }),
  secondFactor: (answer: { code: string } | { recovery_code: string }) =>
    staff<SignInAnswer>('POST', '/api/auth/sign-in/second-factor', answer),
  signOut: () => noContent('POST', '/api/auth/sign-out'),
  signOutEverywhere: () => noContent('POST', '/api/auth/sign-out-everywhere'),
  setupStart: (token: string) => staff<SetupStart>('POST', '/api/auth/setup/start', { token }),
  setupComplete: (token: string, password: string, totpCode?: string) =>
    staff<{ recovery_codes: string[] }>('POST', '/api/auth/setup/complete', {
      token,
      password,
      ...(totpCode ? { totp_code: totpCode } : {}),
    }),

  dashboard: (year?: string) => staff<Dashboard>('GET', `/api/admin/dashboard${queryString({ year })}`),
  applications: (query: string) => staff<ApplicationPage>('GET', `/api/admin/applications${query}`),
  application: (appId: string) =>
    staff<{ application: StaffApplication }>('GET', `/api/admin/applications/${id(appId)}`).then((r) => r.application),
  addNote: (appId: string, body: string) =>
    staff<{ application: StaffApplication }>('POST', `/api/admin/applications/${id(appId)}/notes`, { body }).then(
      (r) => r.application,
    ),
  setReviewStatus: (appId: string, review_status: string, reason: string) =>
    staff<{ application: StaffApplication }>('POST', `/api/admin/applications/${id(appId)}/review-status`, {
      review_status,
      reason,
    }).then((r) => r.application),
  requestCorrection: (appId: string, message: string) =>
    staff<{ application: StaffApplication }>('POST', `/api/admin/applications/${id(appId)}/request-correction`, {
      message,
    }).then((r) => r.application),
  updateSession: (sessionId: string, patch: SessionPatch) =>
    staff<SessionUpdate>('PATCH', `/api/admin/sessions/${id(sessionId)}`, patch),
  copyYear: (fromKey: string, body: unknown) =>
    staff<{ year: { key: string; fiscal_year: number; label: Localized } }>(
      'POST',
      `/api/admin/years/${id(fromKey)}/copy`,
      body,
    ).then((r) => r.year),
  addSession: (yearKey: string, body: unknown) =>
    staff<{ session: SessionUpdate['session'] & { region: Localized; prefecture_code: number } }>(
      'POST',
      `/api/admin/years/${id(yearKey)}/sessions`,
      body,
    ).then((r) => r.session),

  users: () => staff<{ users: StaffUser[] }>('GET', '/api/admin/users').then((r) => r.users),
  invite: (user: NewUser) => staff<{ user: StaffUser }>('POST', '/api/admin/users', user).then((r) => r.user),
  setDisabled: (userId: string, disabled: boolean) =>
    staff<{ user: StaffUser }>('POST', `/api/admin/users/${id(userId)}/${disabled ? 'disable' : 'enable'}`).then(
      (r) => r.user,
    ),
  audit: (q: AuditQuery) =>
    staff<{ entries: AuditEntry[] }>('GET', `/api/admin/audit${queryString({ ...q })}`).then((r) => r.entries),

  dryRun: (body: DryRunBody) =>
    staff<{ run: SelectionRun }>('POST', '/api/admin/selection/dry-run', body).then((r) => r.run),
  selectionRuns: (year?: string) =>
    staff<{ runs: SelectionRun[] }>('GET', `/api/admin/selection/runs${queryString({ year })}`).then((r) => r.runs),
  publishRun: (runId: string) => staff<PublishAnswer>('POST', `/api/admin/selection/runs/${id(runId)}/publish`, {}),
  pins: (year?: string) => staff<PinsView>('GET', `/api/admin/selection/pins${queryString({ year })}`),
  pin: (application_id: string, session_id: string, reason: string) =>
    staff<PinsView>('POST', '/api/admin/selection/pins', { application_id, session_id, reason }),
  unpin: (applicationId: string) => staff<PinsView>('DELETE', `/api/admin/selection/pins/${id(applicationId)}`),
  exclude: (application_id: string, reason: string) =>
    staff<PinsView>('POST', '/api/admin/selection/excludes', { application_id, reason }),
  unexclude: (applicationId: string) => staff<PinsView>('DELETE', `/api/admin/selection/excludes/${id(applicationId)}`),
  release: (session_id: string, reason: string) =>
    staff<ReleaseAnswer>('POST', '/api/admin/selection/release', { session_id, reason }),
}

export function rosterUrl(sessionId: string, format: 'csv' | 'xlsx', lang: string): string {
  return `/api/admin/sessions/${id(sessionId)}/roster.${format}${queryString({ lang })}`
}

/** Problems of an answer, each with its field ('' for the form as a whole). */
export function problemsOf(e: ApiError): ErrorDetail[] {
  return e.details.length ? e.details : [{ code: e.code, field: e.field, message: e.message }]
}
