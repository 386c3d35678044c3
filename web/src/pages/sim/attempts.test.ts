import { describe, expect, it } from 'vitest'
import { ATTEMPTS_KEY, MAX_ATTEMPTS, clearAttempts, loadAttempts, saveAttempt, timelineOf, type Attempt } from './attempts'
import type { Score } from './engine'

function memoryStorage() {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
}

const score: Score = {
  scenario: 'elso_pump_failure',
  points: 3,
  max_points: 9,
  actions: [{ id: 'clamp', done: true, time_s: 70, points: 3, max_points: 3, text: { ja: 'クランプ', en: 'clamp' } }],
  outcome: [],
  events: [{ id: 'pump_stops', time_s: 60, message: { ja: '停止', en: 'stopped' } }],
  debrief: { ja: '', en: '' },
}

function attempt(n: number): Attempt {
  return {
    at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    scenario: 'elso_pump_failure',
    title: { ja: 'ポンプ停止', en: 'pump failure' },
    simulated_s: 100 + n,
    score,
    log: [
      { time_s: 70, kind: 'intervention', name: 'clamp_circuit', value: '', by: 'trainee' },
      { time_s: 61, kind: 'alarm_on', name: 'ecmo_pump_stopped', value: '', by: 'scenario' },
      { time_s: 65, kind: 'alarm_off', name: 'ecmo_pump_stopped', value: '', by: 'scenario' },
    ],
  }
}

describe('practice attempts in localStorage', () => {
  it('keeps the newest first, at most MAX_ATTEMPTS', () => {
    const storage = memoryStorage()
    for (let n = 0; n < MAX_ATTEMPTS + 3; n++) saveAttempt(attempt(n), storage)
    const list = loadAttempts(storage)
    expect(list).toHaveLength(MAX_ATTEMPTS)
    expect(list[0]?.simulated_s).toBe(100 + MAX_ATTEMPTS + 2)
    clearAttempts(storage)
    expect(loadAttempts(storage)).toEqual([])
  })

  it('reads nothing from a damaged record', () => {
    const storage = memoryStorage()
    storage.setItem(ATTEMPTS_KEY, '{not json')
    expect(loadAttempts(storage)).toEqual([])
    storage.setItem(ATTEMPTS_KEY, JSON.stringify([{ at: 1 }, attempt(1)]))
    expect(loadAttempts(storage)).toHaveLength(1)
  })

  it('puts events and log entries in time order, without alarm-off entries', () => {
    const items = timelineOf(score, attempt(0).log)
    expect(items.map((i) => i.time_s)).toEqual([60, 61, 70])
    expect(items.map((i) => i.who)).toEqual(['scenario', 'scenario', 'trainee'])
  })
})
