import { describe, expect, it } from 'vitest'
import { copyYearBody, emptySession, newSessionBody, nextYearValues } from './yearSetup'

describe('year set-up forms', () => {
  it('suggests the next fiscal year from the one copied', () => {
    expect(nextYearValues({ key: 'r7', fiscal_year: 2025 })).toMatchObject({
      key: 'r8',
      fiscal_year: '2026',
      label_ja: '令和8年度',
      label_en: 'FY2026',
    })
    expect(nextYearValues({ key: '2025', fiscal_year: 2025 }).key).toBe('2026')
    expect(nextYearValues({ key: 'demo', fiscal_year: 2025 }).key).toBe('')
  })

  it('sends the copy body with a number for the fiscal year, or the text when it is not one', () => {
    const v = { key: ' r8 ', fiscal_year: '2026', label_ja: '令和8年度', label_en: 'FY2026', reference_prefix: 'R8' }
    expect(copyYearBody(v)).toEqual({ key: 'r8', fiscal_year: 2026, label: { ja: '令和8年度', en: 'FY2026' }, reference_prefix: 'R8' })
    expect(copyYearBody({ ...v, fiscal_year: '二〇二六' }).fiscal_year).toBe('二〇二六')
  })

  it('leaves empty capacities out of a new session so the defaults apply', () => {
    const v = { ...emptySession(4), date: '2027-03-07', region_ja: '九州', prefecture_code: '40', venue_ja: '福岡大学病院' }
    expect(newSessionBody(v)).toEqual({
      number: 4,
      date: '2027-03-07',
      region: { ja: '九州', en: '' },
      prefecture_code: 40,
      venue: { ja: '福岡大学病院', en: '' },
    })
    expect(newSessionBody({ ...v, prefecture_code: '', number: ' ' })).not.toHaveProperty('prefecture_code')
    expect(newSessionBody({ ...v, number: ' ' })).not.toHaveProperty('number')
    expect(newSessionBody({ ...v, capacity_teams: '6', capacity_people: '30' })).toMatchObject({ capacity_teams: 6, capacity_people: 30 })
  })
})
