// The session edit form: what the inputs hold (strings; the closing time as a Japan-time datetime-local value) and
// the PATCH body, which carries only what changed — so saving an unchanged form changes (and mails) nothing.
import type { SessionPatch } from '../../api/admin'
import type { Localized } from '../../api/types'
import { toJapanTime } from '../dates'

export interface SessionFormValues {
  date: string
  venue_ja: string
  venue_en: string
  capacity_teams: string
  capacity_people: string
  applications_close_at: string
}

export interface EditableSession {
  date: string
  venue: Localized
  capacity_teams: number
  capacity_people: number
  applications_close_at: string
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** An instant as the value of an <input type="datetime-local"> in Japan time: 2025-07-13T23:59. */
export function toJapanLocalInput(instant: string): string {
  const t = toJapanTime(instant)
  if (!t) return ''
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}:${pad2(t.minute)}`
}

/** A datetime-local value read as Japan time, as an instant with offset: 2025-07-13T23:59:00+09:00. */
export function fromJapanLocalInput(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim())
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}+09:00` : value.trim()
}

export function formValues(s: EditableSession): SessionFormValues {
  return {
    date: s.date,
    venue_ja: s.venue.ja,
    venue_en: s.venue.en,
    capacity_teams: String(s.capacity_teams),
    capacity_people: String(s.capacity_people),
    applications_close_at: toJapanLocalInput(s.applications_close_at),
  }
}

/** A whole number as typed, or the text itself so the server names the problem (field.wrong_type / out_of_range). */
export function integer(text: string): number | string {
  const t = text.trim()
  return /^-?\d+$/.test(t) ? Number(t) : t
}

/** The PATCH body: only the fields that differ from the session as loaded. */
export function sessionPatch(before: EditableSession, form: SessionFormValues): SessionPatch {
  const patch: Record<string, unknown> = {}
  if (form.date.trim() !== before.date) patch.date = form.date.trim()
  if (form.venue_ja.trim() !== before.venue.ja || form.venue_en.trim() !== before.venue.en)
    patch.venue = { ja: form.venue_ja.trim(), en: form.venue_en.trim() }
  if (form.capacity_teams.trim() !== String(before.capacity_teams)) patch.capacity_teams = integer(form.capacity_teams)
  if (form.capacity_people.trim() !== String(before.capacity_people)) patch.capacity_people = integer(form.capacity_people)
  if (form.applications_close_at !== toJapanLocalInput(before.applications_close_at))
    patch.applications_close_at = fromJapanLocalInput(form.applications_close_at)
  return patch as SessionPatch
}

/** The server's field paths (`venue.ja`) → the form's inputs. */
export const SESSION_FIELDS: Record<string, string> = {
  date: 'date',
  venue: 'venue.ja',
  'venue.ja': 'venue.ja',
  'venue.en': 'venue.en',
  capacity_teams: 'capacity_teams',
  capacity_people: 'capacity_people',
  applications_close_at: 'applications_close_at',
}
