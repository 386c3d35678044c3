import { describe, expect, it } from 'vitest'
import type { PlacementView } from '../api/types'
import type { MemberReplacement } from '../api/selectionExtra'
import { DEFAULT_TEAM_RULES } from '../rules/team'
import { checkReplacement, mayAskReplacement, onForm, pendingFor, replacementProblems, type ManagedMember } from './replacement'

const team: ManagedMember[] = [
  { id: 'm1', name: '医師 一郎', name_kana: 'イシ イチロウ', profession: 'doctor', department: '救急科', years_of_experience: 10, email: 'd@example.jp' },
  { id: 'm2', name: '看護 花子', name_kana: 'カンゴ ハナコ', profession: 'nurse', department: 'ICU', years_of_experience: 5, email: 'n@example.jp' },
  { id: 'm3', name: '工学 三郎', name_kana: 'コウガク サブロウ', profession: 'clinical_engineer', department: 'ME', years_of_experience: 3, email: 'e@example.jp' },
]
const form = (over: Record<string, string> = {}) => ({
  name: '交代 医師',
  name_kana: 'こうたい いし',
  profession: 'doctor' as const,
  department: '救急科',
  years_of_experience: '８',
  email: 'new@example.jp',
  ...over,
})

describe('mayAskReplacement', () => {
  const sel = (outcome: string) => ({ outcome }) as PlacementView
  it('only for a team holding an accepted place', () => {
    expect(mayAskReplacement({ status: 'submitted', selection: sel('accepted') })).toBe(true)
    expect(mayAskReplacement({ status: 'submitted', selection: sel('waitlisted') })).toBe(false)
    expect(mayAskReplacement({ status: 'withdrawn', selection: sel('accepted') })).toBe(false)
    expect(mayAskReplacement({ status: 'submitted', selection: null })).toBe(false)
  })
})

describe('checkReplacement', () => {
  it('gives the body in normal form with the member id', () => {
    const c = checkReplacement(form(), 0, team, DEFAULT_TEAM_RULES)
    expect(c.problems).toEqual([])
    expect(c.body).toEqual({
      member_id: 'm1',
      member: { name: '交代 医師', name_kana: 'コウタイ イシ', profession: 'doctor', department: '救急科', years_of_experience: 8, email: 'new@example.jp' },
    })
  })

  it('checks the member fields on the replaced member’s paths', () => {
    const c = checkReplacement(form({ name: '', name_kana: 'Kotai', email: 'x' }), 1, team, DEFAULT_TEAM_RULES)
    expect(c.problems.map((p) => [p.code, p.field])).toEqual(
      expect.arrayContaining([
        ['field.required', 'members[1].name'],
        ['field.not_katakana', 'members[1].name_kana'],
        ['field.bad_email', 'members[1].email'],
      ]),
    )
  })

  it('checks the team as it would be: a doctor still needed, e-mails distinct', () => {
    const nurse = checkReplacement(form({ profession: 'nurse' }), 0, team, DEFAULT_TEAM_RULES)
    expect(nurse.problems).toEqual([{ code: 'team.no_doctor', field: 'members' }])
    const dup = checkReplacement(form({ email: 'N@example.jp' }), 0, team, DEFAULT_TEAM_RULES)
    expect(dup.problems).toEqual([{ code: 'team.duplicate_email', field: 'members[0].email' }])
  })
})

describe('replacementProblems', () => {
  it('puts the server’s problems under the replaced member’s inputs', () => {
    const out = replacementProblems(
      [
        { code: 'field.not_katakana', field: 'members[2].name_kana', message: '' },
        { code: 'request.wrong_type', field: 'member.years_of_experience', message: '' },
        { code: 'team.duplicate_email', field: 'members[1].email', message: '' },
        { code: 'team.no_doctor', field: 'members', message: '' },
        { code: 'replacement.pending', field: 'member_id', message: '' },
      ],
      2,
    )
    expect(out.map((d) => d.field)).toEqual(['members[2].name_kana', 'members[2].years_of_experience', 'members[2].email', 'members', 'member_id'])
    expect(out.map((d) => onForm(d.field, 2))).toEqual([true, true, true, false, false])
  })
})

describe('pendingFor', () => {
  const r = (member_id: string, status: string) => ({ id: `${member_id}-${status}`, member_id, status }) as MemberReplacement
  it('finds a member’s request still waiting', () => {
    const list = [r('m1', 'refused'), r('m1', 'pending'), r('m2', 'approved')]
    expect(pendingFor(list, 'm1')?.id).toBe('m1-pending')
    expect(pendingFor(list, 'm2')).toBeUndefined()
  })
})
