import { afterEach, describe, expect, it } from 'vitest'
import { fieldLabel, withFieldLabel } from './fieldLabels'
import { setLanguage } from './index'

afterEach(() => setLanguage('ja', false))

describe('field labels for the error summary', () => {
  it('names hospital, contact, member and preference fields', () => {
    expect(fieldLabel('hospital.name')).toBe('病院名')
    expect(fieldLabel('contact.email')).toBe('申込責任者 メールアドレス')
    expect(fieldLabel('members[2].email')).toBe('構成員 3 メールアドレス')
    expect(fieldLabel('members')).toBe('チームの構成員')
    expect(fieldLabel('preferences.session_ids[1]')).toBe('第2希望')
    expect(fieldLabel('program_year')).toBe('')
  })
  it('puts the label before the message, in the chosen language', () => {
    expect(withFieldLabel('hospital.phone', '入力してください。')).toBe('電話番号：入力してください。')
    setLanguage('en', false)
    expect(withFieldLabel('members[0].name', 'This field is required.')).toBe('Member 1 Name: This field is required.')
    expect(withFieldLabel('', 'Oops.')).toBe('Oops.')
  })
})
