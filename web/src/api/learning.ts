// Pre-learning calls: the participant portal (/api/portal/*, signed in by e-mail link), the e-mail link itself
// (/api/auth/email-link*), and the staff views (/api/admin/learning/*). Unsafe requests carry the session's CSRF
// token: the participant's from /me or the confirm answer, the staff member's from the back-office session.
import { ApiError, request } from './client'
import { staffState } from '../stores/staffSession'

// ---------- participant ----------

export interface PortalLecture {
  id: string
  course: string
  position: number
  title: string
  title_en: string
  summary: string
  estimated_minutes: number
  required: boolean
  studied: boolean
  /** Open from acceptance until the end of the session day. */
  open?: boolean
  closes_at?: string
  quiz_ids: string[]
}

export interface QuizStanding {
  attempts_used: number
  passed: boolean
  may_attempt: boolean
  attempts_left: number | null
  score_percent?: number | null
  best_percent?: number | null
}

export type FeedbackLevel = 'score_only' | 'correctness' | 'full'

export interface QuizSummary extends QuizStanding {
  id: string
  title: string
  lecture_id: string
  questions: number
  pass_percent: number
  attempts_allowed: number
  policy: 'best' | 'last' | string
  feedback: FeedbackLevel | string
  time_limit_minutes: number | null
}

export interface PortalQuestionnaireSummary {
  phase: 'pre' | 'post'
  title: string
  opens_at: string
  closes_at: string
  open: boolean
  answered: boolean
}

export interface TeamMember {
  name: string
  profession: string
  ready: boolean
  lectures_studied: number
  quizzes_passed: number
  pre_done: boolean
  me: boolean
}

export interface Portal {
  participant: { name: string; profession: string; hospital: string; reference: string }
  session: {
    id: string
    number: number
    date: string
    venue: string
    venue_en: string
    region: string
    starts_at: string
    ends_at: string
  }
  lectures: PortalLecture[]
  quizzes: QuizSummary[]
  questionnaires: PortalQuestionnaireSummary[]
  team: { members: number; ready: number; list: TeamMember[] }
}

/** A lecture as its page shows it: the portal's line without its position, with the body and the video. */
export interface LectureDetail extends Omit<PortalLecture, 'position'> {
  body_md: string
  body_format: string
  video_url: string
}

/** Question formats as the server names them (domain::to_string of the GIFT format). */
export interface QuizQuestion {
  position: number
  title: string
  text: string
  format: string
  type: string
  points: number
  choices: { index: number; text: string }[]
}

export interface OpenAttempt {
  id: string
  started_at: string
  questions: QuizQuestion[]
}

export interface QuizDetail {
  id: string
  title: string
  lecture_id: string
  questions: number
  pass_percent: number
  attempts_allowed: number
  policy: string
  feedback: FeedbackLevel | string
  time_limit_minutes: number | null
  standing: QuizStanding
  attempts: { id: string; submitted_at: string; percent: number; passed: boolean }[]
  open_attempt: OpenAttempt | null
}

export interface AnswerBody {
  question: number
  choices?: number[]
  truth?: boolean
  number?: number
  text?: string
}

export interface AttemptResult {
  id: string
  score: number
  max_score: number
  percent: number
  passed: boolean
  questions: { position: number; correct?: boolean; score?: number; max_score?: number; feedback?: string[] }[]
  standing: QuizStanding
}

export type ItemKind = 'likert' | 'single_choice' | 'multiple_choice' | 'numeric' | 'free_text' | string

export interface FormItem {
  id: string
  kind: ItemKind
  text: string
  text_en: string
  required: boolean
  scale_min?: number
  scale_max?: number
  labels?: string[]
  labels_en?: string[]
  options?: string[]
  options_en?: string[]
  max_choices?: number
  min?: number
  max?: number
  integer?: boolean
  max_length?: number
}

export interface FormSection {
  id: string
  title: string
  title_en: string
  items: FormItem[]
}

