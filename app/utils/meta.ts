import type { MetaDescriptor } from '@remix-run/node'
import type { Locale } from '~/domain/locale'
import { createI18n } from './i18n'

const translators = { zh: createI18n('zh'), en: createI18n('en') }

type Match = { id: string; data: unknown }

/** A translated <title> for a route's meta export, in the language the root loader chose. */
export function pageTitle(
  matches: Match[],
  key: string,
  options?: Record<string, unknown>,
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  const t = translators[root?.locale ?? 'zh'].t
  const product = t('shell.productName')
  return [{ title: `${t(key, options)} · ${product}` }]
}
