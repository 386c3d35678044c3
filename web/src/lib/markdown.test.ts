import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown'

describe('lecture Markdown', () => {
  it('renders headings, emphasis, lists and tables', () => {
    const html = renderMarkdown('# 見出し\n\n**強調** と *斜体*\n\n- a\n- b\n\n| A | B |\n|---|---|\n| 1 | 2 |\n')
    expect(html).toContain('<h1>見出し</h1>')
    expect(html).toContain('<strong>強調</strong>')
    expect(html).toContain('<li>a</li>')
    expect(html).toContain('<td>1</td>')
  })

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;')
  })

  it('drops javascript: and data: links and never emits style attributes', () => {
    const html = renderMarkdown('[x](javascript:alert(1)) [y](data:text/html,hi)\n\n| A | B |\n|:-:|--:|\n| 1 | 2 |\n')
    expect(html).not.toMatch(/href="(javascript|data):/)
    expect(html).not.toContain('style=')
    expect(html).toContain('class="align-center"')
    expect(html).toContain('class="align-right"')
  })

  it('opens outside links in a new tab without an opener, and shows images as their alt text', () => {
    const html = renderMarkdown('[site](https://example.org) ![図1](https://example.org/a.png)')
    expect(html).toContain('rel="noopener noreferrer"')
    expect(html).toContain('target="_blank"')
    expect(html).not.toContain('<img')
    expect(html).toContain('図1')
  })
})
