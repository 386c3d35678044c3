import { describe, expect, it } from 'vitest'
import { formValues, fromJapanLocalInput, sessionPatch, toJapanLocalInput } from './sessionForm'

const session = {
  date: '2025-08-24',
  venue: { ja: '東京会場', en: 'Tokyo venue' },
  capacity_teams: 6,
  capacity_people: 24,
  applications_close_at: '2025-07-13T14:59:00Z',
}

describe('session edit form', () => {
  it('shows the closing time in Japan time, whatever the offset it came with', () => {
    expect(toJapanLocalInput('2025-07-13T14:59:00Z')).toBe('2025-07-13T23:59')
    expect(toJapanLocalInput('2025-07-13T23:59:00+09:00')).toBe('2025-07-13T23:59')
    expect(fromJapanLocalInput('2025-07-13T23:59')).toBe('2025-07-13T23:59:00+09:00')
  })

  it('sends nothing when nothing changed', () => {
    expect(sessionPatch(session, formValues(session))).toEqual({})
  })

  it('sends only the changed fields, the venue always in both languages', () => {
    const form = { ...formValues(session), venue_en: ' New Hall ', capacity_teams: '8' }
    expect(sessionPatch(session, form)).toEqual({ venue: { ja: '東京会場', en: 'New Hall' }, capacity_teams: 8 })
  })

  it('passes a malformed number on as typed, for the server to name', () => {
    expect(sessionPatch(session, { ...formValues(session), capacity_people: '2x' })).toEqual({ capacity_people: '2x' })
  })

  it('sends a new closing time with the Japan offset', () => {
    const form = { ...formValues(session), applications_close_at: '2025-07-20T12:00', date: '2025-08-31' }
    expect(sessionPatch(session, form)).toEqual({ date: '2025-08-31', applications_close_at: '2025-07-20T12:00:00+09:00' })
  })
})
