// Replacing a member after acceptance (the management page): who may ask, the new member checked with the
// application form's member rules and the team rules on the team as it would be, and where the server's problems
// belong. The form's paths are the server's: `members[i].name` for the replaced member's fields, `members` for the team.
import type { ManagedApplication, MemberBody, TeamRules } from '../api/types'
import type { MemberReplacement, ReplacementBody } from '../api/selectionExtra'
import type { ErrorDetail } from '../api/types'
import { memberBody } from '../rules/application'
import type { MemberForm } from '../rules/form'
import { Problems, type Problem } from '../rules/problems'
import { checkTeam } from '../rules/team'

/** A member as the management view shows it: with its id. */
export type ManagedMember = MemberBody & { id?: string }

/** Only a team holding an accepted place may ask to replace a member. */
export function mayAskReplacement(app: Pick<ManagedApplication, 'status' | 'selection'>): boolean {
  return app.status !== 'withdrawn' && app.selection?.outcome === 'accepted'
}

/** The member's request still waiting for the secretariat, if any (one at a time per member). */
export function pendingFor(list: readonly MemberReplacement[], memberId: string): MemberReplacement | undefined {
  return list.find((r) => r.member_id === memberId && r.status === 'pending')
}

export interface ReplacementCheck {
  problems: Problem[]
  body: ReplacementBody
}

export function checkReplacement(
  form: MemberForm,
  index: number,
  members: readonly ManagedMember[],
  rules: TeamRules,
): ReplacementCheck {
  const p = new Problems()
  const member = memberBody(p, form, index, rules.professions)
  const team = members.map((m, i) => (i === index ? member : m))
  checkTeam(p, team, rules)
  return { problems: onReplaced(p.list, index), body: { member_id: members[index]?.id ?? '', member: member } }
}

// Only the new member can make an e-mail address a duplicate, whichever of the two the rule names.
function onReplaced<T extends { code: string; field: string }>(list: readonly T[], index: number): T[] {
  return list.map((d) =>
    d.code === 'team.duplicate_email' && /^members\[\d+\]\.email$/.test(d.field) ? { ...d, field: `members[${index}].email` } : d,
  )
}

/** The server's problems on the form's paths: the body's own `member.x` is the replaced member's field. */
export function replacementProblems(details: readonly ErrorDetail[], index: number): ErrorDetail[] {
  const mapped = details.map((d) => {
    const m = /^member\.(\w+)$/.exec(d.field ?? '')
    return m ? { ...d, field: `members[${index}].${m[1]}` } : { ...d, field: d.field ?? '' }
  })
  return onReplaced(mapped, index)
}

/** Whether a problem shows under one of the form's inputs (else it goes to the box at the top). */
export function onForm(field: string, index: number): boolean {
  return field.startsWith(`members[${index}].`)
}
