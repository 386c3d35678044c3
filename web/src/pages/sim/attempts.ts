// Practice attempts, kept in this browser's localStorage until a participant portal exists to keep them for a
// signed-in participant. Each attempt is its debrief as it was shown: score, expected actions, outcome and the
// timeline's raw entries (rendered in the reader's language when shown). The newest first, at most MAX_ATTEMPTS.
import type { LogEntry, Score } from './engine'

export const ATTEMPTS_KEY = 'kenshu.sim.attempts'
export const MAX_ATTEMPTS = 20

export interface Attempt {
  /** When the attempt ended, ISO 8601. */
  at: string
  scenario: string
  title: { ja: string; en: string }
  simulated_s: number
  score: Score
  log: LogEntry[]
}

export interface TimelineItem {
  time_s: number
  who: 'trainee' | 'scenario'
  entry?: LogEntry
  message?: { ja: string; en: string }
  id?: string
}

/** What happened, in time order: the trainee's and the scenario's log entries and the scenario's events. */
export function timelineOf(score: Score, log: LogEntry[]): TimelineItem[] {
  const items: TimelineItem[] = log
    .filter((e) => e.kind !== 'alarm_off')
    .map((e) => ({ time_s: e.time_s, who: e.by, entry: e }))
  for (const e of score.events) items.push({ time_s: e.time_s, who: 'scenario', message: e.message, id: e.id })
  return items.sort((a, b) => a.time_s - b.time_s)
}

function isAttempt(x: unknown): x is Attempt {
  const a = x as Attempt
  return (
    typeof a === 'object' && a !== null && typeof a.at === 'string' && typeof a.scenario === 'string' &&
    typeof a.score === 'object' && a.score !== null && Array.isArray(a.score.actions) && Array.isArray(a.log)
  )
}

export function loadAttempts(storage: Pick<Storage, 'getItem'> = localStorage): Attempt[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(ATTEMPTS_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isAttempt) : []
  } catch {
    return []
  }
}

/** Saves an attempt in front of the others; returns the list as stored (the oldest dropped beyond the limit). */
export function saveAttempt(attempt: Attempt, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): Attempt[] {
  const list = [attempt, ...loadAttempts(storage)].slice(0, MAX_ATTEMPTS)
  try {
    storage.setItem(ATTEMPTS_KEY, JSON.stringify(list))
  } catch {
    // storage full or disabled: the debrief is still on the screen
  }
  return list
}

export function clearAttempts(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  storage.removeItem(ATTEMPTS_KEY)
}
