import { describe, expect, it } from 'vitest'
import { checkCount, checkEmail, checkKana, checkPhone, checkPostalCode, checkPrefecture, checkText } from './fields'
import { Problems } from './problems'

function run<T>(check: (p: Problems) => T): { value: T; codes: string[] } {
  const p = new Problems()
  const value = check(p)
  return { value, codes: p.list.map((x) => x.code) }
}

describe('free text', () => {
  it('requires a value after trimming', () => {
    expect(run((p) => checkText(p, 'x', '   ')).codes).toEqual(['field.required'])
  })
  it('bounds the length in characters after normalisation', () => {
    expect(run((p) => checkText(p, 'x', 'あ'.repeat(100))).codes).toEqual([])
    expect(run((p) => checkText(p, 'x', 'あ'.repeat(101))).codes).toEqual(['field.too_long'])
    expect(run((p) => checkText(p, 'x', 'あ'.repeat(200), 200)).codes).toEqual([])
  })
  it('rejects line breaks and control characters', () => {
    expect(run((p) => checkText(p, 'x', 'a\nb')).codes).toEqual(['field.line_break'])
    expect(run((p) => checkText(p, 'x', 'a\u0001b')).codes).toEqual(['field.bad_text'])
  })
  it('returns the normal form', () => {
    expect(run((p) => checkText(p, 'x', ' 大垣市民病院 ')).value).toBe('大垣市民病院')
  })
})

describe('フリガナ', () => {
  it('accepts katakana with spaces and ー, and converts hiragana and half-width kana', () => {
    expect(run((p) => checkKana(p, 'k', 'ヤマダ　ハナコ'))).toEqual({ value: 'ヤマダ ハナコ', codes: [] })
    expect(run((p) => checkKana(p, 'k', 'やまだ はなこ'))).toEqual({ value: 'ヤマダ ハナコ', codes: [] })
    expect(run((p) => checkKana(p, 'k', 'ｵｵｶﾞｷ'))).toEqual({ value: 'オオガキ', codes: [] })
    expect(run((p) => checkKana(p, 'k', 'センター')).codes).toEqual([])
  })
  it('rejects kanji and latin letters', () => {
    expect(run((p) => checkKana(p, 'k', '山田')).codes).toEqual(['field.not_katakana'])
    expect(run((p) => checkKana(p, 'k', 'Yamada')).codes).toEqual(['field.not_katakana'])
  })
  it('reports a missing reading once, not also as not katakana', () => {
    expect(run((p) => checkKana(p, 'k', '')).codes).toEqual(['field.required'])
  })
})

describe('e-mail', () => {
  it('accepts ordinary addresses and lower-cases the domain only', () => {
    expect(run((p) => checkEmail(p, 'e', 'Hanako.Yamada@Hospital.EXAMPLE.jp'))).toEqual({
      value: 'Hanako.Yamada@hospital.example.jp',
      codes: [],
    })
    expect(run((p) => checkEmail(p, 'e', 'ｎｕｒｓｅ＠ｅｘａｍｐｌｅ．ｊｐ')).value).toBe('nurse@example.jp')
  })
  it('rejects malformed addresses', () => {
    for (const bad of ['nurse', 'a@b', '@example.jp', 'a@@example.jp', 'a..b@example.jp', '.a@example.jp',
      'a@-example.jp', 'a@example..jp', 'a b@example.jp', 'あ@example.jp', `${'a'.repeat(65)}@example.jp`]) {
      expect(run((p) => checkEmail(p, 'e', bad)).codes, bad).toEqual(['field.bad_email'])
    }
  })
})

describe('phone', () => {
  it('accepts 10–11 digits starting with 0, with single hyphens', () => {
    for (const ok of ['03-1234-5678', '0312345678', '090-1234-5678', '０５８４－８１－３３４１'])
      expect(run((p) => checkPhone(p, 'tel', ok)).codes, ok).toEqual([])
  })
  it('rejects other shapes', () => {
    for (const bad of ['3-1234-5678', '03-1234-567', '090-1234-56789', '03--1234-5678', '03-1234-5678-',
      '03 1234 5678', '+81-3-1234-5678'])
      expect(run((p) => checkPhone(p, 'tel', bad)).codes, bad).toEqual(['field.bad_phone'])
  })
})

describe('postal code', () => {
  it('accepts NNN-NNNN and seven digits, giving the hyphenated form', () => {
    expect(run((p) => checkPostalCode(p, 'pc', '503-8502'))).toEqual({ value: '503-8502', codes: [] })
    expect(run((p) => checkPostalCode(p, 'pc', '5038502'))).toEqual({ value: '503-8502', codes: [] })
    expect(run((p) => checkPostalCode(p, 'pc', '５０３－８５０２'))).toEqual({ value: '503-8502', codes: [] })
  })
  it('rejects other shapes', () => {
    for (const bad of ['503-850', '50-38502', '503 8502', 'abc-defg'])
      expect(run((p) => checkPostalCode(p, 'pc', bad)).codes, bad).toEqual(['field.bad_postal_code'])
  })
})

describe('numbers and choices', () => {
  it('checks prefecture codes 1–47', () => {
    expect(run((p) => checkPrefecture(p, 'pref', 21)).codes).toEqual([])
    for (const bad of [0, 48, null, 1.5])
      expect(run((p) => checkPrefecture(p, 'pref', bad)).codes).toEqual(['field.bad_prefecture'])
  })
  it('tells a missing count from one out of range', () => {
    expect(run((p) => checkCount(p, 'n', null, 0, 70)).codes).toEqual(['field.required'])
    expect(run((p) => checkCount(p, 'n', 71, 0, 70)).codes).toEqual(['field.out_of_range'])
    expect(run((p) => checkCount(p, 'n', Number.NaN, 0, 70)).codes).toEqual(['field.out_of_range'])
    expect(run((p) => checkCount(p, 'n', 0, 0, 70)).codes).toEqual([])
  })
})
