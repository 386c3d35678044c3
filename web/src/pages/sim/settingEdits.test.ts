import { describe, expect, it } from 'vitest'
import { commitField, discardAll, discardField, editField, fieldText, type Drafts } from './settingEdits'

describe('setting fields while the simulation runs', () => {
  it('shows the engine setting when nothing is typed, the typed text while an edit is open', () => {
    const drafts: Drafts = {}
    expect(fieldText(5, drafts['vent.peep_cmH2O'])).toBe('5')
    expect(fieldText(undefined, undefined)).toBe('')
    editField(drafts, 'vent.peep_cmH2O', '1', 1)
    expect(fieldText(5, drafts['vent.peep_cmH2O'])).toBe('1')
    // the frame loop re-renders with the engine's value between keystrokes: the field still shows what was typed
    expect(fieldText(5, drafts['vent.peep_cmH2O'])).toBe('1')
    editField(drafts, 'vent.peep_cmH2O', '12', 1)
    expect(fieldText(5, drafts['vent.peep_cmH2O'])).toBe('12')
    // other fields are untouched
    expect(fieldText(15, drafts['vent.rate_per_min'])).toBe('15')
  })

  it('applies a multi-digit value once, on the first of Enter / change / blur', () => {
    const drafts: Drafts = {}
    editField(drafts, 'vent.peep_cmH2O', '1', 3)
    editField(drafts, 'vent.peep_cmH2O', '12', 3)
    expect(commitField(drafts, 'vent.peep_cmH2O', 3, 5)).toBe('12')
    expect(drafts['vent.peep_cmH2O']).toBeUndefined()
    expect(commitField(drafts, 'vent.peep_cmH2O', 3, 12)).toBeNull() // the change or blur after Enter
    expect(fieldText(12, drafts['vent.peep_cmH2O'])).toBe('12')
  })

  it('applies nothing without an edit, for an empty field, or for the setting the engine already has', () => {
    const drafts: Drafts = {}
    expect(commitField(drafts, 'ecmo.sweep_gas_flow_L_per_min', 1, 4)).toBeNull()
    editField(drafts, 'ecmo.sweep_gas_flow_L_per_min', '  ', 1)
    expect(commitField(drafts, 'ecmo.sweep_gas_flow_L_per_min', 1, 4)).toBeNull()
    editField(drafts, 'ecmo.sweep_gas_flow_L_per_min', '4.0', 1)
    expect(commitField(drafts, 'ecmo.sweep_gas_flow_L_per_min', 1, 4)).toBeNull()
    editField(drafts, 'ecmo.sweep_gas_flow_L_per_min', ' 10 ', 1)
    expect(commitField(drafts, 'ecmo.sweep_gas_flow_L_per_min', 1, 4)).toBe('10')
    editField(drafts, 'ecmo.FdO2', '0.6', 1)
    expect(commitField(drafts, 'ecmo.FdO2', 1, '1')).toBe('0.6')
  })

  it('never applies an edit typed in a previous run (another scenario, a restart)', () => {
    const drafts: Drafts = {}
    editField(drafts, 'vent.FiO2', '0.8', 1)
    // the scenario changes: run 2 starts; a late change or blur of the old field must not reach the new engine
    expect(commitField(drafts, 'vent.FiO2', 2, 0.3)).toBeNull()
    expect(drafts['vent.FiO2']).toBeUndefined()

    editField(drafts, 'vent.FiO2', '0.8', 2)
    editField(drafts, 'ecmo.pump_speed_rpm', '3500', 2)
    discardAll(drafts)
    expect(drafts).toEqual({})
    expect(fieldText(0.3, drafts['vent.FiO2'])).toBe('0.3')
    expect(commitField(drafts, 'vent.FiO2', 3, 0.3)).toBeNull()
  })

  it('Escape drops the edit of one field only', () => {
    const drafts: Drafts = {}
    editField(drafts, 'vent.FiO2', '0.8', 1)
    editField(drafts, 'vent.peep_cmH2O', '8', 1)
    discardField(drafts, 'vent.FiO2')
    expect(fieldText(0.3, drafts['vent.FiO2'])).toBe('0.3')
    expect(commitField(drafts, 'vent.peep_cmH2O', 1, 5)).toBe('8')
  })
})
