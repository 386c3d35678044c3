// The message for an error code: from the catalogue when it has one (so it follows a language switch), else the
// server's own message, else a generic one.
import { i18n } from './index'

export function errorMessage(code: string, serverMessage = ''): string {
  const key = `errors.${code}`
  if (/^[a-z_]+\.[a-z_]+$/.test(code) && i18n.global.te(key)) return i18n.global.t(key)
  return serverMessage || i18n.global.t('errors.generic')
}
