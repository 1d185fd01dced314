import { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Locale } from '~/domain/locale'
import { en } from '~/locales/en/index'
import { zh } from '~/locales/zh/index'

export const resources = { zh: { translation: zh }, en: { translation: en } } as const

/** `<html lang>` value for a locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en'
}

export function localeFromHtmlLang(lang: string): Locale {
  return lang.toLowerCase().startsWith('en') ? 'en' : 'zh'
}

/** A synchronous i18next instance: both catalogues are bundled, so nothing loads later. */
export function createI18n(locale: Locale): I18n {
  const instance = createInstance()
  instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}
