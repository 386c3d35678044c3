// Dates and instants shown in Japan time, independent of the browser's time zone: session days come as
// `YYYY-MM-DD` (already Japan dates), instants as ISO 8601 with an offset. Japanese dates may carry their 和暦.
import type { Lang } from '../api/types'

const JST_OFFSET_MS = 9 * 60 * 60 * 1000

export interface CalendarDate {
  year: number
  month: number
  day: number
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
}

export function parseDate(iso: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  return { year, month, day, weekday: d.getUTCDay() }
}

/** The Japan calendar day and time of an instant. */
export function toJapanTime(instant: string | number | Date): (CalendarDate & { hour: number; minute: number }) | null {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant)
  if (Number.isNaN(ms)) return null
  const d = new Date(ms + JST_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  }
}

const ERAS = [
  { name: '令和', start: [2019, 5, 1] },
  { name: '平成', start: [1989, 1, 8] },
  { name: '昭和', start: [1926, 12, 25] },
] as const

function onOrAfter(d: CalendarDate, [y, m, day]: readonly [number, number, number]): boolean {
  return d.year !== y ? d.year > y : d.month !== m ? d.month > m : d.day >= day
}

/** 和暦 of a date: 令和7年8月24日; the first year of an era is 元年. Null before 昭和. */
export function wareki(d: CalendarDate): string | null {
  const era = ERAS.find((e) => onOrAfter(d, e.start))
  if (!era) return null
  const n = d.year - era.start[0] + 1
  return `${era.name}${n === 1 ? '元' : n}年${d.month}月${d.day}日`
}

/** 和暦 of a fiscal year (April to March): 令和7年度 for 2025. */
export function warekiFiscalYear(fiscalYear: number): string | null {
  const w = wareki({ year: fiscalYear, month: 4, day: 1, weekday: 0 })
  return w ? w.replace(/年.*$/, '年度') : null
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土']
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** 2025年8月24日（日） / Sun 24 Aug 2025 */
export function formatDay(d: CalendarDate, lang: Lang): string {
  if (lang === 'ja') return `${d.year}年${d.month}月${d.day}日（${WEEKDAYS_JA[d.weekday]}）`
  return `${WEEKDAYS_EN[d.weekday]} ${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`
}

export function formatDate(iso: string, lang: Lang): string {
  const d = parseDate(iso)
  return d ? formatDay(d, lang) : iso
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** An instant in Japan time: 2025年7月13日（日）23:59 / Sun 13 Jul 2025, 23:59 JST */
export function formatInstant(iso: string, lang: Lang): string {
  const t = toJapanTime(iso)
  if (!t) return iso
  const time = `${pad2(t.hour)}:${pad2(t.minute)}`
  return lang === 'ja' ? `${formatDay(t, lang)} ${time}` : `${formatDay(t, lang)}, ${time} JST`
}

export interface Remaining {
  days: number
  hours: number
  minutes: number
  /** True once the moment has passed. */
  over: boolean
}

/** Time left until `until`, seen at `now` (both ms since the epoch), rounded down to the minute. */
export function remaining(until: number, now: number): Remaining {
  const ms = until - now
  if (ms <= 0) return { days: 0, hours: 0, minutes: 0, over: true }
  const totalMinutes = Math.floor(ms / 60000)
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    over: false,
  }
}
