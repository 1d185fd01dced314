import { useTranslation } from 'react-i18next'
import { TableScroll } from '~/components/ui/table-scroll'
import { formatDayRange } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import { AddDayOffForm, AddTermForm, DeleteButton } from './calendar-forms'
import type { Year } from './route'

export function YearSection({ year }: { year: Year }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section id={`year-${year.id}`} className="card stack" aria-labelledby={`year-${year.id}-title`}>
      <div>
        <h2 id={`year-${year.id}-title`}>{t('school.calendar.yearTitle', { name: year.name })}</h2>
        <p className="muted">{formatDayRange(year.startsOn, year.endsOn, locale)}</p>
      </div>

      <section aria-labelledby={`year-${year.id}-terms`} className="stack">
        <h3 id={`year-${year.id}-terms`}>{t('school.calendar.terms')}</h3>
        {year.terms.length ? (
          <TableScroll label={t('school.calendar.terms')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('school.calendar.termName')}</th>
                  <th scope="col">{t('school.calendar.dates')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {year.terms.map((term) => (
                  <tr key={term.id}>
                    <td>{term.name}</td>
                    <td>{formatDayRange(term.startsOn, term.endsOn, locale)}</td>
                    <td className="cell-actions">
                      <DeleteButton
                        intent="delete-term"
                        field="termId"
                        id={term.id}
                        label={`${year.name} ${term.name}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t('school.calendar.noTerms')}</p>
        )}
        <div className="subform">
          <h4>{t('school.calendar.addTermTitle')}</h4>
          {/* Keyed by the count so that, once a term is added, the form starts empty again. */}
          <AddTermForm key={year.terms.length} year={year} />
        </div>
      </section>

      <section aria-labelledby={`year-${year.id}-days-off`} className="stack">
        <h3 id={`year-${year.id}-days-off`}>{t('school.calendar.daysOff')}</h3>
        {year.daysOff.length ? (
          <TableScroll label={t('school.calendar.daysOff')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('school.calendar.dayOffName')}</th>
                  <th scope="col">{t('school.calendar.dayOffKind')}</th>
                  <th scope="col">{t('school.calendar.dates')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {year.daysOff.map((day) => (
                  <tr key={day.id}>
                    <td>{day.name}</td>
                    <td>
                      <span className={day.kind === 'holiday' ? 'badge' : 'badge badge-muted'}>
                        {t(`school.calendar.kinds.${day.kind}`)}
                      </span>
                    </td>
                    <td>{formatDayRange(day.startsOn, day.endsOn, locale)}</td>
                    <td className="cell-actions">
                      <DeleteButton
                        intent="delete-day-off"
                        field="dayOffId"
                        id={day.id}
                        label={`${year.name} ${day.name}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t('school.calendar.noDaysOff')}</p>
        )}
        <div className="subform">
          <h4>{t('school.calendar.addDayOffTitle')}</h4>
          <AddDayOffForm key={year.daysOff.length} year={year} />
        </div>
      </section>
    </section>
  )
}
