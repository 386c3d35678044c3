// A signed-in participant's practice attempts kept by the server (issue 5): /api/portal/sim-attempts. The practice
// page asks /api/auth/me once; a person whose address is a participant's saves each finished attempt there as well
// as in this browser (attempts.ts) and sees the list the server keeps. Anyone else (nobody signed in, staff, a
// person who is no participant, no network) keeps attempts in this browser only, as before.
import { request } from '../../api/client'
import type { Attempt } from './attempts'

export const SIM_ATTEMPTS_PATH = '/api/portal/sim-attempts'
/** The server refuses a larger debrief (sim.debrief_too_large); the log is shortened to fit. */
export const DEBRIEF_MAX_BYTES = 32 * 1024

export interface PortalSession {
  csrf: string
}

export interface ServerAttempt {
  id: string
  scenario_id: string
  started_at: string
  duration_s: number
  score: number
  max_score: number
  debrief: Record<string, unknown>
  created_at: string
}

export interface AttemptBody {
  scenario_id: string
  started_at: string
  duration_s: number
  score: number
  max_score: number
  debrief: { title: Attempt['title']; simulated_s: number; score: Attempt['score']; log: Attempt['log']; truncated?: boolean }
}

function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length
}

/** The request body for an attempt that started at `startedAt` (wall clock); the log shortened if too large. */
export function attemptBody(a: Attempt, startedAt: Date): AttemptBody {
  const ended = Date.parse(a.at)
  const debrief: AttemptBody['debrief'] = { title: a.title, simulated_s: a.simulated_s, score: a.score, log: a.log }
  let log = a.log
  while (utf8Bytes(JSON.stringify({ ...debrief, log })) > DEBRIEF_MAX_BYTES - 64 && log.length > 0) {
    log = log.slice(0, Math.floor(log.length / 2))
    debrief.truncated = true
  }
  debrief.log = log
  const max = Math.max(0, Math.round(a.score.max_points))
  return {
    scenario_id: a.scenario,
    started_at: startedAt.toISOString(),
    duration_s: Math.max(0, Math.round((ended - startedAt.getTime()) / 1000)),
    score: Math.min(max, Math.max(0, Math.round(a.score.points))),
    max_score: max,
    debrief,
  }
}

/** An attempt the server keeps, in the shape the page shows; null when its debrief is not one the page wrote. */
export function fromServer(row: ServerAttempt): Attempt | null {
  const d = row.debrief as Partial<AttemptBody['debrief']>
  if (!d || typeof d !== 'object' || !d.score || !Array.isArray(d.score.actions) || !Array.isArray(d.log)) return null
  return {
    at: row.created_at,
    scenario: row.scenario_id,
    title: d.title ?? { ja: row.scenario_id, en: row.scenario_id },
    simulated_s: typeof d.simulated_s === 'number' ? d.simulated_s : row.duration_s,
    score: d.score,
    log: d.log,
  }
}

/** The participant's session and their attempts, or null when attempts are kept in this browser only. */
export async function loadPortalAttempts(): Promise<{ session: PortalSession; attempts: Attempt[] } | null> {
  try {
    const me = await request<{ kind: string; csrf_token: string }>('GET', '/api/auth/me')
    if (me.kind !== 'person') return null
    const list = await request<{ attempts: ServerAttempt[] }>('GET', SIM_ATTEMPTS_PATH)
    const attempts = list.attempts.map(fromServer).filter((a): a is Attempt => a !== null)
    return { session: { csrf: me.csrf_token }, attempts }
  } catch {
    return null // 401 nobody signed in, 404 no participant, no network
  }
}

/** Saves an attempt for the participant; the saved attempt, or null if the server did not keep it. */
export async function savePortalAttempt(session: PortalSession, a: Attempt, startedAt: Date): Promise<Attempt | null> {
  try {
    const r = await request<{ attempt: ServerAttempt }>('POST', SIM_ATTEMPTS_PATH, {
      body: attemptBody(a, startedAt),
      headers: { 'X-CSRF-Token': session.csrf },
    })
    return fromServer(r.attempt)
  } catch {
    return null
  }
}
