// What the management page shows of a published selection: the outcome's heading, which actions it offers, and the
// sessions it still concerns. The server decides (can_confirm / can_decline); this only reads its answer, plus the
// clock for a confirm-by date that passed while the page was open.
import type { PlacementView } from '../api/types'

export type PlacementState =
  | 'accepted'
  | 'confirmed'
  | 'expired'
  | 'waitlisted'
  | 'not_selected'
  | 'declined'
  | 'released'

export function placementState(p: PlacementView, now: number): PlacementState {
  switch (p.outcome) {
    case 'accepted':
      if (p.confirmed_at) return 'confirmed'
      if (p.confirm_by && Date.parse(p.confirm_by) < now) return 'expired'
      return 'accepted'
    case 'waitlisted':
    case 'declined':
    case 'released':
      return p.outcome
    default:
      return 'not_selected'
  }
}

export interface PlacementActions {
  confirm: boolean
  /** Declining a place, or leaving the waitlist. */
  decline: boolean
}

export function placementActions(p: PlacementView, now: number): PlacementActions {
  const state = placementState(p, now)
  return {
    confirm: p.can_confirm && state === 'accepted',
    decline: p.can_decline && (state === 'accepted' || state === 'confirmed' || state === 'waitlisted'),
  }
}

/** The waitlist positions, best first. */
export function waitlistRows(p: PlacementView): PlacementView['waitlist'] {
  return [...p.waitlist].sort((a, b) => a.position - b.position || (a.number ?? 0) - (b.number ?? 0))
}
