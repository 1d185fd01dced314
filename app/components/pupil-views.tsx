import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TableScroll } from '~/components/ui/table-scroll'
import { formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

export type PupilView = {
  id: number
  action: string
  createdAt: string
  userName: string | null
  role: 'admin' | 'teacher' | 'parent' | null
}

/** Admins: the latest staff reads that covered this pupil (PIPL: who looked at this pupil). */
export function PupilViews({
  studentId,
  views,
  timeZone,
}: {
  studentId: number
  views: readonly PupilView[]
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="card section" aria-labelledby="record-views-title">
      <h2 id="record-views-title">{t('records.views.title')}</h2>
      <p className="muted">{t('records.views.lead')}</p>
      {views.length ? (
        <TableScroll label={t('records.views.title')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('records.views.when')}</th>
                <th scope="col">{t('records.views.who')}</th>
                <th scope="col">{t('records.views.role')}</th>
                <th scope="col">{t('records.views.what')}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr key={view.id}>
                  <td>{formatInstant(view.createdAt, locale, timeZone)}</td>
                  <td>{view.userName ?? t('auditLog.system')}</td>
                  <td>{view.role ? t(`roles.${view.role}`) : ''}</td>
                  <td>{t(`audit.${view.action}`, { defaultValue: view.action })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t('records.views.none')}</p>
      )}
      <p>
        <Link to={`/school/audit?pupil=${studentId}`}>{t('records.views.all')}</Link>
      </p>
    </section>
  )
}

/** Families: how many staff views this term, never who. */
export function StaffViewCount({ count }: { count: number }) {
  const { t } = useTranslation()
  return (
    <section className="card section" aria-labelledby="record-view-count-title">
      <h2 id="record-view-count-title">{t('records.views.termCount', { count })}</h2>
      <p className="muted">{t('records.views.termCountHint')}</p>
    </section>
  )
}
