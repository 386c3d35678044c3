import { describe, expect, it } from 'vitest'
import { PREFECTURE_TILES, TILE_COLUMNS, TILE_ROWS, tileLevel } from './prefectureTiles'

describe('prefecture tile map', () => {
  it('has each of the 47 prefecture codes exactly once', () => {
    const codes = PREFECTURE_TILES.map((t) => t.code).sort((a, b) => a - b)
    expect(codes).toEqual(Array.from({ length: 47 }, (_, i) => i + 1))
  })

  it('puts no two prefectures on the same square', () => {
    const squares = new Set(PREFECTURE_TILES.map((t) => `${t.x},${t.y}`))
    expect(squares.size).toBe(47)
  })

  it('is roughly geographic: Hokkaidō north-east, Okinawa south-west, Tokyo east of Osaka', () => {
    const at = (code: number) => PREFECTURE_TILES.find((t) => t.code === code)!
    expect(at(1)).toEqual({ code: 1, x: TILE_COLUMNS - 1, y: 0 })
    expect(at(47)).toEqual({ code: 47, x: 0, y: TILE_ROWS - 1 })
    expect(at(13).x).toBeGreaterThan(at(27).x)
    expect(at(40).y).toBeGreaterThan(at(35).y) // 福岡 south of 山口
    expect(at(37).y).toBeGreaterThan(at(33).y) // 香川 south of 岡山
  })

  it('neighbours touch: every prefecture on Honshū has a tile next to it', () => {
    const key = (x: number, y: number) => `${x},${y}`
    const taken = new Set(PREFECTURE_TILES.map((t) => key(t.x, t.y)))
    for (const t of PREFECTURE_TILES.filter((t) => t.code !== 47)) {
      const around = [key(t.x - 1, t.y), key(t.x + 1, t.y), key(t.x, t.y - 1), key(t.x, t.y + 1)]
      expect(around.some((k) => taken.has(k)), `prefecture ${t.code}`).toBe(true)
    }
  })

  it('colours counts in five steps relative to the largest', () => {
    expect(tileLevel(null, 10)).toBeNull()
    expect(tileLevel(undefined, 10)).toBeNull()
    expect(tileLevel(0, 10)).toBe(0)
    expect(tileLevel(1, 10)).toBe(1)
    expect(tileLevel(5, 10)).toBe(3)
    expect(tileLevel(10, 10)).toBe(5)
    expect(tileLevel(3, 0)).toBe(0)
  })
})

describe('tile names', () => {
  it('are distinct in English, and short in Japanese', async () => {
    const { EN_SHORT, tileName } = await import('./prefectureTiles')
    expect(EN_SHORT).toHaveLength(47)
    expect(new Set(EN_SHORT).size).toBe(47)
    expect(tileName(13, '東京都', 'ja')).toBe('東京')
    expect(tileName(1, '北海道', 'ja')).toBe('北海道')
    expect(tileName(18, 'Fukui', 'en')).toBe('FKI')
  })
})
