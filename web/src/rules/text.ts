// Text normal forms, as the server applies them: NFKC (全角英数 → 半角, 半角カナ → 全角), trimmed; lengths in
// Unicode code points; katakana readings (フリガナ) with hiragana accepted and turned into katakana.

const LINE_BREAKS = /[\n\r\u0085\u2028\u2029]/

export function hasLineBreak(s: string): boolean {
  return LINE_BREAKS.test(s)
}

/** C0 controls other than tab and line breaks, and DEL. */
export function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true
  }
  return false
}

/** True when the string holds a lone surrogate, which cannot be sent as UTF-8. */
export function hasLoneSurrogate(s: string): boolean {
  return /\p{Surrogate}/u.test(s)
}

export function normalize(s: string): string {
  return s.normalize('NFKC').trim()
}

export function lengthInChars(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

/** ぁ–ゖ and ゝゞ become their katakana (one code point apart by 0x60). */
export function hiraganaToKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
}

const KATAKANA_READING = /^[\p{Script=Katakana}\u30fc\u30fb \u3000]*$/u

/** Katakana, the long-vowel mark ー, the middle dot ・ and spaces. */
export function isKatakanaReading(s: string): boolean {
  return KATAKANA_READING.test(s)
}

export function toLowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase())
}
