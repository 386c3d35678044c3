import { describe, expect, it } from 'vitest'
import { changedSections, inSections } from './sections'

const base = {
  hospital: { name: 'A' },
  contact: { name: 'B' },
  members: [{ name: 'C', department: 'ICU' }],
  preferences: { any_session: false, session_ids: ['s1'] },
} as never

describe('changed sections', () => {
  it('sends only what changed, each section whole', () => {
    const edited = structuredClone(base) as { members: { department: string }[] }
    edited.members[0]!.department = '救急科'
    expect(changedSections(base, edited as never)).toEqual({ members: [{ name: 'C', department: '救急科' }] })
    expect(changedSections(base, structuredClone(base))).toEqual({})
  })
  it('keeps problems of the named sections only', () => {
    const problems = [
      { field: 'members[0].email', code: 'x' },
      { field: 'preferences.session_ids[0]', code: 'y' },
      { field: 'members', code: 'z' },
    ]
    expect(inSections(problems, ['members']).map((p) => p.code)).toEqual(['x', 'z'])
  })
})
