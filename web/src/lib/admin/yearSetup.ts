// The sessions page's set-up forms: copying a year's set-up into a new year (POST /api/admin/years/{key}/copy) and
// adding a session to a year (POST /api/admin/years/{key}/sessions). Inputs are strings; numbers go as numbers
// when they are whole, else as typed so the server names the problem on its field.
import { integer } from './sessionForm'

export interface CopyYearValues {
  key: string
  fiscal_year: string
  label_ja: string
  label_en: string
  reference_prefix: string
}

export const COPY_YEAR_FIELDS: Record<string, string> = {
  key: 'key',
  fiscal_year: 'fiscal_year',
  'label.ja': 'label.ja',
  'label.en': 'label.en',
  label: 'label.ja',
  reference_prefix: 'reference_prefix',
}

/** A suggestion for the next year from the one copied: fiscal year + 1, its key and labels. */
export function nextYearValues(from: { key: string; fiscal_year: number; reference_prefix?: string }): CopyYearValues {
  const fy = from.fiscal_year + 1
  const reiwa = fy - 2018
  return {
    key: /^\d{4}$/.test(from.key) ? String(fy) : /^r\d+$/.test(from.key) ? `r${reiwa}` : '',
    fiscal_year: String(fy),
    label_ja: reiwa > 0 ? `令和${reiwa}年度` : `${fy}年度`,
    label_en: `FY${fy}`,
    reference_prefix: '',
  }
}

export function copyYearBody(v: CopyYearValues) {
  return {
    key: v.key.trim(),
    fiscal_year: integer(v.fiscal_year),
    label: { ja: v.label_ja.trim(), en: v.label_en.trim() },
    reference_prefix: v.reference_prefix.trim(),
  }
}

export interface NewSessionValues {
  number: string
  date: string
  region_ja: string
  region_en: string
  prefecture_code: string
  venue_ja: string
  venue_en: string
  capacity_teams: string
  capacity_people: string
}

export const NEW_SESSION_FIELDS: Record<string, string> = {
  number: 'number',
  date: 'date',
  region: 'region.ja',
  'region.ja': 'region.ja',
  'region.en': 'region.en',
  prefecture_code: 'prefecture_code',
  venue: 'venue.ja',
  'venue.ja': 'venue.ja',
  'venue.en': 'venue.en',
  capacity_teams: 'capacity_teams',
  capacity_people: 'capacity_people',
}

export function emptySession(nextNumber: number): NewSessionValues {
  return {
    number: String(nextNumber),
    date: '',
    region_ja: '',
    region_en: '',
    prefecture_code: '',
    venue_ja: '',
    venue_en: '',
    capacity_teams: '',
    capacity_people: '',
  }
}

/** The body; capacities left empty are left out (the server's defaults apply). */
export function newSessionBody(v: NewSessionValues) {
  const body: Record<string, unknown> = {
    number: integer(v.number),
    date: v.date.trim(),
    region: { ja: v.region_ja.trim(), en: v.region_en.trim() },
    prefecture_code: integer(v.prefecture_code),
    venue: { ja: v.venue_ja.trim(), en: v.venue_en.trim() },
  }
  // A number left empty is left out, so the server answers "required" on its input rather than a type error.
  for (const k of ['number', 'prefecture_code']) if (body[k] === '') delete body[k]
  if (v.capacity_teams.trim()) body.capacity_teams = integer(v.capacity_teams)
  if (v.capacity_people.trim()) body.capacity_people = integer(v.capacity_people)
  return body
}
