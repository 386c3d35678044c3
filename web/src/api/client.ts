// The one place that talks to the kenshu API: JSON in and out, Accept-Language from the chosen language,
// and every failure turned into an ApiError carrying the server's code, field and details.
import type {
  ApplicationBody,
  ApplicationPatch,
  Draw,
  ErrorBody,
  ErrorDetail,
  Lang,
  ManagedApplication,
  Program,
  SubmitResult,
} from './types'

/** Codes the client itself uses when no server answer explains the failure. */
export const NETWORK_ERROR = 'client.network'
export const BAD_RESPONSE = 'client.bad_response'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string,
    message: string,
    readonly details: ErrorDetail[],
    readonly requestId = '',
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** True when the server gave a definite answer, so nothing was (or will be) created by this request. */
  get definite(): boolean {
    return this.status >= 400 && this.status < 500
  }
}

/** Any failure of a call as an ApiError, for pages that show one: a thrown non-ApiError is a bad response. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, BAD_RESPONSE, '', String(e), [])
}

let language: Lang = 'ja'

/** The language sent as Accept-Language, kept in step with the language the user chose. */
export function setApiLanguage(lang: Lang): void {
  language = lang
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

let fetcher: FetchLike = (input, init) => fetch(input, init)

/** Tests replace the transport; the application uses the browser's fetch. */
export function setFetch(f: FetchLike): void {
  fetcher = f
}

interface RequestOptions {
  body?: unknown
  token?: string
  headers?: Record<string, string>
  /** Send `body` as it is (bytes, text) with this Content-Type instead of as JSON. */
  contentType?: string
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null
  try {
    body = (await response.json()) as Partial<ErrorBody>
  } catch {
    body = null
  }
  const e = body?.error
  if (!e || typeof e.code !== 'string') {
    return new ApiError(response.status, BAD_RESPONSE, '', response.statusText, [])
  }
  const details = Array.isArray(e.details) && e.details.length > 0
    ? e.details
    : [{ code: e.code, field: e.field ?? '', message: e.message }]
  return new ApiError(response.status, e.code, e.field ?? '', e.message ?? '', details, e.request_id ?? '')
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language }
  if (options.body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json'
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  Object.assign(headers, options.headers)
  let response: Response
  try {
    response = await fetcher(path, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : options.contentType
            ? (options.body as BodyInit)
            : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, '', String(cause), [])
  }
  if (!response.ok) throw await toApiError(response)
  try {
    return (await response.json()) as T
  } catch {
    throw new ApiError(response.status, BAD_RESPONSE, '', 'response is not JSON', [])
  }
}

export function getProgram(year?: string): Promise<Program> {
  const query = year ? `?year=${encodeURIComponent(year)}` : ''
  return request<Program>('GET', `/api/program${query}`)
}

export function getDraws(year?: string): Promise<{ draws: Draw[] }> {
  const query = year ? `?year=${encodeURIComponent(year)}` : ''
  return request('GET', `/api/selection/draws${query}`)
}

export function checkApplication(body: ApplicationBody): Promise<{ ok: true }> {
  return request('POST', '/api/applications/check', { body })
}

export function submitApplication(body: ApplicationBody, idempotencyKey: string): Promise<SubmitResult> {
  return request('POST', '/api/applications', { body, headers: { 'Idempotency-Key': idempotencyKey } })
}

export function getManagedApplication(token: string): Promise<ManagedApplication> {
  return request('GET', '/api/manage/application', { token })
}

export function updateManagedApplication(token: string, patch: ApplicationPatch): Promise<ManagedApplication> {
  return request('PATCH', '/api/manage/application', { token, body: patch })
}

export function withdrawManagedApplication(token: string): Promise<ManagedApplication> {
  return request('POST', '/api/manage/application/withdraw', { token })
}

export function confirmPlacement(token: string): Promise<ManagedApplication> {
  return request('POST', '/api/manage/application/confirm', { token })
}

export function declinePlacement(token: string): Promise<ManagedApplication> {
  return request('POST', '/api/manage/application/decline', { token })
}

export function calendarUrl(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/calendar.ics`
}
