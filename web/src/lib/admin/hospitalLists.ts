// The official lists' import on the selection page: a refused file's problems by line (the server names them
// `lines[N]` or `lines[N].column`, N counting the header as line 1; `file` for the file as a whole), and the text key
// of a flag's reason.
import type { ErrorDetail } from '../../api/types'

export interface LineProblem {
  /** The file's line, null for the whole file. */
  line: number | null
  /** The column's name as the server reports it (name, prefecture, …), '' for the whole line. */
  column: string
  code: string
  message: string
}

const LINE = /^lines\[(\d+)\](?:\.([a-z_]+))?$/

export function lineProblems(details: readonly ErrorDetail[]): LineProblem[] {
  const out = details.map((d): LineProblem => {
    const m = LINE.exec(d.field ?? '')
    return m
      ? { line: Number(m[1]), column: m[2] ?? '', code: d.code, message: d.message }
      : { line: null, column: '', code: d.code, message: d.message }
  })
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

export const FLAG_REASONS = ['hospital_unmatched', 'critical_care_mismatch', 'advanced_treatment_mismatch'] as const

/** The catalogue key of a flag's reason, or null for one this page does not know (its code is shown). */
export function flagReasonKey(reason: string): string | null {
  return (FLAG_REASONS as readonly string[]).includes(reason) ? `lists.reasons.${reason}` : null
}
