import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { baseCompile } from '@intlify/message-compiler'
import en from './en'
import ja from './ja'

type Tree = { [key: string]: Tree | string | string[] }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(path, v)
    else if (Array.isArray(v)) v.forEach((s, i) => out.set(`${path}[${i}]`, s))
    else for (const [p, s] of leaves(v, path)) out.set(p, s)
  }
  return out
}

const jaLeaves = leaves(ja as unknown as Tree)
const enLeaves = leaves(en as unknown as Tree)

describe('message catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...jaLeaves.keys()].sort())
  })

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of jaLeaves) expect(names(enLeaves.get(key) ?? ''), key).toEqual(names(text))
  })

  it('compile without errors (no stray @, | or braces)', () => {
    for (const [key, text] of [...jaLeaves, ...enLeaves]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect(errors, `${key}: ${text}`).toEqual([])
      expect(text.includes('|'), key).toBe(false)
    }
  })

  it('name all 47 prefectures', () => {
    expect(ja.prefectures).toHaveLength(47)
    expect(ja.prefectures[20]).toBe('岐阜県')
    expect(en.prefectures[12]).toBe('Tokyo')
  })

  it('say every GIFT import error the server names (src/domain/gift.hpp) in both languages', () => {
    const header = readFileSync(new URL('../../../src/domain/gift.hpp', import.meta.url), 'utf8')
    const codes = new Set([...header.matchAll(/gift\.([a-z_0-9]+)/g)].map((m) => m[1]))
    expect(codes.size).toBeGreaterThan(15)
    for (const code of codes) {
      expect(jaLeaves.has(`errors.gift.${code}`), code).toBe(true)
      expect(enLeaves.has(`errors.gift.${code}`), code).toBe(true)
    }
  })

  it('say every questionnaire error of the server catalogue (docs/errors.md), so the builder follows the toggle', () => {
    const table = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')
    const codes = [...table.matchAll(/`questionnaire\.([a-z_]+)`/g)].map((m) => m[1])
    expect(codes.length).toBeGreaterThan(20)
    for (const code of codes) {
      expect(jaLeaves.has(`errors.questionnaire.${code}`), code).toBe(true)
      expect(enLeaves.has(`errors.questionnaire.${code}`), code).toBe(true)
    }
  })
})
