import { describe, expect, it } from 'vitest'
import { emptyFilters, exportUrl, filtersFromRoute, listQuery, pageCount, pageLinks, withFilter } from './query'

describe('application list query', () => {
  it('sends nothing for the default list', () => {
    expect(listQuery(emptyFilters())).toBe('')
  })

  it('sends only the filters set, trimmed and encoded', () => {
    const f = { ...emptyFilters(), session_id: 's-1', prefecture_code: '13', q: '  やまだ 太郎 ', sort: '-created_at', page: 3 }
    const q = new URLSearchParams(listQuery(f).slice(1))
    expect(Object.fromEntries(q)).toEqual({ session_id: 's-1', prefecture_code: '13', q: 'やまだ 太郎', sort: '-created_at', page: '3' })
  })

  it('reads the filters back from the URL, ignoring what the server would refuse', () => {
    const f = filtersFromRoute({
      session_id: 'abc',
      status: 'bogus',
      review_status: 'complete',
      prefecture_code: '48',
      hospital_type: 'critical_care',
      profession: 'nurse',
      sort: 'nonsense',
      page: '0',
      per_page: '100',
      extra: 'x',
    })
    expect(f).toEqual({
      ...emptyFilters(),
      session_id: 'abc',
      review_status: 'complete',
      hospital_type: 'critical_care',
      profession: 'nurse',
      per_page: 100,
    })
    expect(filtersFromRoute({ prefecture_code: '07', sort: '-hospital', page: '2' })).toMatchObject({
      prefecture_code: '7',
      sort: '-hospital',
      page: 2,
    })
  })

  it('round-trips through the URL', () => {
    const f = { ...emptyFilters(), year: 'r7', status: 'withdrawn' as const, profession: 'doctor' as const, page: 2, per_page: 20 }
    const back = filtersFromRoute(Object.fromEntries(new URLSearchParams(listQuery(f).slice(1))))
    expect(back).toEqual(f)
  })

  it('builds export links with the filters but without paging', () => {
    const f = { ...emptyFilters(), review_status: 'new', page: 4, per_page: 20 }
    expect(exportUrl('members', 'xlsx', f, 'en')).toBe('/api/admin/exports/members.xlsx?review_status=new&lang=en')
    expect(exportUrl('applications', 'csv', emptyFilters(), 'ja')).toBe('/api/admin/exports/applications.csv?lang=ja')
  })

  it('goes back to page 1 when a filter changes', () => {
    const f = { ...emptyFilters(), page: 5 }
    expect(withFilter(f, 'q', 'x').page).toBe(1)
    expect(withFilter(f, 'page', 6).page).toBe(6)
  })

  it('counts and lists pages', () => {
    expect(pageCount(0, 50)).toBe(1)
    expect(pageCount(101, 50)).toBe(3)
    expect(pageLinks(1, 1)).toEqual([1])
    expect(pageLinks(5, 10)).toEqual([1, 0, 4, 5, 6, 0, 10])
    expect(pageLinks(2, 3)).toEqual([1, 2, 3])
  })
})
