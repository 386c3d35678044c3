// The whole application checked as the server checks it, section by section. Returns every problem found and the
// request body in normal form (what the server will store), so the review step shows exactly what will be saved.
import type {
  ApplicationBody,
  ContactBody,
  CriticalCareCenter,
  HospitalBody,
  MemberBody,
  PreferencesBody,
  Profession,
  TeamRules,
} from '../api/types'
import type { ApplicationForm, ContactForm, HospitalForm, MemberForm, PreferencesForm } from './form'
import {
  LIMITS,
  checkChoice,
  checkCount,
  checkEmail,
  checkKana,
  checkPhone,
  checkPostalCode,
  checkPrefecture,
  checkText,
} from './fields'
import { Problems, type Problem } from './problems'
import { checkTeam } from './team'

export const CRITICAL_CARE_CENTERS: readonly CriticalCareCenter[] = ['none', 'regular', 'advanced']

export interface RuleContext {
  teamRules: TeamRules
  /** The sessions of the year: only open ones may be chosen. */
  sessions: { id: string; is_open: boolean }[]
  privacyNoticeVersion: string
}

/** A typed whole number ("12", "１２"), null when empty, NaN when not a whole number. */
export function parseCount(s: string): number | null {
  const v = s.normalize('NFKC').trim()
  if (v === '') return null
  return /^[0-9]{1,9}$/.test(v) ? Number(v) : Number.NaN
}

function hospitalBody(p: Problems, h: HospitalForm): HospitalBody {
  // In the order of the form, so the error summary reads top to bottom.
  const name = checkText(p, 'hospital.name', h.name, LIMITS.name)
  const nameKana = checkKana(p, 'hospital.name_kana', h.name_kana, LIMITS.hospitalKana)
  const postalCode = checkPostalCode(p, 'hospital.postal_code', h.postal_code)
  const prefecture = parseCount(h.prefecture_code)
  checkPrefecture(p, 'hospital.prefecture_code', prefecture)
  const address = checkText(p, 'hospital.address', h.address, LIMITS.address)
  const phone = checkPhone(p, 'hospital.phone', h.phone)
  checkChoice(p, 'hospital.critical_care_center', h.critical_care_center, CRITICAL_CARE_CENTERS)
  const vv = parseCount(h.ecmo_cases_last_year.vv)
  const va = parseCount(h.ecmo_cases_last_year.va)
  checkCount(p, 'hospital.ecmo_cases_last_year.vv', vv, 0, LIMITS.ecmoCases)
  checkCount(p, 'hospital.ecmo_cases_last_year.va', va, 0, LIMITS.ecmoCases)
  return {
    name,
    name_kana: nameKana,
    prefecture_code: prefecture ?? 0,
    postal_code: postalCode,
    address,
    phone,
    critical_care_center: h.critical_care_center as CriticalCareCenter,
    advanced_treatment_hospital: h.advanced_treatment_hospital,
    ecmo_cases_last_year: { vv: vv ?? 0, va: va ?? 0 },
  }
}

function contactBody(p: Problems, c: ContactForm): ContactBody {
  return {
    name: checkText(p, 'contact.name', c.name, LIMITS.name),
    name_kana: checkKana(p, 'contact.name_kana', c.name_kana),
    department: checkText(p, 'contact.department', c.department, LIMITS.department),
    email: checkEmail(p, 'contact.email', c.email),
    phone: checkPhone(p, 'contact.phone', c.phone),
  }
}

export function memberBody(p: Problems, m: MemberForm, i: number, professions: readonly string[]): MemberBody {
  const at = (f: string) => `members[${i}].${f}`
  checkChoice(p, at('profession'), m.profession, professions)
  const years = parseCount(m.years_of_experience)
  checkCount(p, at('years_of_experience'), years, 0, LIMITS.yearsOfExperience)
  const name = checkText(p, at('name'), m.name, LIMITS.name)
  const nameKana = checkKana(p, at('name_kana'), m.name_kana)
  const department = checkText(p, at('department'), m.department, LIMITS.department)
  const email = checkEmail(p, at('email'), m.email)
  return {
    name,
    name_kana: nameKana,
    profession: m.profession as Profession,
    department,
    years_of_experience: years ?? 0,
    email,
  }
}

function preferencesBody(p: Problems, prefs: PreferencesForm, ctx: RuleContext): PreferencesBody {
  if (!prefs.any_session && prefs.session_ids.length === 0) p.add('preferences.empty', 'preferences.session_ids')
  const seen = new Set<string>()
  prefs.session_ids.forEach((id, i) => {
    const field = `preferences.session_ids[${i}]`
    const session = ctx.sessions.find((s) => s.id === id)
    if (!session) p.add('preferences.unknown_session', field)
    else if (!session.is_open) p.add('preferences.session_closed', field)
    else if (seen.has(id)) p.add('preferences.duplicate', field)
    seen.add(id)
  })
  return { any_session: prefs.any_session, session_ids: [...prefs.session_ids] }
}

export interface CheckResult {
  problems: Problem[]
  body: ApplicationBody
}

/** Checks everything; `withConsents` is false when a submitted application is edited (consents were given). */
export function checkApplication(form: ApplicationForm, ctx: RuleContext, withConsents = true): CheckResult {
  const p = new Problems()
  const hospital = hospitalBody(p, form.hospital)
  const contact = contactBody(p, form.contact)
  const members = form.members.map((m, i) => memberBody(p, m, i, ctx.teamRules.professions))
  checkTeam(p, members, ctx.teamRules)
  const preferences = preferencesBody(p, form.preferences, ctx)
  if (withConsents) {
    if (!form.consents.privacy) p.add('consent.privacy_required', 'consents.privacy_notice_version')
    if (!form.consents.no_recording) p.add('consent.no_recording_required', 'consents.no_recording')
  }
  const consents = {
    privacy_notice_version: form.consents.privacy ? ctx.privacyNoticeVersion : '',
    no_recording: form.consents.no_recording,
  }
  return { problems: p.list, body: { hospital, contact, members, preferences, consents } }
}
