import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage, negotiateLocale } from '~/domain/locale'

describe('negotiateLocale', () => {
  it('defaults to Chinese', () => {
    expect(negotiateLocale({ query: null, cookie: null, acceptLanguage: null })).toBe('zh')
  })

  it('lets ?lang win over the cookie and the browser', () => {
    expect(negotiateLocale({ query: 'en', cookie: 'zh', acceptLanguage: 'zh-CN' })).toBe('en')
    expect(negotiateLocale({ query: 'zh', cookie: 'en', acceptLanguage: 'en' })).toBe('zh')
  })

  it('remembers the cookie over Accept-Language', () => {
    expect(negotiateLocale({ query: null, cookie: 'en', acceptLanguage: 'zh-CN,zh;q=0.9' })).toBe('en')
  })

  it('ignores unsupported values', () => {
    expect(negotiateLocale({ query: 'fr', cookie: 'de', acceptLanguage: 'en-US' })).toBe('en')
  })
})

describe('localeFromAcceptLanguage', () => {
  it('picks the best supported language by quality', () => {
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5,zh-CN;q=0.8')).toBe('zh')
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,zh;q=0.1')).toBe('en')
    expect(localeFromAcceptLanguage('zh-TW')).toBe('zh')
  })

  it('returns null when nothing fits or quality is zero', () => {
    expect(localeFromAcceptLanguage('fr,de;q=0.8')).toBeNull()
    expect(localeFromAcceptLanguage('en;q=0')).toBeNull()
    expect(localeFromAcceptLanguage('')).toBeNull()
  })
})
