// Finding a team in a published lottery: references are typed as people type them (full-width, lower case, spaces).
import type { Draw } from '../api/types'

/** A reference as typed, in the form the server gives it: NFKC (full-width → ASCII), no spaces, upper case. */
export function normaliseReference(typed: string): string {
  return typed.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** The lottery number of a reference in a draw (1 = drawn first), or null when the draw does not hold it. */
export function lotteryNumber(draw: Draw, typed: string): number | null {
  const i = draw.order.indexOf(normaliseReference(typed))
  return i < 0 ? null : i + 1
}
