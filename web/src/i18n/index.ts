// Languages: Japanese first, English on request. The choice is remembered in the browser, sets <html lang>, and
// is sent as Accept-Language on every API call so server messages come in the same language.
import { computed } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import { setApiLanguage } from '../api/client'
import type { Lang, Localized } from '../api/types'
import en from './en'
import ja from './ja'

export const LANG_KEY = 'kenshu.lang'
export const LANGUAGES: readonly Lang[] = ['ja', 'en']

function storedLanguage(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(LANG_KEY)
    return v === 'en' ? 'en' : 'ja'
  } catch {
    return 'ja'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: 'ja',
  fallbackLocale: 'ja',
  messages: { ja, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLanguage(): Lang {
  return i18n.global.locale.value as Lang
}

export function setLanguage(lang: Lang, remember = true): void {
  i18n.global.locale.value = lang
  setApiLanguage(lang)
  if (typeof document !== 'undefined') document.documentElement.lang = lang
  if (remember) {
    try {
      globalThis.localStorage?.setItem(LANG_KEY, lang)
    } catch {
      // the choice then lasts for this page only
    }
  }
}

export function initLanguage(): void {
  setLanguage(storedLanguage(), false)
}

/** Picks the text of a server-sent {ja, en} object in the current language (Japanese when English is missing). */
export function pick(text: Localized | null | undefined, lang: Lang): string {
  if (!text) return ''
  return (lang === 'en' ? text.en : text.ja) || text.ja || text.en || ''
}

/** In components: `const { t, lang, loc } = useText()`. */
export function useText() {
  const { t, te } = useI18n()
  const lang = computed(() => i18n.global.locale.value as Lang)
  const loc = (text: Localized | null | undefined) => pick(text, lang.value)
  return { t, te, lang, loc }
}
