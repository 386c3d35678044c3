import { describe, expect, it } from 'vitest'
import type { QuestionnaireDefinition } from '../../api/questionnaireBuilder'
import {
  emptyDefinition,
  forSave,
  freshId,
  isLocked,
  move,
  newItem,
  newSection,
  numberOrNull,
  previewForm,
  problemsByPath,
  problemsUnder,
  withKind,
} from './builder'

const labels = ['1', '2', '3', '4', '5']

function definition(): QuestionnaireDefinition {
  const d = emptyDefinition({ preTitle: '受講前', preTitleEn: 'Before', postTitle: '受講後', postTitleEn: 'After', labels, labelsEn: [] })
  d.title = 'アンケート'
  d.sections = [
    {
      id: 'conf', title: '自信', title_en: 'Confidence', forms: ['pre', 'post'],
      items: [
        { id: 'c1', kind: 'likert', scale: 'confidence', text: '説明できる', text_en: '', required: true, paired: true, forms: [] },
        { id: 'years', kind: 'numeric', text: '経験年数', text_en: '', required: true, paired: false, forms: ['pre'], min: 0, max: 60, integer: true },
      ],
    },
    {
      id: 'after', title: '感想', title_en: '', forms: ['post'],
      items: [{ id: 'good', kind: 'free_text', text: 'よかった点', text_en: '', required: false, paired: false, forms: [], max_length: 500 }],
    },
  ]
  return d
}

describe('questionnaire builder', () => {
  it('starts a year with the two forms and a five-point scale', () => {
    const d = emptyDefinition({ preTitle: 'a', preTitleEn: 'b', postTitle: 'c', postTitleEn: 'd', labels, labelsEn: labels })
    expect(d.forms.pre).toEqual({ title: 'a', title_en: 'b' })
    expect(d.scales).toEqual([{ id: 'confidence', labels, labels_en: labels }])
    expect(d.sections).toEqual([])
  })

  it('gives new sections and items ids not yet taken', () => {
    expect(freshId('item', new Set(['item_1', 'item_3']))).toBe('item_2')
    const d = definition()
    d.sections[0]!.items.push(newItem(d))
    const again = newItem(d, 'single_choice')
    expect(d.sections[0]!.items[2]).toMatchObject({ id: 'item_1', kind: 'likert', scale: 'confidence', forms: [] })
    expect(again).toMatchObject({ id: 'item_2', kind: 'single_choice', options: ['', ''], correct: null })
    expect(newSection(d)).toMatchObject({ id: 'section_1', forms: ['pre', 'post'], items: [] })
  })

  it('keeps only the fields of an item’s kind, as the server stores them', () => {
    const likert = definition().sections[0]!.items[0]!
    const choice = withKind(likert, 'single_choice')
    expect(choice).not.toHaveProperty('scale')
    expect(choice).toMatchObject({ options: ['', ''], correct: null, paired: true })
    expect(withKind(choice, 'multiple_choice')).toMatchObject({ paired: false, max_choices: 0 })
    expect(withKind(likert, 'free_text')).toMatchObject({ paired: false, max_length: 2000 })
    expect(withKind(likert, 'numeric')).toMatchObject({ min: null, max: null, integer: false })
    expect(withKind(withKind(likert, 'numeric'), 'likert', 'other')).toMatchObject({ scale: 'other' })
  })

  it('moves sections and items within bounds', () => {
    const list = ['a', 'b', 'c']
    expect(move(list, 0, -1)).toBe(false)
    expect(move(list, 2, 1)).toBe(false)
    expect(move(list, 0, 1)).toBe(true)
    expect(list).toEqual(['b', 'a', 'c'])
    expect(move(list, 2, -1)).toBe(true)
    expect(list).toEqual(['b', 'c', 'a'])
  })

  it('previews each form as the portal shows it', () => {
    const d = definition()
    const pre = previewForm(d, 'pre')
    const post = previewForm(d, 'post')
    expect(pre.map((s) => s.items.map((i) => i.id))).toEqual([['c1', 'years']])
    expect(post.map((s) => s.items.map((i) => i.id))).toEqual([['c1'], ['good']])
    expect(pre[0]!.items[0]).toMatchObject({ scale_min: 1, scale_max: 5, labels })
    expect(pre[0]!.items[1]).toMatchObject({ min: 0, max: 60, integer: true })
    expect(post[1]!.items[0]).toMatchObject({ max_length: 500 })
    expect(pre[0]!.items[0]).not.toHaveProperty('options')
  })

  it('locks answered items and places the server’s problems by path', () => {
    expect(isLocked({ pre: ['c1'], post: [] }, 'c1')).toBe(true)
    expect(isLocked({ pre: ['c1'], post: [] }, 'years')).toBe(false)
    expect(isLocked(undefined, 'c1')).toBe(false)
    const p = problemsByPath([
      { code: 'questionnaire.unknown_scale', field: 'sections[1].items[0].scale', message: '尺度を選んでください。' },
      { code: 'questionnaire.unpairable', field: 'sections[1].items[0].scale', message: 'B' },
      { code: 'field.required', field: 'sections[1].title', message: 'T' },
      { code: 'field.required', field: 'sections[10].title', message: 'X' },
    ])
    expect(p['sections[1].items[0].scale']).toBe('尺度を選んでください。 B')
    expect(problemsUnder(p, 'sections[1]').sort()).toEqual(['T', '尺度を選んでください。 B'])
    expect(problemsUnder(p, 'sections[1].items[0]')).toEqual(['尺度を選んでください。 B'])
  })

  it('reads typed numbers, blank as none', () => {
    expect(numberOrNull('')).toBeNull()
    expect(numberOrNull(' 12.5 ')).toBe(12.5)
    expect(numberOrNull('x')).toBeNull()
    expect(numberOrNull(3)).toBe(3)
    expect(numberOrNull(null)).toBeNull()
  })

  it('sends options without the blank last lines of a text box', () => {
    const d = definition()
    d.sections[1]!.items.push({ id: 'c', kind: 'single_choice', text: 'q', text_en: '', required: false, paired: false, forms: [],
      options: ['a', '', 'b', '', ' '], options_en: ['A', 'B', ''], correct: 2 })
    const sent = forSave(d)
    expect(sent.sections[1]!.items[1]).toMatchObject({ options: ['a', '', 'b'], options_en: ['A', 'B'], correct: 2 })
    expect(d.sections[1]!.items[1]!.options).toHaveLength(5)
  })
})
