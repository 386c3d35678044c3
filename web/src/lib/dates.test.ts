import { describe, expect, it } from 'vitest'
import { formatDate, formatInstant, parseDate, remaining, toJapanTime, wareki, warekiFiscalYear } from './dates'

describe('session days', () => {
  it('formats the notice’s dates with the weekday', () => {
    expect(formatDate('2025-08-24', 'ja')).toBe('2025年8月24日（日）')
    expect(formatDate('2025-09-15', 'ja')).toBe('2025年9月15日（月）')
    expect(formatDate('2026-02-15', 'en')).toBe('Sun 15 Feb 2026')
  })
  it('rejects impossible dates', () => {
    expect(parseDate('2025-02-29')).toBeNull()
    expect(parseDate('2025-8-24')).toBeNull()
    expect(formatDate('soon', 'ja')).toBe('soon')
  })
})

describe('和暦', () => {
  it('gives the era year', () => {
    expect(wareki(parseDate('2025-08-24')!)).toBe('令和7年8月24日')
    expect(wareki(parseDate('2019-05-01')!)).toBe('令和元年5月1日')
    expect(wareki(parseDate('2019-04-30')!)).toBe('平成31年4月30日')
    expect(wareki(parseDate('1989-01-07')!)).toBe('昭和64年1月7日')
    expect(wareki(parseDate('1900-01-01')!)).toBeNull()
  })
  it('names fiscal years', () => {
    expect(warekiFiscalYear(2025)).toBe('令和7年度')
    expect(warekiFiscalYear(2019)).toBe('平成31年度')
  })
})

describe('instants in Japan time', () => {
  it('shows any offset in JST', () => {
    expect(formatInstant('2025-07-13T23:59:59+09:00', 'ja')).toBe('2025年7月13日（日） 23:59')
    expect(formatInstant('2025-07-13T14:59:59Z', 'en')).toBe('Sun 13 Jul 2025, 23:59 JST')
    expect(toJapanTime('2025-12-31T15:00:00Z')).toMatchObject({ year: 2026, month: 1, day: 1, hour: 0 })
  })
})

describe('countdown', () => {
  it('rounds down to the minute', () => {
    const now = Date.parse('2025-07-01T00:00:00+09:00')
    const until = Date.parse('2025-07-13T23:59:59+09:00')
    expect(remaining(until, now)).toEqual({ days: 12, hours: 23, minutes: 59, over: false })
    expect(remaining(now, until).over).toBe(true)
  })
})
