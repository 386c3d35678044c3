import { describe, expect, it } from 'vitest'
import { flagReasonKey, lineProblems } from './hospitalLists'

describe('lineProblems', () => {
  it('reads the line and column the server names, sorted by line, the whole file first', () => {
    const out = lineProblems([
      { code: 'field.bad_prefecture', field: 'lines[3].prefecture', message: 'bad' },
      { code: 'hospital_list.bad_csv', field: 'lines[2]', message: 'csv' },
      { code: 'hospital_list.empty', field: 'file', message: 'empty' },
    ])
    expect(out).toEqual([
      { line: null, column: '', code: 'hospital_list.empty', message: 'empty' },
      { line: 2, column: '', code: 'hospital_list.bad_csv', message: 'csv' },
      { line: 3, column: 'prefecture', code: 'field.bad_prefecture', message: 'bad' },
    ])
  })

  it('treats an error without a field as about the whole file', () => {
    expect(lineProblems([{ code: 'hospital_list.missing_column', field: '', message: '' }])[0]?.line).toBeNull()
  })
})

describe('flagReasonKey', () => {
  it('knows the three reasons the server raises', () => {
    expect(flagReasonKey('hospital_unmatched')).toBe('lists.reasons.hospital_unmatched')
    expect(flagReasonKey('critical_care_mismatch')).toBe('lists.reasons.critical_care_mismatch')
    expect(flagReasonKey('advanced_treatment_mismatch')).toBe('lists.reasons.advanced_treatment_mismatch')
    expect(flagReasonKey('something_new')).toBeNull()
  })
})
