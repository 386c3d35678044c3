import { describe, expect, it } from 'vitest'
import { emptyForm } from '../rules/form'
import { DRAFT_KEY, clearDraft, loadDraft, newDraft, saveDraft, type DraftStorage } from './draft'

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

describe('application draft', () => {
  it('survives a reload with its step and idempotency key', () => {
    const storage = memoryStorage()
    const draft = newDraft('demo', emptyForm())
    draft.form.hospital.name = '大垣市民病院'
    draft.step = 'team'
    expect(saveDraft(storage, draft)).toBe(true)
    const loaded = loadDraft(storage, 'demo')!
    expect(loaded.form.hospital.name).toBe('大垣市民病院')
    expect(loaded.step).toBe('team')
    expect(loaded.idempotencyKey).toBe(draft.idempotencyKey)
  })
  it('belongs to one programme year', () => {
    const storage = memoryStorage()
    saveDraft(storage, newDraft('2025', emptyForm()))
    expect(loadDraft(storage, 'demo')).toBeNull()
  })
  it('ignores unreadable drafts and is cleared after success', () => {
    const storage = memoryStorage()
    storage.setItem(DRAFT_KEY, '{not json')
    expect(loadDraft(storage, 'demo')).toBeNull()
    saveDraft(storage, newDraft('demo', emptyForm()))
    clearDraft(storage)
    expect(storage.data.size).toBe(0)
  })
  it('reports a browser that refuses to store', () => {
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => undefined,
    }
    expect(saveDraft(full, newDraft('demo', emptyForm()))).toBe(false)
  })
})
