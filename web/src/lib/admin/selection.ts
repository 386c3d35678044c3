// The selection page's logic: which sessions may be selected for (their window has closed), the dry-run body with
// optional what-if capacities (the server wants both numbers of an override, so an empty one keeps the session's
// own), and where a problem of that body belongs on the form.
import type { CapacityOverride, DryRunBody, SelectionTeam } from '../../api/admin'
import type { Session } from '../../api/types'

/** A session may be selected for once its application window has closed. */
export function closedSessions(sessions: readonly Session[], now: number): Session[] {
  return sessions.filter((s) => !s.is_open || Date.parse(s.applications_close_at) <= now)
}

export interface CapacityInput {
  teams: string
  people: string
}

/** Form path of a session's what-if inputs; `j` is the session's row among the closed sessions. */
export const capacityPath = (j: number, field: 'capacity_teams' | 'capacity_people') => `capacity[${j}].${field}`

export interface DryRunPlan {
  body: DryRunBody
  /** Server field → form path, for the overrides as sent (their index is their place in the body). */
  fields: Record<string, string>
}

const whole = (v: string) => v.trim()

export function dryRunPlan(
  year: string,
  closed: readonly Session[],
  chosen: ReadonlySet<string>,
  capacity: Readonly<Record<string, CapacityInput>>,
): DryRunPlan {
  const session_ids = closed.filter((s) => chosen.has(s.id)).map((s) => s.id)
  const overrides: CapacityOverride[] = []
  const fields: Record<string, string> = { session_ids: 'session_ids', year: 'session_ids' }
  closed.forEach((s, j) => {
    if (!chosen.has(s.id)) return
    const c = capacity[s.id]
    if (!c || (whole(c.teams) === '' && whole(c.people) === '')) return
    const k = overrides.length
    overrides.push({
      session_id: s.id,
      capacity_teams: whole(c.teams) === '' ? s.capacity_teams : Number(whole(c.teams)),
      capacity_people: whole(c.people) === '' ? s.capacity_people : Number(whole(c.people)),
    })
    for (const f of ['capacity_teams', 'capacity_people'] as const)
      fields[`capacity_overrides[${k}].${f}`] = capacityPath(j, f)
    fields[`capacity_overrides[${k}].session_id`] = capacityPath(j, 'capacity_teams')
  })
  // A range problem is reported without the override's index: it belongs to the one override when there is one.
  if (overrides.length === 1)
    for (const f of ['capacity_teams', 'capacity_people', 'session_id'] as const)
      fields[`capacity_overrides.${f}`] = fields[`capacity_overrides[0].${f}`] as string
  const body: DryRunBody = { year, session_ids }
  if (overrides.length) body.capacity_overrides = overrides
  return { body, fields }
}

/** Teams in the order staff read them: accepted by session and rank, then the waitlist, then the rest; by tier. */
export function orderedTeams(teams: readonly SelectionTeam[], sessionNumber: (id: string) => number): SelectionTeam[] {
  const weight = (o: string) => (o === 'accepted' ? 0 : o === 'waitlisted' ? 1 : 2)
  const firstWait = (t: SelectionTeam) => Math.min(...t.waitlist.map((w) => w.position), Number.MAX_SAFE_INTEGER)
  return [...teams].sort(
    (a, b) =>
      weight(a.outcome) - weight(b.outcome) ||
      (a.session_id ? sessionNumber(a.session_id) : 0) - (b.session_id ? sessionNumber(b.session_id) : 0) ||
      firstWait(a) - firstWait(b) ||
      a.tier - b.tier ||
      a.reference.localeCompare(b.reference),
  )
}
