import type { Locale } from './vocabulary'

export type { Locale }

export const LOCALES: readonly Locale[] = ['zh', 'en']
export const DEFAULT_LOCALE: Locale = 'zh'

export function asLocale(value: string | null | undefined): Locale | null {
  return value === 'zh' || value === 'en' ? value : null
}

/** The first supported language in an Accept-Language header, by quality; null when none fits. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index }
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    const primary = asLocale(tag.split('-')[0])
    if (primary) return primary
  }
  return null
}

/** ?lang= wins, then the remembered cookie, then the browser's languages, then Chinese. */
export function negotiateLocale(input: {
  query: string | null
  cookie: string | null
  acceptLanguage: string | null
}): Locale {
  return (
    asLocale(input.query) ??
    asLocale(input.cookie) ??
    localeFromAcceptLanguage(input.acceptLanguage) ??
    DEFAULT_LOCALE
  )
}
