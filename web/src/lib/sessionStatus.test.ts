import { describe, expect, it } from 'vitest'
import type { Program, Session } from '../api/types'
import { anyOpen, nextDeadline, sessionState } from './sessionStatus'

const session = (id: string, close: string, is_open: boolean): Session =>
  ({ id, number: 1, date: '2026-01-18', applications_close_at: close, is_open, changes: [] }) as unknown as Session

const program = (sessions: Session[]): Program =>
  ({ year: { applications_open_at: '2025-07-28T00:00:00+09:00' }, sessions }) as unknown as Program

describe('session status', () => {
  const a = session('a', '2025-09-30T23:59:59+09:00', true)
  const b = session('b', '2025-08-31T23:59:59+09:00', true)
  const c = session('c', '2025-07-13T23:59:59+09:00', false)
  const p = program([a, b, c])

  it('is open while the server says so and the deadline is ahead', () => {
    const now = Date.parse('2025-08-01T12:00:00+09:00')
    expect(sessionState(a, p, now)).toBe('open')
    expect(sessionState(c, p, now)).toBe('closed')
    expect(sessionState(a, p, Date.parse('2025-10-01T00:00:00+09:00'))).toBe('closed')
  })
  it('is not yet open before the window', () => {
    const early = session('d', '2025-09-30T23:59:59+09:00', false)
    expect(sessionState(early, p, Date.parse('2025-07-01T00:00:00+09:00'))).toBe('not_yet')
  })
  it('finds the next deadline among open sessions', () => {
    const now = Date.parse('2025-08-01T12:00:00+09:00')
    expect(nextDeadline(p, now)?.id).toBe('b')
    expect(nextDeadline(p, Date.parse('2025-09-15T00:00:00+09:00'))?.id).toBe('a')
    expect(anyOpen(p, Date.parse('2025-12-01T00:00:00+09:00'))).toBe(false)
  })
})
