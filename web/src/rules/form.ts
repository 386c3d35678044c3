// The application as the form holds it: every input is a string (numbers too, as typed), so a half-typed value
// survives a reload and is checked, not silently coerced. `toForm` turns a stored application back into a form.
import type { ApplicationBody, CriticalCareCenter, HospitalBody, MemberBody, Profession } from '../api/types'

export interface HospitalForm {
  name: string
  name_kana: string
  prefecture_code: string
  postal_code: string
  address: string
  phone: string
  critical_care_center: CriticalCareCenter | ''
  advanced_treatment_hospital: boolean
  ecmo_cases_last_year: { vv: string; va: string }
}

export interface ContactForm {
  name: string
  name_kana: string
  department: string
  email: string
  phone: string
}

export interface MemberForm {
  name: string
  name_kana: string
  profession: Profession | ''
  department: string
  years_of_experience: string
  email: string
}

export interface PreferencesForm {
  any_session: boolean
  session_ids: string[]
}

export interface ConsentsForm {
  privacy: boolean
  no_recording: boolean
}

export interface ApplicationForm {
  hospital: HospitalForm
  contact: ContactForm
  members: MemberForm[]
  preferences: PreferencesForm
  consents: ConsentsForm
}

export function emptyMember(profession: Profession | '' = ''): MemberForm {
  return { name: '', name_kana: '', profession, department: '', years_of_experience: '', email: '' }
}

/** The notice's basic team: one doctor, two nurses, one clinical engineer. */
export const BASIC_TEAM: Profession[] = ['doctor', 'nurse', 'nurse', 'clinical_engineer']

export function emptyForm(): ApplicationForm {
  return {
    hospital: {
      name: '',
      name_kana: '',
      prefecture_code: '',
      postal_code: '',
      address: '',
      phone: '',
      critical_care_center: '',
      advanced_treatment_hospital: false,
      ecmo_cases_last_year: { vv: '', va: '' },
    },
    contact: { name: '', name_kana: '', department: '', email: '', phone: '' },
    members: BASIC_TEAM.map((p) => emptyMember(p)),
    preferences: { any_session: false, session_ids: [] },
    consents: { privacy: false, no_recording: false },
  }
}

function hospitalForm(h: HospitalBody): HospitalForm {
  return {
    ...h,
    prefecture_code: String(h.prefecture_code),
    ecmo_cases_last_year: { vv: String(h.ecmo_cases_last_year.vv), va: String(h.ecmo_cases_last_year.va) },
  }
}

function memberForm(m: MemberBody): MemberForm {
  return { ...m, years_of_experience: String(m.years_of_experience) }
}

/** A stored application as a form (consents are not edited after submission). */
export function toForm(a: Pick<ApplicationBody, 'hospital' | 'contact' | 'members' | 'preferences'>): ApplicationForm {
  return {
    hospital: hospitalForm(a.hospital),
    contact: { ...a.contact },
    members: a.members.map(memberForm),
    preferences: { any_session: a.preferences.any_session, session_ids: [...a.preferences.session_ids] },
    consents: { privacy: true, no_recording: true },
  }
}

/** Restores a form saved by an older page version: missing parts are filled from an empty form. */
export function reviveForm(saved: unknown): ApplicationForm {
  const base = emptyForm()
  if (!saved || typeof saved !== 'object') return base
  const s = saved as Partial<ApplicationForm>
  return {
    hospital: {
      ...base.hospital,
      ...s.hospital,
      ecmo_cases_last_year: { ...base.hospital.ecmo_cases_last_year, ...s.hospital?.ecmo_cases_last_year },
    },
    contact: { ...base.contact, ...s.contact },
    members: Array.isArray(s.members) ? s.members.map((m) => ({ ...emptyMember(), ...m })) : base.members,
    preferences: {
      any_session: s.preferences?.any_session === true,
      session_ids: Array.isArray(s.preferences?.session_ids) ? s.preferences.session_ids.filter((x) => typeof x === 'string') : [],
    },
    consents: { ...base.consents, ...s.consents },
  }
}
