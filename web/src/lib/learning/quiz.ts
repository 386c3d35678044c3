// The test a participant takes: the form state of each question, the answers sent to the server (by question
// position, as /api/portal/attempts/{id} expects), and the time left when the test has a limit.
import type { AnswerBody, QuizQuestion } from '../../api/learning'

/** What the form holds for one question: choices ticked, true/false, a number or a text as typed. */
export interface AnswerState {
  choice: number | null
  choices: number[]
  truth: boolean | null
  number: string
  text: string
}

export function emptyAnswer(): AnswerState {
  return { choice: null, choices: [], truth: null, number: '', text: '' }
}

/** A number as typed: full-width digits, a comma decimal point and spaces are accepted; anything else is null. */
export function parseNumber(typed: string): number | null {
  const s = typed
    .normalize('NFKC')
    .replace(/[\s]/g, '')
    .replace(/[−ー―]/g, '-')
    .replace(/,/g, '.')
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null
  return Number(s)
}

export function isAnswered(q: QuizQuestion, a: AnswerState): boolean {
  switch (q.type) {
    case 'single_choice':
      return a.choice !== null
    case 'multiple_choice':
      return a.choices.length > 0
    case 'true_false':
      return a.truth !== null
    case 'numeric':
      return parseNumber(a.number) !== null
    default:
      return a.text.trim() !== ''
  }
}

/** The body of a submission: one entry per answered question; an unanswered one is left out (scored as such). */
export function answersBody(questions: readonly QuizQuestion[], state: Record<number, AnswerState>): AnswerBody[] {
  const out: AnswerBody[] = []
  for (const q of questions) {
    const a = state[q.position]
    if (!a || !isAnswered(q, a)) continue
    switch (q.type) {
      case 'single_choice':
        out.push({ question: q.position, choices: [a.choice as number] })
        break
      case 'multiple_choice':
        out.push({ question: q.position, choices: [...a.choices].sort((x, y) => x - y) })
        break
      case 'true_false':
        out.push({ question: q.position, truth: a.truth as boolean })
        break
      case 'numeric':
        out.push({ question: q.position, number: parseNumber(a.number) as number })
        break
      default:
        out.push({ question: q.position, text: a.text.trim() })
    }
  }
  return out
}

/** Seconds left of a timed attempt (never below 0), or null when the test has no time limit. */
export function secondsLeft(startedAt: string, limitMinutes: number | null | undefined, now: number): number | null {
  if (!limitMinutes || limitMinutes <= 0) return null
  const started = Date.parse(startedAt)
  if (Number.isNaN(started)) return null
  return Math.max(0, Math.floor((started + limitMinutes * 60_000 - now) / 1000))
}

/** 12:05 or 1:02:03. */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** A percentage as shown: at most one decimal, no trailing ".0". */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return `${Math.round(value * 10) / 10}%`
}