export interface Questionnaire {
  phase: 'pre' | 'post'
  title: string
  title_en: string
  opens_at: string
  closes_at: string
  open: boolean
  answered: boolean
  sections: FormSection[]
}

export interface ItemAnswer {
  scale?: number
  choices?: number[]
  number?: number
  text?: string
}

export interface PersonMe {
  kind: 'staff' | 'person'
  email: string
  csrf_token: string
}

let personCsrf = ''

function unsafeHeaders(method: string, token: string): Record<string, string> {
  return method !== 'GET' && token ? { 'X-CSRF-Token': token } : {}
}

async function person<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, { body, headers: unsafeHeaders(method, personCsrf) })
}

const id = encodeURIComponent

/** The signed-in person (participant), or null when nobody is signed in. */
export async function loadPerson(): Promise<PersonMe | null> {
  try {
    const me = await request<PersonMe>('GET', '/api/auth/me')
    personCsrf = me.csrf_token
    return me
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null
    throw e
  }
}

export const portalApi = {
  requestLink: (email: string) => request<{ sent: boolean }>('POST', '/api/auth/email-link', { body: { email } }),
  confirmLink: async (token: string) => {
    const r = await request<{ stage: string; me?: PersonMe }>('POST', '/api/auth/email-link/confirm', { body: { token } })
    if (r.me) personCsrf = r.me.csrf_token
    return r
  },
  signOut: async () => {
    await person<unknown>('POST', '/api/auth/sign-out').catch((e) => {
      if (!(e instanceof ApiError) || e.status >= 300) throw e
    })
    personCsrf = ''
  },
  overview: () => person<Portal>('GET', '/api/portal'),
  lecture: (lectureId: string) => person<LectureDetail>('GET', `/api/portal/lectures/${id(lectureId)}`),
  studied: (lectureId: string) => person<{ studied: boolean }>('POST', `/api/portal/lectures/${id(lectureId)}/studied`),
  quiz: (quizId: string) => person<QuizDetail>('GET', `/api/portal/quizzes/${id(quizId)}`),
  startAttempt: (quizId: string) => person<OpenAttempt>('POST', `/api/portal/quizzes/${id(quizId)}/attempts`),
  submitAttempt: (attemptId: string, answers: AnswerBody[]) =>
    person<AttemptResult>('POST', `/api/portal/attempts/${id(attemptId)}`, { answers }),
  questionnaire: (phase: string) => person<Questionnaire>('GET', `/api/portal/questionnaires/${id(phase)}`),
  answerQuestionnaire: (phase: string, answers: Record<string, ItemAnswer>) =>
    person<{ answered: boolean }>('POST', `/api/portal/questionnaires/${id(phase)}`, { answers }),
}

// ---------- staff ----------

export interface ProgressRow {
  member_id: string
  reference: string
  hospital: string
  session_id: string
  name: string
  profession: string
  lectures_required: number
  lectures_studied: number
  quizzes: number
  quizzes_passed: number
  pre_done: boolean
  post_done: boolean
  ready: boolean
}

export interface Progress {
  year: string
  participants: ProgressRow[]
}

/** One group's paired comparison; figures are null (or absent) when withheld. */
export interface PairedStats {
  n_pairs: number | null
  suppressed?: boolean
  mean_before?: number | null
  mean_after?: number | null
  median_before?: number | null
  median_after?: number | null
  mean_difference?: number | null
  z?: number | null
  p_value?: number | null
  r?: number | null
  exact?: boolean
  /** Counts per scale point before/after, when the server sends them. */
  distribution_before?: Record<string, number | null> | number[] | null
  distribution_after?: Record<string, number | null> | number[] | null
}

export interface PairedItem {
  id: string
  text: string
  kind: string
  groups: Record<string, PairedStats>
}

export interface Rate {
  answered: number | null
  invited: number
  rate: number | null
}

