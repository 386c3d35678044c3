import { describe, expect, it } from 'vitest'
import type { Attempt } from './attempts'
import { DEBRIEF_MAX_BYTES, attemptBody, fromServer } from './serverAttempts'

function attempt(logEntries = 2): Attempt {
  return {
    at: '2026-12-01T10:05:00.000Z',
    scenario: 'elso_pump_failure',
    title: { ja: 'ポンプ停止', en: 'Pump failure' },
    simulated_s: 600.4,
    score: { scenario: 'elso_pump_failure', points: 6.4, max_points: 10, actions: [], outcome: [], events: [], debrief: { ja: '', en: '' } },
    log: Array.from({ length: logEntries }, (_, i) => ({ time_s: i, kind: 'setting', name: 'vent.peep_cmH2O', value: String(i), by: 'trainee' as const })),
  }
}

describe('server attempts', () => {
  it('builds the body the API accepts: whole numbers, score within max, duration from the wall clock', () => {
    const b = attemptBody(attempt(), new Date('2026-12-01T10:00:00.000Z'))
    expect(b).toMatchObject({ scenario_id: 'elso_pump_failure', started_at: '2026-12-01T10:00:00.000Z', duration_s: 300, score: 6, max_score: 10 })
    expect(b.debrief.log).toHaveLength(2)
    expect(b.debrief.truncated).toBeUndefined()
  })

  it('shortens a long log so that the debrief fits the server bound', () => {
    const b = attemptBody(attempt(5000), new Date('2026-12-01T10:00:00.000Z'))
    expect(new TextEncoder().encode(JSON.stringify(b.debrief)).length).toBeLessThanOrEqual(DEBRIEF_MAX_BYTES)
    expect(b.debrief.truncated).toBe(true)
    expect(b.debrief.log.length).toBeGreaterThan(0)
  })

  it('reads back what it wrote, and ignores a debrief of another shape', () => {
    const b = attemptBody(attempt(), new Date('2026-12-01T10:00:00.000Z'))
    const row = { id: 'x', scenario_id: b.scenario_id, started_at: b.started_at, duration_s: b.duration_s, score: b.score, max_score: b.max_score, debrief: b.debrief as unknown as Record<string, unknown>, created_at: '2026-12-01T10:05:01Z' }
    expect(fromServer(row)).toMatchObject({ scenario: 'elso_pump_failure', title: { en: 'Pump failure' }, simulated_s: 600.4 })
    expect(fromServer({ ...row, debrief: { nothing: true } })).toBeNull()
  })
})
