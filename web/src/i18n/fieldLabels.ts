// The name of the field a problem is about, as the form labels it: `members[2].email` → 「構成員 3 メールアドレス」.
// Used by the error summary, so "入力してください。" always says where.
import { i18n } from './index'

const LABELS: Record<string, string> = {
  'hospital.name': 'apply.hospital.name',
  'hospital.name_kana': 'apply.hospital.nameKana',
  'hospital.prefecture_code': 'apply.hospital.prefecture',
  'hospital.postal_code': 'apply.hospital.postalCode',
  'hospital.address': 'apply.hospital.address',
  'hospital.phone': 'apply.hospital.phone',
  'hospital.critical_care_center': 'apply.hospital.criticalCare',
  'hospital.advanced_treatment_hospital': 'apply.hospital.advancedTreatment',
  'hospital.ecmo_cases_last_year.vv': 'apply.hospital.vv',
  'hospital.ecmo_cases_last_year.va': 'apply.hospital.va',
  'contact.name': 'apply.contact.name',
  'contact.name_kana': 'apply.contact.nameKana',
  'contact.department': 'apply.contact.department',
  'contact.email': 'apply.contact.email',
  'contact.phone': 'apply.contact.phone',
  members: 'apply.team.title',
  'member.name': 'apply.team.name',
  'member.name_kana': 'apply.team.nameKana',
  'member.profession': 'apply.team.profession',
  'member.department': 'apply.team.department',
  'member.years_of_experience': 'apply.team.years',
  'member.email': 'apply.team.email',
  'preferences.session_ids': 'apply.preferences.chosen',
  'preferences.any_session': 'apply.preferences.any',
  'consents.privacy_notice_version': 'apply.consents.privacy',
  'consents.no_recording': 'summary.consents',
}

/** The label of a field path, or '' when the path names no field the user sees. */
export function fieldLabel(path: string): string {
  const t = i18n.global.t
  const section = path.startsWith('contact.') ? `${t('apply.contact.title')} ` : ''
  const member = /^members\[(\d+)\]\.(\w+)$/.exec(path)
  if (member) {
    const key = LABELS[`member.${member[2]}`]
    return key ? `${t('apply.team.member', { n: Number(member[1]) + 1 })} ${t(key)}` : ''
  }
  const rank = /^preferences\.session_ids\[(\d+)\]$/.exec(path)
  if (rank) return t('apply.preferences.rank', { n: Number(rank[1]) + 1 })
  const key = LABELS[path]
  return key ? section + t(key) : ''
}

/** "label：message", or the message alone when the field has no label. */
export function withFieldLabel(path: string, message: string): string {
  const label = fieldLabel(path)
  return label ? i18n.global.t('errors.withField', { field: label, message }) : message
}
