import { describe, expect, it } from 'vitest'
import { Problems } from './problems'
import { DEFAULT_TEAM_RULES, checkTeam, type TeamMember } from './team'

const m = (profession: string, email = ''): TeamMember => ({ profession, email })

function problems(members: TeamMember[], rules = DEFAULT_TEAM_RULES) {
  const p = new Problems()
  checkTeam(p, members, rules)
  return p.list
}

describe('team rules', () => {
  it('accepts the basic team of the notice', () => {
    expect(problems([m('doctor', 'a@x.jp'), m('nurse', 'b@x.jp'), m('nurse', 'c@x.jp'), m('clinical_engineer', 'd@x.jp')]))
      .toEqual([])
  })
  it('accepts a doctor and a nurse alone', () => {
    expect(problems([m('doctor'), m('nurse')])).toEqual([])
  })
  it('requires a doctor and a nurse', () => {
    expect(problems([m('nurse'), m('nurse')])).toEqual([{ code: 'team.no_doctor', field: 'members' }])
    expect(problems([m('doctor'), m('clinical_engineer')])).toEqual([{ code: 'team.no_nurse', field: 'members' }])
  })
  it('bounds the size', () => {
    expect(problems([m('doctor')]).map((x) => x.code)).toEqual(['team.too_small', 'team.no_nurse'])
    const nine = [m('doctor'), ...Array.from({ length: 8 }, () => m('nurse'))]
    expect(problems(nine)).toEqual([{ code: 'team.too_large', field: 'members' }])
    expect(problems(nine, { ...DEFAULT_TEAM_RULES, max_size: 9 })).toEqual([])
  })
  it('marks the second of two equal e-mails, ignoring ASCII case', () => {
    expect(problems([m('doctor', 'a@x.jp'), m('nurse', 'b@x.jp'), m('nurse', 'A@x.jp')]))
      .toEqual([{ code: 'team.duplicate_email', field: 'members[2].email' }])
  })
  it('ignores empty e-mails (reported as missing elsewhere)', () => {
    expect(problems([m('doctor', ''), m('nurse', '')])).toEqual([])
  })
})
