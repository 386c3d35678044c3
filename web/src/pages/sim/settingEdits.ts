// The ventilator and ECMO setting inputs while the simulation runs. The panel re-renders several times a second
// (readings, timer), and every re-render writes the bound value back into each input: a field being typed into must
// show what the trainee typed, not the engine's current setting, until the edit is applied (Enter, change, blur) or
// dropped (Escape, another scenario, a restart). An edit belongs to the run it was typed in: one left over from a
// previous scenario is never applied to the next run.

/** What the trainee has typed into a field and not yet applied, and the run it was typed in. */
export interface Draft {
  text: string
  run: number
}

/** Unapplied edits by field id (`vent.peep_cmH2O`, `ecmo.sweep_gas_flow_L_per_min`). */
export type Drafts = Record<string, Draft>

/** The text an input shows: the trainee's unapplied edit if there is one, else the engine's current setting. */
export function fieldText(current: number | string | undefined, draft: Draft | undefined): string {
  if (draft) return draft.text
  return current === undefined ? '' : String(current)
}

/** Records a keystroke (an input event) in a field during run `run`. */
export function editField(drafts: Drafts, id: string, text: string, run: number): void {
  drafts[id] = { text, run }
}

/** Same setting? Numbers compare as numbers ("5.0" is 5), anything else as trimmed text. */
function sameSetting(text: string, current: number | string | undefined): boolean {
  if (current === undefined) return false
  const a = text.trim()
  const b = String(current).trim()
  if (a === b) return true
  const x = Number(a)
  const y = Number(b)
  return a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y) && x === y
}

/**
 * Ends the edit of a field (Enter, change or blur) in run `run`: returns the text to apply to the engine, or null when
 * there is nothing to apply (no edit, an edit from another run, an empty field, or the setting it already has). The
 * draft is removed either way, so the field shows the engine's setting again.
 */
export function commitField(drafts: Drafts, id: string, run: number, current: number | string | undefined): string | null {
  const draft = drafts[id]
  if (!draft) return null
  delete drafts[id]
  if (draft.run !== run) return null
  const text = draft.text.trim()
  if (text === '' || sameSetting(text, current)) return null
  return text
}

/** Drops the unapplied edit of one field (Escape). */
export function discardField(drafts: Drafts, id: string): void {
  delete drafts[id]
}

/** Drops every unapplied edit (another scenario, a restart). */
export function discardAll(drafts: Drafts): void {
  for (const id of Object.keys(drafts)) delete drafts[id]
}
