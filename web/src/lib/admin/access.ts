// What each role may open in the back office: the menu shows only these, and a page outside them shows "not
// found" (as the server answers 404). Mirrors the capability table of src/domain/access.cpp.
import type { Role } from '../../api/admin'

export type AdminArea = 'dashboard' | 'applications' | 'sessions' | 'selection' | 'learning' | 'results' | 'users' | 'audit'
export type AdminAction =
  | 'review'
  | 'edit_sessions'
  | 'export'
  | 'roster'
  | 'manage_accounts'
  | 'publish_selection'
  | 'setup_programme'

const AREAS: Record<Role, readonly AdminArea[]> = {
  // selection: review_applications (a coordinator's dry runs and pins cover their own sessions only).
  // learning (pre-learning progress): review_applications, a coordinator's own sessions only.
  // results (questionnaire results): admin and staff in full; view_aggregates gives the Ministry the aggregates only.
  admin: ['dashboard', 'applications', 'sessions', 'selection', 'learning', 'results', 'users', 'audit'],
  staff: ['dashboard', 'applications', 'sessions', 'selection', 'learning', 'results'],
  coordinator: ['applications', 'sessions', 'selection', 'learning'],
  instructor: ['sessions'],
  ministry: ['dashboard', 'results'],
}

const ACTIONS: Record<Role, readonly AdminAction[]> = {
  // publish_selection: manage_sessions (publishing a run, releasing unconfirmed places).
  // setup_programme: lectures and the GIFT import of tests.
  admin: ['review', 'edit_sessions', 'export', 'roster', 'manage_accounts', 'publish_selection', 'setup_programme'],
  staff: ['review', 'edit_sessions', 'export', 'roster', 'publish_selection', 'setup_programme'],
  coordinator: ['review', 'roster'],
  instructor: ['roster'],
  ministry: [],
}

export function areasOf(role: Role | undefined): readonly AdminArea[] {
  return role ? AREAS[role] ?? [] : []
}

export function mayOpen(role: Role | undefined, area: AdminArea): boolean {
  return areasOf(role).includes(area)
}

export function mayDo(role: Role | undefined, action: AdminAction): boolean {
  return role ? (ACTIONS[role] ?? []).includes(action) : false
}

/** Where a role lands after signing in: its first area. */
export function homeArea(role: Role | undefined): AdminArea | null {
  return areasOf(role)[0] ?? null
}

/** Roster of a session: everyone with the roster for all sessions, coordinators and instructors for theirs. */
export function mayReadRoster(role: Role | undefined, assigned: readonly string[], sessionId: string): boolean {
  if (!mayDo(role, 'roster')) return false
  return role === 'admin' || role === 'staff' || assigned.includes(sessionId)
}
