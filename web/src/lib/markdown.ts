// Lecture bodies are Markdown written by the secretariat. They are rendered with markdown-it with raw HTML
// disabled (every `<` in the source comes out escaped), links limited to http(s)/mailto and relative paths, and
// no style attributes (table alignment becomes a class): the output may then be put in the page as HTML under
// the strict CSP.
import MarkdownIt from 'markdown-it'

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false })

const SAFE_LINK = /^(https?:|mailto:|#|\/(?!\/))/i
md.validateLink = (url: string) => SAFE_LINK.test(url.trim())

// Images would load from anywhere (and the CSP allows only 'self'): show their alt text instead.
md.renderer.rules.image = (tokens, idx) => md.utils.escapeHtml(tokens[idx]?.content ?? '')

for (const rule of ['th_open', 'td_open'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]
    const style = token?.attrGet('style')
    if (token && style) {
      const align = /text-align:\s*(left|center|right)/.exec(String(style))?.[1]
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style')
      if (align) token.attrJoin('class', `align-${align}`)
    }
    return self.renderToken(tokens, idx, options)
  }
}

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  const href = String(token?.attrGet('href') ?? '')
  if (token && /^https?:/i.test(href)) {
    token.attrSet('rel', 'noopener noreferrer')
    token.attrSet('target', '_blank')
  }
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/** Safe HTML of a lecture's Markdown. */
export function renderMarkdown(source: string): string {
  return md.render(source ?? '')
}
