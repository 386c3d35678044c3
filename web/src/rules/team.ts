// What a valid team is: the notice's rule (always at least one doctor and one nurse), the year's size bounds, and
// distinct member e-mail addresses (compared without regard to ASCII case).
import type { Profession, TeamRules } from '../api/types'
import { Problems } from './problems'
import { toLowerAscii } from './text'

export const DEFAULT_TEAM_RULES: TeamRules = {
  min_size: 2,
  max_size: 8,
  required_professions: ['doctor', 'nurse'],
  professions: ['doctor', 'nurse', 'clinical_engineer', 'other'],
}

const MISSING_CODE: Partial<Record<Profession, string>> = { doctor: 'team.no_doctor', nurse: 'team.no_nurse' }

export interface TeamMember {
  profession: string
  email: string
}

export function checkTeam(p: Problems, members: TeamMember[], rules: TeamRules): void {
  if (members.length < rules.min_size) p.add('team.too_small', 'members')
  if (members.length > rules.max_size) p.add('team.too_large', 'members')
  for (const required of rules.required_professions) {
    if (!members.some((m) => m.profession === required))
      p.add(MISSING_CODE[required] ?? 'team.missing_profession', 'members')
  }
  const seen = new Set<string>()
  members.forEach((m, i) => {
    if (m.email === '') return
    const key = toLowerAscii(m.email)
    if (seen.has(key)) p.add('team.duplicate_email', `members[${i}].email`)
    seen.add(key)
  })
}
