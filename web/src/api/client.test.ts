import { afterEach, describe, expect, it } from 'vitest'
import {
  ApiError,
  NETWORK_ERROR,
  asApiError,
  getManagedApplication,
  request,
  setApiLanguage,
  setFetch,
  submitApplication,
} from './client'
import type { ApplicationBody } from './types'

interface Sent {
  url: string
  init: RequestInit
}

function answer(status: number, body: unknown): { sent: Sent[] } {
  const sent: Sent[] = []
  setFetch(async (url, init) => {
    sent.push({ url, init })
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    })
  })
  return { sent }
}

afterEach(() => setApiLanguage('ja'))

describe('API client', () => {
  it('sends the chosen language, JSON and the idempotency key', async () => {
    setApiLanguage('en')
    const { sent } = answer(201, { id: 'x', reference: 'R7-0001', status: 'submitted', program_year: 'demo' })
    const result = await submitApplication({ members: [] } as unknown as ApplicationBody, 'key-1')
    expect(result.reference).toBe('R7-0001')
    const headers = sent[0]!.init.headers as Record<string, string>
    expect(sent[0]!.url).toBe('/api/applications')
    expect(sent[0]!.init.method).toBe('POST')
    expect(headers['Accept-Language']).toBe('en')
    expect(headers['Content-Type']).toBe('application/json')
    expect(headers['Idempotency-Key']).toBe('key-1')
    expect(sent[0]!.init.body).toBe('{"members":[]}')
  })

  it('sends the management token as a bearer token, never in the URL', async () => {
    const { sent } = answer(200, { id: 'x' })
    await getManagedApplication('tok_en-123')
    expect(sent[0]!.url).toBe('/api/manage/application')
    expect((sent[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok_en-123')
  })

  it('turns an error body into an ApiError with every detail', async () => {
    answer(400, {
      error: {
        code: 'team.no_doctor',
        field: 'members',
        message: 'チームには医師を1名以上含めてください。',
        request_id: 'req-9',
        details: [
          { code: 'team.no_doctor', field: 'members', message: '…' },
          { code: 'field.bad_email', field: 'members[2].email', message: '…' },
        ],
      },
    })
    const e = await request('GET', '/api/x').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    const err = e as ApiError
    expect(err.status).toBe(400)
    expect(err.code).toBe('team.no_doctor')
    expect(err.requestId).toBe('req-9')
    expect(err.details.map((d) => d.field)).toEqual(['members', 'members[2].email'])
    expect(err.definite).toBe(true)
  })

  it('makes a single detail of an error body without details', async () => {
    answer(409, { error: { code: 'application.deadline_passed', message: 'm' } })
    const err = (await request('GET', '/api/x').catch((x: unknown) => x)) as ApiError
    expect(err.details).toEqual([{ code: 'application.deadline_passed', field: '', message: 'm' }])
  })

  it('reports a lost connection as not definite, so a retry reuses the idempotency key', async () => {
    setFetch(async () => {
      throw new TypeError('Failed to fetch')
    })
    const err = (await request('POST', '/api/applications', { body: {} }).catch((x: unknown) => x)) as ApiError
    expect(err.code).toBe(NETWORK_ERROR)
    expect(err.definite).toBe(false)
  })

  it('survives a non-JSON error page', async () => {
    answer(502, '<html>bad gateway</html>')
    const err = (await request('GET', '/api/x').catch((x: unknown) => x)) as ApiError
    expect(err.status).toBe(502)
    expect(err.code).toBe('client.bad_response')
    expect(err.definite).toBe(false)
  })

  it('shows any other failure as a bad response, and an ApiError as it is', () => {
    const known = new ApiError(404, 'program.year_not_found', 'year', 'x', [])
    expect(asApiError(known)).toBe(known)
    const other = asApiError(new TypeError('boom'))
    expect([other.status, other.code, other.message]).toEqual([0, 'client.bad_response', 'TypeError: boom'])
  })
})
