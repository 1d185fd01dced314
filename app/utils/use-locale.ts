import { useRouteLoaderData } from '@remix-run/react'
import type { Locale } from '~/domain/locale'
import type { loader as rootLoader } from '~/root'

/** The reader's language, as the root loader resolved it. */
export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>('root')?.locale ?? 'zh'
}
