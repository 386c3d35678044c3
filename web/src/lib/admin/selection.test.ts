import { describe, expect, it } from 'vitest'
import type { SelectionTeam } from '../../api/admin'
import type { Session } from '../../api/types'
import { closedSessions, dryRunPlan, orderedTeams } from './selection'

const session = (id: string, number: number, is_open: boolean, close = '2025-09-30T23:59:59+09:00'): Session =>
  ({ id, number, is_open, applications_close_at: close, capacity_teams: 8, capacity_people: 40 }) as unknown as Session

describe('selection page', () => {
  const s1 = session('s1', 1, false)
  const s2 = session('s2', 2, true, '2025-12-01T23:59:59+09:00')
  const s3 = session('s3', 3, false)
  const now = Date.parse('2025-10-10T00:00:00+09:00')

  it('offers only sessions whose window has closed (also one that closed while the page was open)', () => {
    expect(closedSessions([s1, s2, s3], now).map((s) => s.id)).toEqual(['s1', 's3'])
    expect(closedSessions([s2], Date.parse('2025-12-02T00:00:00+09:00')).map((s) => s.id)).toEqual(['s2'])
  })

  it('sends the chosen sessions and only the capacities typed, keeping the session own for an empty half', () => {
    const closed = [s1, s3]
    const plan = dryRunPlan('2025', closed, new Set(['s1', 's3']), {
      s1: { teams: '', people: '' },
      s3: { teams: ' 2 ', people: '' },
    })
    expect(plan.body).toEqual({
      year: '2025',
      session_ids: ['s1', 's3'],
      capacity_overrides: [{ session_id: 's3', capacity_teams: 2, capacity_people: 40 }],
    })
    // The override is the body's first, the session the form's second row.
    expect(plan.fields['capacity_overrides[0].capacity_teams']).toBe('capacity[1].capacity_teams')
    expect(plan.fields['capacity_overrides[0].capacity_people']).toBe('capacity[1].capacity_people')
    expect(plan.fields.session_ids).toBe('session_ids')
    // The server's range check names no index: with one override it is that one's.
    expect(plan.fields['capacity_overrides.capacity_teams']).toBe('capacity[1].capacity_teams')
  })

  it('leaves out overrides of sessions not chosen, and the overrides key when there are none', () => {
    const plan = dryRunPlan('2025', [s1, s3], new Set(['s1']), { s3: { teams: '1', people: '4' } })
    expect(plan.body).toEqual({ year: '2025', session_ids: ['s1'] })
    expect(plan.fields['capacity_overrides.capacity_teams']).toBeUndefined()
  })

  it('orders the proposal: accepted by session, then the waitlist by position, then the rest by tier', () => {
    const team = (reference: string, outcome: string, tier: number, session_id: string | null, pos?: number) =>
      ({ reference, outcome, tier, session_id, waitlist: pos ? [{ session_id: 's1', position: pos }] : [] }) as SelectionTeam
    const number = (id: string) => (id === 's1' ? 1 : 3)
    const out = orderedTeams(
      [
        team('E', 'not_selected', 3, null),
        team('D', 'waitlisted', 2, null, 2),
        team('C', 'waitlisted', 3, null, 1),
        team('B', 'accepted', 2, 's3'),
        team('A', 'accepted', 1, 's1'),
        team('F', 'not_selected', 1, null),
      ],
      number,
    )
    expect(out.map((t) => t.reference)).toEqual(['A', 'B', 'C', 'D', 'F', 'E'])
  })
})
