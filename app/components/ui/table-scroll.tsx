import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A wide table's own scroll box: a named region the keyboard can focus and scroll, with shaded
 * edges where more of the table lies beyond (app.css .table-wrap) and, on a phone, a hint to swipe.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <>
      {/* Named apart from the section around it: two regions of one name are one too many (axe landmark-unique). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable) */}
      <section className="table-wrap" tabIndex={0} aria-label={t('common.tableRegion', { name: label })}>
        {children}
      </section>
      <p className="table-scroll-hint" aria-hidden="true">
        {t('common.scrollTable')}
      </p>
    </>
  )
}
