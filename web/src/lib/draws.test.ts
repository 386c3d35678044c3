import { describe, expect, it } from 'vitest'
import type { Draw } from '../api/types'
import { lotteryNumber, normaliseReference } from './draws'

const draw: Draw = {
  run_id: 'r',
  published_at: '2026-10-01T10:00:00+09:00',
  session_ids: ['s1'],
  seed: '7',
  method: 'kenshu-lottery-1',
  order: ['R7-0002', 'R7-0005', 'R7-0004'],
}

describe('published lottery', () => {
  it('normalises a reference as typed', () => {
    expect(normaliseReference(' ｒ７－０００５ ')).toBe('R7-0005')
    expect(normaliseReference('r7-0012')).toBe('R7-0012')
  })
  it('gives the lottery number, first drawn = 1', () => {
    expect(lotteryNumber(draw, 'R7-0002')).toBe(1)
    expect(lotteryNumber(draw, 'r7-0004')).toBe(3)
    expect(lotteryNumber(draw, 'R7-0001')).toBeNull()
    expect(lotteryNumber(draw, '')).toBeNull()
  })
})
