import { describe, expect, it } from 'vitest'
import type { PlacementView } from '../api/types'
import { placementActions, placementState, waitlistRows } from './placement'

const base: PlacementView = {
  outcome: 'accepted',
  session: { session_id: 's1', number: 1, date: '2026-01-18' },
  tier: 1,
  rank: 1,
  promoted: false,
  explanation: { ja: '第1希望で選定', en: 'Selected for the first choice' },
  waitlist: [],
  later_sessions: [],
  confirm_by: '2026-01-05T23:59:59+09:00',
  confirmed_at: null,
  declined_at: null,
  released_at: null,
  can_confirm: true,
  can_decline: true,
}
const before = Date.parse('2026-01-01T12:00:00+09:00')
const after = Date.parse('2026-01-06T00:00:01+09:00')

describe('placement on the management page', () => {
  it('offers confirm and decline to an accepted team before its confirm-by date', () => {
    expect(placementState(base, before)).toBe('accepted')
    expect(placementActions(base, before)).toEqual({ confirm: true, decline: true })
  })
  it('hides confirm once the date passed, even before the page reloads', () => {
    expect(placementState(base, after)).toBe('expired')
    expect(placementActions(base, after).confirm).toBe(false)
  })
  it('a confirmed place can still be declined when the server allows it', () => {
    const p = { ...base, confirmed_at: '2026-01-02T10:00:00+09:00', can_confirm: false }
    expect(placementState(p, before)).toBe('confirmed')
    expect(placementActions(p, before)).toEqual({ confirm: false, decline: true })
    expect(placementActions({ ...p, can_decline: false }, before).decline).toBe(false)
  })
  it('a waitlisted team may only leave the waitlist', () => {
    const p = { ...base, outcome: 'waitlisted', session: null, can_confirm: false }
    expect(placementState(p, before)).toBe('waitlisted')
    expect(placementActions(p, before)).toEqual({ confirm: false, decline: true })
  })
  it('not selected, declined and released offer nothing; an unknown outcome reads as not selected', () => {
    for (const outcome of ['not_selected', 'declined', 'released', 'something_new']) {
      const p = { ...base, outcome, can_confirm: false, can_decline: false }
      expect(placementActions(p, before)).toEqual({ confirm: false, decline: false })
    }
    expect(placementState({ ...base, outcome: 'something_new' }, before)).toBe('not_selected')
    expect(placementState({ ...base, outcome: 'released' }, before)).toBe('released')
  })
  it('lists waitlist positions best first', () => {
    const p = {
      ...base,
      waitlist: [
        { session_id: 's2', number: 2, position: 3 },
        { session_id: 's1', number: 1, position: 1 },
      ],
    }
    expect(waitlistRows(p).map((w) => w.session_id)).toEqual(['s1', 's2'])
  })
})
