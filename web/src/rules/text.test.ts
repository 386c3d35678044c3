import { describe, expect, it } from 'vitest'
import { hasControlChar, hasLineBreak, hiraganaToKatakana, isKatakanaReading, lengthInChars, normalize } from './text'

describe('text normal forms', () => {
  it('applies NFKC and trims, as the server does', () => {
    expect(normalize('　ＡＢＣ１２３　')).toBe('ABC123')
    expect(normalize('ｵｵｶﾞｷ')).toBe('オオガキ')
    expect(normalize('０３−１２３４')).not.toBe('03-1234') // a full-width minus is not a hyphen…
    expect(normalize('０３－１２３４')).toBe('03-1234') // …but the full-width hyphen-minus is
  })

  it('counts code points, not UTF-16 units', () => {
    expect(lengthInChars('𠮷野家')).toBe(3)
    expect(lengthInChars('')).toBe(0)
  })

  it('finds line breaks of every kind', () => {
    for (const s of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a\u0085b']) expect(hasLineBreak(s)).toBe(true)
    expect(hasLineBreak('a b')).toBe(false)
  })

  it('finds control characters but allows tabs', () => {
    expect(hasControlChar('a\u0000b')).toBe(true)
    expect(hasControlChar('a\u007fb')).toBe(true)
    expect(hasControlChar('a\tb')).toBe(false)
  })

  it('turns hiragana into katakana and accepts katakana readings', () => {
    expect(hiraganaToKatakana('おおがきしみんびょういん')).toBe('オオガキシミンビョウイン')
    expect(isKatakanaReading('ヤマダ タロウ')).toBe(true)
    expect(isKatakanaReading('ヤマダ　タロウ')).toBe(true)
    expect(isKatakanaReading('メアリー・スミス')).toBe(true)
    expect(isKatakanaReading('山田')).toBe(false)
    expect(isKatakanaReading('yamada')).toBe(false)
    expect(isKatakanaReading('やまだ')).toBe(false)
  })
})
