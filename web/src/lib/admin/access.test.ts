import { describe, expect, it } from 'vitest'
import { areasOf, homeArea, mayDo, mayOpen, mayReadRoster } from './access'

describe('back-office access by role', () => {
  it('gives the admin everything', () => {
    expect(areasOf('admin')).toEqual(['dashboard', 'applications', 'sessions', 'selection', 'learning', 'results', 'users', 'audit'])
    expect(mayDo('admin', 'manage_accounts')).toBe(true)
  })

  it('keeps accounts and the audit log to admins', () => {
    for (const role of ['staff', 'coordinator', 'instructor', 'ministry'] as const) {
      expect(mayOpen(role, 'users'), role).toBe(false)
      expect(mayOpen(role, 'audit'), role).toBe(false)
    }
  })

  it('shows the Ministry aggregates only', () => {
    expect(areasOf('ministry')).toEqual(['dashboard', 'results'])
    expect(mayOpen('ministry', 'learning')).toBe(false)
    expect(mayOpen('ministry', 'applications')).toBe(false)
    expect(mayDo('ministry', 'export')).toBe(false)
  })

  it('lets coordinators review and instructors read rosters of their own sessions only', () => {
    expect(mayDo('coordinator', 'review')).toBe(true)
    expect(mayDo('coordinator', 'edit_sessions')).toBe(false)
    expect(mayReadRoster('instructor', ['s1'], 's1')).toBe(true)
    expect(mayReadRoster('instructor', ['s1'], 's2')).toBe(false)
    expect(mayReadRoster('staff', [], 's2')).toBe(true)
    expect(mayReadRoster('ministry', ['s1'], 's1')).toBe(false)
  })

  it('opens selection to those who review applications; publishing and releasing to those who manage sessions', () => {
    expect(['admin', 'staff', 'coordinator'].every((r) => mayOpen(r as 'admin', 'selection'))).toBe(true)
    expect(mayOpen('instructor', 'selection')).toBe(false)
    expect(mayOpen('ministry', 'selection')).toBe(false)
    expect(mayDo('staff', 'publish_selection')).toBe(true)
    expect(mayDo('coordinator', 'publish_selection')).toBe(false)
  })

  it('lands each role on its first area, and nobody without a role anywhere', () => {
    expect(homeArea('staff')).toBe('dashboard')
    expect(homeArea('coordinator')).toBe('applications')
    expect(homeArea('instructor')).toBe('sessions')
    expect(homeArea(undefined)).toBeNull()
  })

  it('shows pre-learning progress to those who review applications, and results to staff and the Ministry', () => {
    expect(mayOpen('coordinator', 'learning')).toBe(true)
    expect(mayOpen('coordinator', 'results')).toBe(false)
    expect(mayOpen('instructor', 'learning')).toBe(false)
    expect(mayOpen('ministry', 'results')).toBe(true)
    expect(mayDo('staff', 'setup_programme')).toBe(true)
    expect(mayDo('coordinator', 'setup_programme')).toBe(false)
    expect(mayDo('coordinator', 'export')).toBe(false)
  })
})
