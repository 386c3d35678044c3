// A tile map of Japan: each of the 47 prefectures one square on a grid, placed roughly where it lies (Hokkaidō top
// right, Okinawa bottom left), so counts by prefecture read at a glance without a real map. Codes are JIS X 0401.

export interface Tile {
  code: number
  /** column, 0 = west */
  x: number
  /** row, 0 = north */
  y: number
}

// Row by row, north to south: [column, code].
const ROWS: readonly (readonly [number, number][])[] = [
  [[12, 1]], // 北海道
  [[12, 2]], // 青森
  [[11, 5], [12, 3]], // 秋田 岩手
  [[11, 6], [12, 4]], // 山形 宮城
  [[7, 18], [8, 17], [9, 16], [10, 15], [11, 7]], // 福井 石川 富山 新潟 福島
  [[2, 32], [3, 31], [4, 28], [5, 26], [6, 25], [7, 21], [8, 20], [9, 10], [10, 9], [11, 8]], // 島根 鳥取 兵庫 京都 滋賀 岐阜 長野 群馬 栃木 茨城
  [[1, 35], [2, 34], [3, 33], [4, 27], [5, 29], [6, 24], [7, 23], [8, 19], [9, 11], [10, 13], [11, 12]], // 山口 広島 岡山 大阪 奈良 三重 愛知 山梨 埼玉 東京 千葉
  [[0, 41], [1, 40], [2, 38], [3, 37], [4, 30], [8, 22], [9, 14]], // 佐賀 福岡 愛媛 香川 和歌山 静岡 神奈川
  [[0, 42], [1, 44], [2, 39], [3, 36]], // 長崎 大分 高知 徳島
  [[0, 43], [1, 45]], // 熊本 宮崎
  [[0, 46]], // 鹿児島
  [[0, 47]], // 沖縄
]

export const PREFECTURE_TILES: readonly Tile[] = ROWS.flatMap((row, y) => row.map(([x, code]) => ({ code, x, y })))

export const TILE_COLUMNS = Math.max(...PREFECTURE_TILES.map((t) => t.x)) + 1
export const TILE_ROWS = Math.max(...PREFECTURE_TILES.map((t) => t.y)) + 1

/** Colour steps of the map: 0 = none, 1…5 = more; null counts (withheld for small groups) have their own look. */
export const LEVELS = 5

/** The colour step of a count, relative to the largest count shown (a linear scale, at least step 1 when > 0). */
export function tileLevel(count: number | null | undefined, max: number): number | null {
  if (count === null || count === undefined) return null
  if (count <= 0 || max <= 0) return 0
  return Math.min(LEVELS, Math.max(1, Math.ceil((count / max) * LEVELS)))
}

/** Three-letter names for the English tiles (full names are in the tile's label and the table), by code − 1. */
export const EN_SHORT: readonly string[] = [
  'HKD', 'AOM', 'IWT', 'MYG', 'AKT', 'YGT', 'FKS', 'IBR', 'TCG', 'GNM',
  'STM', 'CHB', 'TKY', 'KNG', 'NGT', 'TYM', 'ISK', 'FKI', 'YMN', 'NGN',
  'GIF', 'SZO', 'AIC', 'MIE', 'SIG', 'KYT', 'OSK', 'HYG', 'NAR', 'WKY',
  'TTR', 'SMN', 'OKY', 'HRS', 'YGC', 'TKS', 'KGW', 'EHM', 'KOC', 'FKO',
  'SAG', 'NGS', 'KMM', 'OIT', 'MYZ', 'KGS', 'OKN',
]

/** The name on a tile: the Japanese name without 都・府・県, or the English three-letter name. */
export function tileName(code: number, fullName: string, lang: string): string {
  if (lang === 'en') return EN_SHORT[code - 1] ?? String(code)
  return code === 1 ? fullName : fullName.replace(/[都府県]$/, '')
}
