// Ranked session ids as rows to show (date, venue, region), looked up in the year's sessions.
import type { Session } from '../api/types'
import type { PreferredRow } from '../components/apply/ApplicationSummary.vue'

export function preferredRows(ids: string[], sessions: Session[]): PreferredRow[] {
  const rows: PreferredRow[] = []
  ids.forEach((id, i) => {
    const s = sessions.find((x) => x.id === id)
    if (s) rows.push({ rank: i + 1, date: s.date, venue: s.venue, region: s.region })
  })
  return rows
}
