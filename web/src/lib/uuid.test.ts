import { describe, expect, it } from 'vitest'
import { randomUuid } from './uuid'

describe('random UUID', () => {
  it('is a version 4, variant 1 UUID', () => {
    const id = randomUuid()
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(randomUuid()).not.toBe(id)
  })
  it('sets the version bits whatever the random bytes', () => {
    expect(randomUuid((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
  })
})
