import { describe, expect, it } from 'vitest'
import type { QuizQuestion } from '../../api/learning'
import { answersBody, clock, emptyAnswer, isAnswered, parseNumber, percent, secondsLeft } from './quiz'

const q = (position: number, type: string): QuizQuestion => ({
  position,
  title: '',
  text: '',
  format: 'moodle',
  type,
  points: 1,
  choices: [],
})

describe('quiz answers', () => {
  it('reads numbers typed in full width, with a comma or a Japanese minus', () => {
    expect(parseNumber('３６０')).toBe(360)
    expect(parseNumber(' 1,5 ')).toBe(1.5)
    expect(parseNumber('−2')).toBe(-2)
    expect(parseNumber('abc')).toBeNull()
    expect(parseNumber('')).toBeNull()
  })

  it('builds the body by question position and leaves unanswered questions out', () => {
    const questions = [q(3, 'single_choice'), q(0, 'multiple_choice'), q(1, 'true_false'), q(2, 'numeric'), q(4, 'short_answer'), q(5, 'numeric')]
    const state = {
      3: { ...emptyAnswer(), choice: 2 },
      0: { ...emptyAnswer(), choices: [3, 1] },
      1: { ...emptyAnswer(), truth: false },
      2: { ...emptyAnswer(), number: '６６' },
      4: { ...emptyAnswer(), text: ' PEEP ' },
      5: { ...emptyAnswer(), number: 'x' },
    }
    expect(answersBody(questions, state)).toEqual([
      { question: 3, choices: [2] },
      { question: 0, choices: [1, 3] },
      { question: 1, truth: false },
      { question: 2, number: 66 },
      { question: 4, text: 'PEEP' },
    ])
    expect(isAnswered(q(5, 'numeric'), state[5])).toBe(false)
  })

  it('counts down a timed attempt and shows no clock for an untimed one', () => {
    const started = '2026-05-01T00:00:00Z'
    const t0 = Date.parse(started)
    expect(secondsLeft(started, 10, t0 + 61_000)).toBe(539)
    expect(secondsLeft(started, 10, t0 + 3_600_000)).toBe(0)
    expect(secondsLeft(started, null, t0)).toBeNull()
    expect(secondsLeft(started, 0, t0)).toBeNull()
    expect(clock(539)).toBe('8:59')
    expect(clock(3723)).toBe('1:02:03')
  })

  it('shows percentages with one decimal at most', () => {
    expect(percent(80)).toBe('80%')
    expect(percent(66.666)).toBe('66.7%')
    expect(percent(null)).toBe('—')
  })
})
