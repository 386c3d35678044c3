// Where a session stands for applicants: open (until when), not yet open, closed; and which deadline comes next.
import type { Program, Session } from '../api/types'

export type SessionState = 'open' | 'not_yet' | 'closed'

export function sessionState(session: Session, program: Program, now: number): SessionState {
  if (session.is_open && Date.parse(session.applications_close_at) > now) return 'open'
  if (now < Date.parse(program.year.applications_open_at) && Date.parse(session.applications_close_at) > now)
    return 'not_yet'
  return 'closed'
}

/** The open session whose applications close first, or null when none is open. */
export function nextDeadline(program: Program, now: number): Session | null {
  let best: Session | null = null
  for (const s of program.sessions) {
    if (sessionState(s, program, now) !== 'open') continue
    if (!best || Date.parse(s.applications_close_at) < Date.parse(best.applications_close_at)) best = s
  }
  return best
}

export function anyOpen(program: Program, now: number): boolean {
  return nextDeadline(program, now) !== null
}
