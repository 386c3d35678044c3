import { describe, expect, it } from 'vitest'
import type { FormSection } from '../../api/learning'
import { answersOf, checkForm, emptyForm, emptyItem, itemHint, itemOfField, likertPoints, optionsOf } from './questionnaire'

const sections: FormSection[] = [
  {
    id: 'about',
    title: 'あなたについて',
    title_en: 'About you',
    items: [
      { id: 'years', kind: 'numeric', text: '経験年数', text_en: 'Years', required: true, min: 0, max: 60, integer: true },
      { id: 'prior', kind: 'single_choice', text: '受講歴', text_en: 'Prior', required: true, options: ['なし', 'あり'], options_en: ['None', 'Yes'] },
      { id: 'topics', kind: 'multiple_choice', text: '関心', text_en: 'Topics', required: false, options: ['a', 'b', 'c'], max_choices: 2 },
      { id: 'conf', kind: 'likert', text: '自信', text_en: 'Confidence', required: true, scale_min: 1, scale_max: 5, labels: ['全く', 'あまり', '中間', 'やや', 'とても'], labels_en: [] },
      { id: 'free', kind: 'free_text', text: '自由記述', text_en: 'Free', required: false, max_length: 5 },
    ],
  },
]

describe('questionnaire form', () => {
  it('asks for every required item and nothing else', () => {
    const state = emptyForm(sections) as Record<"years" | "prior" | "topics" | "conf" | "free", ReturnType<typeof emptyItem>>
    expect(checkForm(sections, state)).toEqual({ years: 'questionnaire.required', prior: 'questionnaire.required', conf: 'questionnaire.required' })
  })

  it('checks numbers, choices and text length as the server does', () => {
    const state = emptyForm(sections) as Record<"years" | "prior" | "topics" | "conf" | "free", ReturnType<typeof emptyItem>>
    state.years.number = '2.5'
    state.prior.choice = 0
    state.conf.scale = 4
    state.topics.choices = [0, 1, 2]
    state.free.text = '123456'
    expect(checkForm(sections, state)).toEqual({ years: 'questionnaire.wrong_kind', topics: 'questionnaire.too_many_choices', free: 'questionnaire.too_long' })
    state.years.number = '61'
    expect(checkForm(sections, state).years).toBe('questionnaire.out_of_range')
    state.years.number = 'x'
    expect(checkForm(sections, state).years).toBe('questionnaire.wrong_kind')
  })

  it('sends the answered items by id', () => {
    const state = emptyForm(sections) as Record<"years" | "prior" | "topics" | "conf" | "free", ReturnType<typeof emptyItem>>
    state.years.number = '１２'
    state.prior.choice = 1
    state.conf.scale = 5
    state.topics.choices = [2, 0]
    state.free.text = '  '
    expect(answersOf(sections, state)).toEqual({
      years: { number: 12 },
      prior: { choices: [1] },
      topics: { choices: [0, 2] },
      conf: { scale: 5 },
    })
  })

  it('labels Likert points and options in the chosen language, Japanese when English is missing', () => {
    const conf = sections[0]!.items[3]!
    expect(likertPoints(conf, 'en').map((p) => p.label)).toEqual(['全く', 'あまり', '中間', 'やや', 'とても'])
    expect(likertPoints(conf, 'ja')[0]).toEqual({ value: 1, label: '全く' })
    expect(optionsOf(sections[0]!.items[1]!, 'en')).toEqual(['None', 'Yes'])
    expect(itemOfField('answers.years')).toBe('years')
    expect(itemOfField('answers')).toBeNull()
  })
})

describe('itemHint', () => {
  const t = (key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values ?? {})}`
  it('names the range of a number, the most choices and the longest text, and nothing else', () => {
    const years = sections[0]!.items[0]!
    expect(itemHint(years, t)).toBe('learning.questionnaire.range {"min":0,"max":60}')
    expect(itemHint({ ...years, kind: 'multiple_choice', max_choices: 2 }, t)).toBe('learning.questionnaire.maxChoices {"n":2}')
    expect(itemHint({ ...years, kind: 'free_text', max_length: 400 }, t)).toBe('learning.questionnaire.maxLength {"n":400}')
    expect(itemHint({ ...years, kind: 'likert' }, t)).toBe('')
  })
})
