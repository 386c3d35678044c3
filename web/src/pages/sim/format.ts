// How the practice page shows numbers and bilingual text.
import type { LogEntry } from './engine'
import { alarmLabels, interventionLabels } from './text'

export type Bilingual = { ja: string; en: string }

export const fmt = (v: number | undefined, digits = 0) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits))
export const pct = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : (v * 100).toFixed(0))

/** The text in the page's language, the Japanese when there is no English. */
export const pickText = (lang: string, t: Bilingual | undefined) => (t ? (lang === 'en' ? t.en : t.ja) || t.ja : '')

/** One line of the trainee's log. */
export function describe(lang: string, e: LogEntry): string {
  if (e.kind === 'intervention') return pickText(lang, interventionLabels[e.name]) || e.name
  if (e.kind === 'alarm_on') return `⚠ ${pickText(lang, alarmLabels[e.name]) || e.name}`
  if (e.kind === 'fault') return `${e.name} = ${e.value}`
  return `${e.name} → ${e.value}`
}