export interface Results {
  year: string
  questionnaire: string
  suppressed_below: number
  response_rates: { pre: Rate; post: Rate }
  paired_items: PairedItem[]
  free_text?: { phase: string; item: string; text: string; answers: string[] }[]
}

export interface GiftError {
  line: number
  code: string
  detail: string
}

export interface AdminLecture {
  id: string
  course: string
  position: number
  title: string
  title_en: string
  summary: string
  body_md: string
  video_url: string
  estimated_minutes: number
  required: boolean
  quizzes: { id: string; questions: number; pass_percent: number; attempts_allowed: number }[]
}

async function staff<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, { body, headers: unsafeHeaders(method, staffState.me?.csrf_token ?? '') })
}

function sessionQuery(sessionId?: string): string {
  return sessionId ? `?session=${id(sessionId)}` : ''
}

export const learningAdminApi = {
  progress: (year: string, sessionId?: string) =>
    staff<Progress>('GET', `/api/admin/learning/${id(year)}/progress${sessionQuery(sessionId)}`),
  progressExportUrl: (year: string, format: 'csv' | 'xlsx', sessionId?: string) =>
    `/api/admin/learning/${id(year)}/progress.${format}${sessionQuery(sessionId)}`,
  results: (year: string) => staff<Results>('GET', `/api/admin/learning/${id(year)}/results`),
  resultsExportUrl: (year: string) => `/api/admin/learning/${id(year)}/results.xlsx`,
  lectures: (year: string) =>
    staff<{ year: string; lectures: AdminLecture[] }>('GET', `/api/admin/learning/${id(year)}/lectures`),
  /** Creates (no id) or edits a lecture; absent keys stay as they are. */
  saveLecture: (year: string, lecture: LectureInput, lectureId?: string) =>
    lectureId
      ? staff<{ id: string }>('PUT', `/api/admin/learning/${id(year)}/lectures/${id(lectureId)}`, lecture)
      : staff<{ id: string }>('POST', `/api/admin/learning/${id(year)}/lectures`, lecture),
  /** Copies another year's lectures (tests, questions, files, questionnaire) into a year that has none. */
  copyFrom: (year: string, fromYear: string) =>
    staff<CopyResult>('POST', `/api/admin/learning/${id(year)}/copy-from/${id(fromYear)}`, {}),
  importGift,
}

export interface LectureInput {
  course?: string
  title: string
  title_en: string
  summary: string
  body_md: string
  video_url: string
  estimated_minutes: number
  position: number
  required: boolean
}

export interface CopyResult {
  year: string
  from_year: string
  lectures: number
  quizzes: number
  questions: number
  /** Lecture files copied (new files on the server). */
  attachments?: number
  questionnaire: boolean
  skipped: string[]
}

/**
 * Imports a GIFT file into a quiz. A bad file answers 422 quiz.gift_invalid with every error and its line (in
 * `error.errors`, which the generic client does not keep): read here and returned as `errors` (nothing imported).
 */
async function importGift(quizId: string, gift: string): Promise<{ imported: number; errors: GiftError[] }> {
  const response = await fetch(`/api/admin/learning/quizzes/${id(quizId)}/gift`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'Accept-Language': document.documentElement.lang === 'en' ? 'en' : 'ja',
      ...unsafeHeaders('POST', staffState.me?.csrf_token ?? ''),
    },
    body: JSON.stringify({ gift }),
    credentials: 'same-origin',
    cache: 'no-store',
  })
  const body = (await response.json().catch(() => null)) as
    | { imported?: number; errors?: GiftError[]; error?: { code?: string; message?: string; errors?: GiftError[] } }
    | null
  if (response.ok && body) return { imported: body.imported ?? 0, errors: body.errors ?? [] }
  if (body?.error?.code === 'quiz.gift_invalid') return { imported: 0, errors: body.error.errors ?? [] }
  throw new ApiError(response.status, body?.error?.code ?? 'client.bad_response', '', body?.error?.message ?? '', [])
}
