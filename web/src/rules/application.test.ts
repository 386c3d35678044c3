import { describe, expect, it } from 'vitest'
import { checkApplication, parseCount, type RuleContext } from './application'
import { emptyForm, reviveForm, toForm, type ApplicationForm } from './form'
import { DEFAULT_TEAM_RULES } from './team'

const ctx: RuleContext = {
  teamRules: DEFAULT_TEAM_RULES,
  sessions: [
    { id: 's-open-1', is_open: true },
    { id: 's-open-2', is_open: true },
    { id: 's-closed', is_open: false },
  ],
  privacyNoticeVersion: '2025-1',
}

function validForm(): ApplicationForm {
  const f = emptyForm()
  f.hospital = {
    name: '大垣市民病院',
    name_kana: 'おおがきしみんびょういん',
    prefecture_code: '21',
    postal_code: '5038502',
    address: '岐阜県大垣市南頬町4-86',
    phone: '0584-81-3341',
    critical_care_center: 'regular',
    advanced_treatment_hospital: false,
    ecmo_cases_last_year: { vv: '12', va: '３０' },
  }
  f.contact = { name: '山田 太郎', name_kana: 'ヤマダ タロウ', department: '救急科', email: 'yamada@example.jp', phone: '0584-81-3341' }
  const people = [['医師 一郎', 'イシ イチロウ'], ['看護 花子', 'カンゴ ハナコ'], ['看護 次郎', 'カンゴ ジロウ'], ['工学 三郎', 'コウガク サブロウ']]
  f.members.forEach((m, i) => {
    m.name = people[i]![0]!
    m.name_kana = people[i]![1]!
    m.department = '救命救急センター'
    m.years_of_experience = String(5 + i)
    m.email = `member${i}@example.jp`
  })
  f.preferences = { any_session: false, session_ids: ['s-open-2', 's-open-1'] }
  f.consents = { privacy: true, no_recording: true }
  return f
}

describe('the whole application', () => {
  it('accepts a complete team of four and returns the normal form the server stores', () => {
    const { problems, body } = checkApplication(validForm(), ctx)
    expect(problems).toEqual([])
    expect(body.hospital.name_kana).toBe('オオガキシミンビョウイン')
    expect(body.hospital.postal_code).toBe('503-8502')
    expect(body.hospital.prefecture_code).toBe(21)
    expect(body.hospital.ecmo_cases_last_year).toEqual({ vv: 12, va: 30 })
    expect(body.members.map((m) => m.profession)).toEqual(['doctor', 'nurse', 'nurse', 'clinical_engineer'])
    expect(body.members[3]!.years_of_experience).toBe(8)
    expect(body.preferences).toEqual({ any_session: false, session_ids: ['s-open-2', 's-open-1'] })
    expect(body.consents).toEqual({ privacy_notice_version: '2025-1', no_recording: true })
    expect(Object.keys(body).sort()).toEqual(['consents', 'contact', 'hospital', 'members', 'preferences'])
  })

  it('reports every problem of an empty form with its field path', () => {
    const { problems } = checkApplication(emptyForm(), ctx)
    const fields = problems.map((p) => `${p.field} ${p.code}`)
    expect(fields).toContain('hospital.name field.required')
    expect(fields).toContain('hospital.prefecture_code field.bad_prefecture')
    expect(fields).toContain('hospital.critical_care_center field.required')
    expect(fields).toContain('hospital.ecmo_cases_last_year.vv field.required')
    expect(fields).toContain('contact.email field.required')
    expect(fields).toContain('members[3].years_of_experience field.required')
    expect(fields).toContain('preferences.session_ids preferences.empty')
    expect(fields).toContain('consents.privacy_notice_version consent.privacy_required')
    expect(fields).toContain('consents.no_recording consent.no_recording_required')
  })

  it('checks the team as a whole', () => {
    const f = validForm()
    f.members[0]!.profession = 'nurse'
    f.members[2]!.email = 'MEMBER1@example.jp'
    const codes = checkApplication(f, ctx).problems
    expect(codes).toEqual([
      { code: 'team.no_doctor', field: 'members' },
      { code: 'team.duplicate_email', field: 'members[2].email' },
    ])
  })

  it('checks preferences against the open sessions of the year', () => {
    const f = validForm()
    f.preferences.session_ids = ['s-open-1', 's-closed', 'nope', 's-open-1']
    expect(checkApplication(f, ctx).problems).toEqual([
      { code: 'preferences.session_closed', field: 'preferences.session_ids[1]' },
      { code: 'preferences.unknown_session', field: 'preferences.session_ids[2]' },
      { code: 'preferences.duplicate', field: 'preferences.session_ids[3]' },
    ])
  })

  it('accepts "any session" without a ranked choice', () => {
    const f = validForm()
    f.preferences = { any_session: true, session_ids: [] }
    expect(checkApplication(f, ctx).problems).toEqual([])
  })

  it('leaves consents alone when a submitted application is edited', () => {
    const f = validForm()
    f.consents = { privacy: false, no_recording: false }
    expect(checkApplication(f, ctx, false).problems).toEqual([])
  })

  it('rejects numbers that are not whole numbers in range', () => {
    const f = validForm()
    f.members[0]!.years_of_experience = '3.5'
    f.hospital.ecmo_cases_last_year.va = '10001'
    expect(checkApplication(f, ctx).problems).toEqual([
      { code: 'field.out_of_range', field: 'hospital.ecmo_cases_last_year.va' },
      { code: 'field.out_of_range', field: 'members[0].years_of_experience' },
    ])
  })
})

describe('form conversions', () => {
  it('parses counts as typed', () => {
    expect(parseCount('')).toBeNull()
    expect(parseCount(' ４２ ')).toBe(42)
    expect(parseCount('-1')).toBeNaN()
    expect(parseCount('1e3')).toBeNaN()
  })

  it('turns a stored application back into a form that passes the same checks', () => {
    const { body } = checkApplication(validForm(), ctx)
    const again = checkApplication(toForm(body), ctx, false)
    expect(again.problems).toEqual([])
    expect(again.body.members).toEqual(body.members)
    expect(again.body.hospital).toEqual(body.hospital)
  })

  it('revives partial or foreign saved forms without throwing', () => {
    expect(reviveForm(null)).toEqual(emptyForm())
    const revived = reviveForm({ hospital: { name: 'X' }, members: [{ name: 'A' }], preferences: { session_ids: [1, 'a'] } })
    expect(revived.hospital.name).toBe('X')
    expect(revived.hospital.ecmo_cases_last_year).toEqual({ vv: '', va: '' })
    expect(revived.members).toHaveLength(1)
    expect(revived.members[0]!.email).toBe('')
    expect(revived.preferences.session_ids).toEqual(['a'])
  })
})
