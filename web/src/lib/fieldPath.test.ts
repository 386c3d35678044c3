import { describe, expect, it } from 'vitest'
import { fieldId, firstStepOf, isUnder, stepOfField } from './fieldPath'

describe('field paths', () => {
  it('names inputs after the server’s field paths', () => {
    expect(fieldId('members[2].email')).toBe('f-members-2-email')
    expect(fieldId('hospital.ecmo_cases_last_year.vv')).toBe('f-hospital-ecmo_cases_last_year-vv')
    expect(fieldId('preferences.session_ids[0]')).toBe('f-preferences-session_ids-0')
  })
  it('knows the step of each field', () => {
    expect(stepOfField('contact.email')).toBe('hospital')
    expect(stepOfField('members')).toBe('team')
    expect(stepOfField('members[1].name_kana')).toBe('team')
    expect(stepOfField('preferences.session_ids[3]')).toBe('preferences')
    expect(stepOfField('consents.no_recording')).toBe('consents')
    expect(stepOfField('')).toBeNull()
    expect(firstStepOf(['consents.no_recording', 'members[0].email', ''])).toBe('team')
    expect(firstStepOf(['', 'program_year'])).toBeNull()
  })
  it('tells whether a path lies under another', () => {
    expect(isUnder('members[1].email', 'members')).toBe(true)
    expect(isUnder('members', 'members')).toBe(true)
    expect(isUnder('members_extra', 'members')).toBe(false)
    expect(isUnder('hospital.name', 'hospital.name_kana')).toBe(false)
  })
})
