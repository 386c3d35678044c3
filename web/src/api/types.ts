// Shapes of the kenshu JSON API (snake_case, as the server sends them).

export type Lang = 'ja' | 'en'

/** A text the server sends in both languages. */
export interface Localized {
  ja: string
  en: string
}

export interface YearSummary {
  key: string
  label: Localized
  is_demo: boolean
}

export interface ProgramYear extends YearSummary {
  fiscal_year: number
  title: Localized
  applications_open_at: string
}

export type CourseCode = 'ventilator' | 'ecmo'

export interface Course {
  code: CourseCode
  name: Localized
  starts: string
  ends: string
}

export interface SessionChange {
  field: string
  old: Localized
  new: Localized
  changed_at: string
}

export interface Session {
  id: string
  number: number
  date: string
  region: Localized
  prefecture_code: number
  prefecture: Localized
  venue: Localized
  capacity_teams: number
  capacity_people: number
  places_open: number
  applications_close_at: string
  is_open: boolean
  changed_at: string | null
  changes: SessionChange[]
}

export type Profession = 'doctor' | 'nurse' | 'clinical_engineer' | 'other'

export interface TeamRules {
  min_size: number
  max_size: number
  required_professions: Profession[]
  professions: Profession[]
}

/** How places are given (the year's [selection] rules), as teams read them. */
export interface SelectionRules {
  tiers: { tier: number; name: Localized; description: Localized }[]
  max_teams_per_prefecture_per_session: number | null
  confirm_days: number
  promotion_stops_days_before: number
}

export interface Program {
  year: ProgramYear
  years: YearSummary[]
  courses: Course[]
  sessions: Session[]
  team_rules: TeamRules
  privacy_notice: { version: string; text: Localized }
  secretariat: { name: Localized; email: string }
  notes: Localized[]
  selection: SelectionRules
  now: string
}

/** A published selection run's lottery: its seed and the references in the order drawn (GET /api/selection/draws). */
export interface Draw {
  run_id: string
  published_at: string
  session_ids: string[]
  seed: string
  method: string | null
  order: string[]
}

export type CriticalCareCenter = 'none' | 'regular' | 'advanced'

export interface HospitalBody {
  name: string
  name_kana: string
  prefecture_code: number
  postal_code: string
  address: string
  phone: string
  critical_care_center: CriticalCareCenter
  advanced_treatment_hospital: boolean
  ecmo_cases_last_year: { vv: number; va: number }
}

export interface ContactBody {
  name: string
  name_kana: string
  department: string
  email: string
  phone: string
}

export interface MemberBody {
  name: string
  name_kana: string
  profession: Profession
  department: string
  years_of_experience: number
  email: string
}

export interface PreferencesBody {
  any_session: boolean
  session_ids: string[]
}

export interface ConsentsBody {
  privacy_notice_version: string
  no_recording: boolean
}

/** The body of POST /api/applications and POST /api/applications/check. */
export interface ApplicationBody {
  program_year?: string
  hospital: HospitalBody
  contact: ContactBody
  members: MemberBody[]
  preferences: PreferencesBody
  consents: ConsentsBody
}

/** The body of PATCH /api/manage/application: each section present is replaced whole. */
export type ApplicationPatch = Partial<Pick<ApplicationBody, 'hospital' | 'contact' | 'members' | 'preferences'>>

export interface SubmitResult {
  id: string
  reference: string
  status: string
  program_year: string
}

export type ApplicationStatus = 'submitted' | 'withdrawn' | string

export interface PreferredSession {
  rank: number
  session_id: string
  date: string
  venue: Localized
  region: Localized
}

export interface HistoryEntry {
  at: string
  event: 'submitted' | 'updated' | 'withdrawn' | string
  summary: Localized
}

/** GET /api/manage/application */
export interface ManagedApplication {
  id: string
  reference: string
  status: ApplicationStatus
  program_year: string
  created_at: string
  updated_at: string
  editable_until: string
  editable: boolean
  hospital: HospitalBody
  contact: ContactBody
  members: MemberBody[]
  preferences: { any_session: boolean; sessions: PreferredSession[] }
  history: HistoryEntry[]
  /** What selection decided, once a run is published (null or absent before). */
  selection?: PlacementView | null
}

export type PlacementOutcome = 'accepted' | 'waitlisted' | 'not_selected' | 'declined' | 'released'

export interface PlacementSessionRef {
  session_id: string
  number?: number
  date?: string
  venue?: Localized
  region?: Localized
}

export interface PlacementView {
  outcome: PlacementOutcome | string
  session: PlacementSessionRef | null
  tier: number
  rank: number
  promoted: boolean
  explanation: Localized
  waitlist: (PlacementSessionRef & { position: number })[]
  later_sessions: PlacementSessionRef[]
  confirm_by: string | null
  confirmed_at: string | null
  declined_at: string | null
  released_at: string | null
  can_confirm: boolean
  can_decline: boolean
}

export interface ErrorDetail {
  code: string
  field: string
  message: string
}

export interface ErrorBody {
  error: {
    code: string
    field?: string
    message: string
    request_id?: string
    details?: ErrorDetail[]
  }
}
