import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { TextField } from '~/components/ui/field'
import { MAX_NOTICE_DAYS, NOTICE_EXPORT_COLUMNS } from '~/domain/notice-window'
import { formatDay, formatInstant } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { EXTEND_FORM, ExtendSchema } from './forms'
import type { LoaderData } from './route'

/* The window's state, its entries, the extension form and the export's format. */

export function StateNote({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { window, state, openDisputes } = data
  if (state === 'upcoming') {
    return (
      <p className="alert alert-info">
        {t('notices.detail.upcomingNote', { date: formatDay(window.opensOn, locale) })}
      </p>
    )
  }
  if (state === 'open') {
    return (
      <p className="alert alert-info">
        {t('notices.detail.openNote', { date: formatDay(window.closesOn, locale) })}
      </p>
    )
  }
  return (
    <div className="alert alert-info">
      <p>{t('notices.detail.closedNote', { date: formatDay(window.closesOn, locale) })}</p>
      {openDisputes ? <p>{t('notices.detail.openAfterClose', { count: openDisputes })}</p> : null}
    </div>
  )
}

export function Entries({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { entries, timeZone } = data
  return (
    <section className="section" aria-labelledby="entries-title">
      <h2 id="entries-title">{t('notices.entries.title', { count: entries.length })}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('notices.entries.studentNumber')}</th>
              <th scope="col">{t('notices.entries.name')}</th>
              <th scope="col">{t('notices.entries.activity')}</th>
              <th scope="col">{t('notices.entries.date')}</th>
              <th scope="col">{t('notices.entries.category')}</th>
              <th scope="col">{t('notices.entries.hours')}</th>
              <th scope="col">{t('notices.entries.role')}</th>
              <th scope="col">{t('notices.entries.attendance')}</th>
              <th scope="col">{t('notices.entries.disputes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.studentNumber}</td>
                <td>
                  <Link to={`/students/${entry.studentId}`}>{entry.studentName}</Link>
                </td>
                <td className="cell-text">
                  <Link to={`/activities/${entry.activityId}`}>{entry.activityTitle}</Link>
                </td>
                <td>{formatInstant(entry.startsAt, locale, timeZone, 'day')}</td>
                <td>
                  {entry.practiceCategory
                    ? t(`activities.practice.${entry.practiceCategory}`)
                    : t('notices.entries.noCategory')}
                </td>
                <td>{entry.credited ?? t('notices.entries.noHours')}</td>
                <td>{t(`participation.roles.${entry.role}`)}</td>
                <td>{t(`participation.statuses.${entry.status ?? 'unmarked'}`)}</td>
                <td>
                  {entry.disputes ? (
                    <span className="badge badge-warning">
                      {t('notices.entries.disputed', { count: entry.disputes })}
                    </span>
                  ) : (
                    <span className="muted">{t('notices.entries.none')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export function ExtendForm({ closesOn }: { closesOn: string }) {
  const { t } = useTranslation()
  const [form, fields] = useForm<output<typeof ExtendSchema>>({
    id: EXTEND_FORM,
    lastResult: useFormReply(EXTEND_FORM),
    defaultValue: { closesOn },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExtendSchema }),
  })
  return (
    <section className="card stack" aria-labelledby="extend-title">
      <h2 id="extend-title">{t('notices.extend.title')}</h2>
      <Form method="post" className="inline-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="extend" />
        <TextField
          meta={fields.closesOn}
          label={t('notices.extend.closesOn')}
          hint={t('notices.extend.hint', { max: MAX_NOTICE_DAYS })}
          type="date"
        />
        <button type="submit" className="button button-secondary">
          {t('notices.extend.submit')}
        </button>
      </Form>
    </section>
  )
}

export function ExportFormat() {
  const { t } = useTranslation()
  return (
    <details className="card notice-format">
      <summary>{t('notices.exportFormat.title')}</summary>
      <p>{t('notices.exportFormat.lead')}</p>
      <ol className="notice-columns">
        {NOTICE_EXPORT_COLUMNS.map((column) => (
          <li key={column.key}>
            <strong lang="zh-CN">{column.header}</strong>
            {' — '}
            {t(`notices.exportFormat.columns.${column.key}`)}
          </li>
        ))}
      </ol>
    </details>
  )
}
