// Checks of single fields. Each adds problems with the server's codes and returns the value in the normal form the
// server will store, so what the user reviews is what will be saved.
import { Problems } from './problems'
import {
  hasControlChar,
  hasLineBreak,
  hasLoneSurrogate,
  hiraganaToKatakana,
  isKatakanaReading,
  lengthInChars,
  normalize,
  toLowerAscii,
} from './text'

export const LIMITS = {
  name: 100,
  hospitalKana: 200,
  kana: 100,
  address: 200,
  department: 100,
  email: 254,
  emailLocal: 64,
  phone: 20,
  postalCode: 8,
  ecmoCases: 10000,
  yearsOfExperience: 70,
} as const

export function checkText(p: Problems, field: string, value: string, maxChars: number = LIMITS.name): string {
  if (hasLineBreak(value)) {
    p.add('field.line_break', field)
    return ''
  }
  if (hasControlChar(value) || hasLoneSurrogate(value)) {
    p.add('field.bad_text', field)
    return ''
  }
  const v = normalize(value)
  if (v === '') p.add('field.required', field)
  else if (lengthInChars(v) > maxChars) p.add('field.too_long', field)
  return v
}

export function checkKana(p: Problems, field: string, value: string, maxChars: number = LIMITS.kana): string {
  let v = ''
  if (!p.clean(() => (v = checkText(p, field, value, maxChars)))) return v
  v = hiraganaToKatakana(v)
  if (!isKatakanaReading(v)) p.add('field.not_katakana', field)
  return v
}

const LOCAL_CHAR = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

export function isEmail(e: string): boolean {
  const at = e.indexOf('@')
  if (at <= 0 || e.indexOf('@', at + 1) !== -1) return false
  const local = e.slice(0, at)
  const domain = e.slice(at + 1)
  if (local.length > LIMITS.emailLocal || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return false
  if (!LOCAL_CHAR.test(local)) return false
  if (!domain.includes('.')) return false
  return domain.split('.').every((label) => DOMAIN_LABEL.test(label))
}

export function checkEmail(p: Problems, field: string, value: string): string {
  let v = ''
  if (!p.clean(() => (v = checkText(p, field, value, LIMITS.email)))) return v
  const at = v.indexOf('@')
  if (at !== -1) v = v.slice(0, at) + toLowerAscii(v.slice(at))
  if (!isEmail(v)) p.add('field.bad_email', field)
  return v
}

/** Japanese phone numbers: starting with 0, 10–11 digits, single hyphens between digit groups. */
export function checkPhone(p: Problems, field: string, value: string): string {
  let v = ''
  if (!p.clean(() => (v = checkText(p, field, value, LIMITS.phone)))) return v
  const digits = v.replace(/[^0-9]/g, '').length
  const shapeOk = /^0[0-9-]*$/.test(v) && !v.includes('--') && !v.endsWith('-')
  if (!shapeOk || digits < 10 || digits > 11) p.add('field.bad_phone', field)
  return v
}

/** 〒 NNN-NNNN; seven digits without the hyphen are accepted and given one. */
export function checkPostalCode(p: Problems, field: string, value: string): string {
  let v = ''
  if (!p.clean(() => (v = checkText(p, field, value, LIMITS.postalCode)))) return v
  if (!/^[0-9]{3}-?[0-9]{4}$/.test(v)) {
    p.add('field.bad_postal_code', field)
    return v
  }
  const digits = v.replace('-', '')
  return `${digits.slice(0, 3)}-${digits.slice(3)}`
}

export function checkPrefecture(p: Problems, field: string, code: number | null): void {
  if (code === null || !Number.isInteger(code) || code < 1 || code > 47) p.add('field.bad_prefecture', field)
}

/** A whole number within bounds; an empty input (null) is missing rather than out of range. */
export function checkCount(p: Problems, field: string, value: number | null, min: number, max: number): void {
  if (value === null) p.add('field.required', field)
  else if (!Number.isInteger(value) || value < min || value > max) p.add('field.out_of_range', field)
}

/** A choice from a fixed list; an empty choice is missing. */
export function checkChoice(p: Problems, field: string, value: string, allowed: readonly string[]): void {
  if (value === '') p.add('field.required', field)
  else if (!allowed.includes(value)) p.add('field.bad_enum', field)
}
