import { describe, expect, it } from 'vitest'
import type { PairedItem, ProgressRow } from '../../api/learning'
import { count, distribution, fixed, groupOf, groupsByKind, meansSeries, pValue, summarise } from './results'

const item: PairedItem = {
  id: 'conf',
  text: '自信',
  kind: 'likert',
  groups: {
    all: { n_pairs: 12, mean_before: 2.25, mean_after: 3.5, p_value: 0.0004, r: 0.61 },
    'profession:doctor': { n_pairs: null, suppressed: true },
    'profession:nurse': { n_pairs: 7, mean_before: 2, mean_after: 3 },
    'session:s1': { n_pairs: 12, mean_before: 2.25, mean_after: 3.5 },
  },
}

describe('learning results', () => {
  it('shows withheld or missing figures as a dash', () => {
    expect(fixed(null)).toBe('—')
    expect(fixed(undefined)).toBe('—')
    expect(fixed(2.255, 2)).toBe('2.25')
    expect(count(null)).toBe('—')
    expect(count(0)).toBe('0')
    expect(pValue(0.0004)).toBe('<0.001')
    expect(pValue(0.04567)).toBe('0.046')
    expect(pValue(null)).toBe('—')
  })

  it('splits groups by kind and gives gaps for withheld ones', () => {
    expect(groupOf('profession:doctor')).toEqual({ kind: 'profession', value: 'doctor' })
    expect(groupOf('all')).toEqual({ kind: 'all', value: '' })
    const keys = groupsByKind(item, 'profession')
    expect(keys).toEqual(['profession:doctor', 'profession:nurse'])
    expect(meansSeries(item, keys)).toEqual({ before: [null, 2], after: [null, 3] })
  })

  it('reads a distribution given as an array or by point', () => {
    expect(distribution([1, 2, 3], [1, 2, 3, 4, 5])).toEqual([1, 2, 3, 0, 0])
    expect(distribution({ '1': 4, '5': 1 }, [1, 2, 3, 4, 5])).toEqual([4, 0, 0, 0, 1])
    expect(distribution({ '1': null, '2': 8, '3': null }, [1, 2, 3, 4, 5])).toEqual([null, 8, null, 0, 0])
    expect(distribution(null, [1, 2])).toBeNull()
  })

  it('counts progress per session', () => {
    const row = (session_id: string, over: Partial<ProgressRow>): ProgressRow => ({
      member_id: 'm', reference: 'R', hospital: 'H', session_id, name: 'n', profession: 'nurse',
      lectures_required: 2, lectures_studied: 0, quizzes: 2, quizzes_passed: 0, pre_done: false, post_done: false, ready: false,
      ...over,
    })
    const rows = [
      row('s2', { lectures_studied: 2, quizzes_passed: 2, pre_done: true, ready: true }),
      row('s1', { lectures_studied: 1 }),
      row('s2', { quizzes_passed: 2 }),
    ]
    expect(summarise(rows, (r) => r.session_id)).toEqual([
      { key: 's1', people: 1, studied: 0, passed: 0, pre: 0, post: 0, ready: 0 },
      { key: 's2', people: 2, studied: 1, passed: 2, pre: 1, post: 0, ready: 1 },
    ])
  })
})
