import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type YearOption = { id: number; name: string }

/**
 * Which academic year a page shows: its own small GET form (forms do not nest), so it works
 * without JavaScript. Shown whenever the school has more than one year.
 */
export function YearSwitch({
  years,
  yearId,
  id,
  action,
  label,
}: {
  years: readonly YearOption[]
  yearId: number | null
  /** The select's id, unique on the page. */
  id: string
  action?: string
  /** A label saying what the year chooses, when "academic year" alone would not. */
  label?: string
}) {
  const { t } = useTranslation()
  if (years.length < 2) return null
  return (
    <Form method="get" action={action} className="inline-form filter-form year-switch">
      <div className="field">
        <label htmlFor={id}>{label ?? t('yearSwitch.label')}</label>
        <select id={id} name="year" defaultValue={yearId ?? undefined}>
          {years.map((year) => (
            <option key={year.id} value={year.id}>
              {year.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        {t('yearSwitch.show')}
      </button>
    </Form>
  )
}
