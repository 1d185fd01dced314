import type { MetaDescriptor } from '@remix-run/node'
import type { Locale } from '~/domain/locale'
import { createI18n } from './i18n'

const translators = { zh: createI18n('zh'), en: createI18n('en') }

type Match = { id: string; data: unknown }

/** The reader's translator, from the language the root loader chose. */
function translatorOf(matches: Match[]) {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  return translators[root?.locale ?? 'zh'].t
}

/** A translated <title> for a route's meta export, in the language the root loader chose. */
export function pageTitle(
  matches: Match[],
  key: string,
  options?: Record<string, unknown>,
): MetaDescriptor[] {
  const t = translatorOf(matches)
  const product = t('shell.productName')
  return [{ title: `${t(key, options)} · ${product}` }]
}

/** A translated <title> and meta description, for pages a search engine or a shared link shows. */
export function pageTitleAndDescription(
  matches: Match[],
  key: string,
  descriptionKey: string,
): MetaDescriptor[] {
  return [...pageTitle(matches, key), { name: 'description', content: translatorOf(matches)(descriptionKey) }]
}
