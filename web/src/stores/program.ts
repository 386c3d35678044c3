// The programme of a year, fetched once per year and shared by every page. Also keeps the server's clock (the
// `now` of the last answer), so countdowns and "open / closed" follow the server, not the visitor's computer.
import { reactive, readonly } from 'vue'
import { getProgram } from '../api/client'
import type { Program } from '../api/types'

interface ProgramState {
  /** The year the page in view is about: drives the demo banner. */
  shown: Program | null
  /** The key of the year the server calls current (the one GET /api/program returns). */
  currentKey: string
  /** Server clock minus browser clock, in ms. */
  clockOffset: number
}

const state = reactive<ProgramState>({ shown: null, currentKey: '', clockOffset: 0 })
const cache = new Map<string, Promise<Program>>()

function remember(program: Program, isCurrent: boolean): Program {
  if (isCurrent) state.currentKey = program.year.key
  const serverNow = Date.parse(program.now)
  if (!Number.isNaN(serverNow)) state.clockOffset = serverNow - Date.now()
  return program
}

/** The programme of `year` (the current year when omitted). Failed loads are not cached, so a retry refetches. */
export function loadProgram(year?: string): Promise<Program> {
  const key = year && year !== state.currentKey ? year : ''
  let p = cache.get(key)
  if (!p) {
    p = getProgram(key || undefined).then((program) => remember(program, key === ''))
    p.catch(() => cache.delete(key))
    cache.set(key, p)
  }
  return p
}

/** Marks the programme a page is showing (the banner and footer follow it). */
export function showProgram(program: Program | null): void {
  state.shown = program
}

export function serverNow(): number {
  return Date.now() + state.clockOffset
}

export const programState = readonly(state)

/** Forget everything (tests, and a language-independent hard refresh). */
export function resetPrograms(): void {
  cache.clear()
  state.shown = null
  state.currentKey = ''
  state.clockOffset = 0
}
