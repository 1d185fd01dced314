import { useTranslation } from 'react-i18next'
import type { EntryValues } from '~/domain/participation'
import { formatInstant } from '~/utils/dates'
import type { FormReply } from '~/utils/responses'
import { translateMessage } from '~/utils/translate'
import { useLocale } from '~/utils/use-locale'

/** Another teacher's save that this one ran into: their stored values, to show beside ours. */
export type ConflictView = {
  studentId: number
  name: string
  /** The stored revision, carried by the form from now on; 0 once the pupil left the sheet */
  revision: number
  stored: (EntryValues & { recordedByName: string | null; recordedAt: string }) | null
}

/** A refused save: the form's messages, and whose rows it is about. */
export type SheetReply = FormReply & { conflicts?: ConflictView[]; names?: string[] }

/** "缺席 · 志愿者", "出席 · 志愿者 · 2 课时", "请假（病假）": one entry in a line. */
export function useDescribeEntry() {
  const { t } = useTranslation()
  return (values: Pick<EntryValues, 'status' | 'role' | 'hours' | 'excuseReason'>) => {
    const status = t(`participation.statuses.${values.status ?? 'unmarked'}`)
    const parts = [
      values.status === 'excused' && values.excuseReason ? `${status}（${values.excuseReason}）` : status,
      t(`participation.roles.${values.role}`),
    ]
    if (values.status === 'attended' && values.hours !== null) {
      parts.push(t('participation.conflict.hours', { hours: values.hours }))
    }
    return parts.join(' · ')
  }
}

export function ConsentFlags({
  rows,
}: {
  rows: { studentId: number; name: string; consentFlag: boolean }[]
}) {
  const { t } = useTranslation()
  const flagged = rows.filter((row) => row.consentFlag)
  if (flagged.length === 0) return null
  return (
    <section className="alert participation-flags" aria-labelledby="consent-flags-title">
      <h2 id="consent-flags-title" className="participation-alert-title">
        {t('participation.consent.flagged', { count: flagged.length })}
      </h2>
      <ul className="participation-names">
        {flagged.map((row) => (
          <li key={row.studentId}>
            <a href={`#pupil-${row.studentId}`}>{row.name}</a>
          </li>
        ))}
      </ul>
      <p>{t('participation.consent.check')}</p>
    </section>
  )
}

/** Why a save was refused as a whole: a conflict, a locked entry, a day over 24 hours. */
export function SaveRefusal({
  reply,
  yours,
  timeZone,
}: {
  reply: SheetReply
  timeZone: string
  /** What this teacher's form now holds for a pupil, to set beside the stored values */
  yours: (studentId: number) => string | null
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const describe = useDescribeEntry()
  const lead = reply.result.error?.['']?.[0]
  if (!lead) return null
  const title = reply.conflicts
    ? t('participation.conflict.title')
    : lead === 'participation.locked.lead'
      ? t('participation.locked.title')
      : null
  return (
    <div className="alert alert-error participation-refusal" role="alert">
      {title ? <p className="participation-alert-title">{title}</p> : null}
      <p>{translateMessage(t, lead)}</p>
      {reply.conflicts ? (
        <ul className="participation-conflicts">
          {reply.conflicts.map((conflict) => {
            const mine = yours(conflict.studentId)
            return (
              <li key={conflict.studentId}>
                <a href={`#pupil-${conflict.studentId}`}>{conflict.name}</a>
                {conflict.stored ? (
                  <p>
                    {t('participation.conflict.saved', {
                      name: conflict.stored.recordedByName ?? t('participation.conflict.unknownTeacher'),
                      when: formatInstant(conflict.stored.recordedAt, locale, timeZone, 'dateTime'),
                      values: describe(conflict.stored),
                    })}
                  </p>
                ) : (
                  <p>{t('participation.conflict.removed')}</p>
                )}
                {mine ? <p>{t('participation.conflict.yours', { values: mine })}</p> : null}
              </li>
            )
          })}
        </ul>
      ) : null}
      {reply.names?.length ? <p>{reply.names.join(t('common.listSeparator'))}</p> : null}
    </div>
  )
}

/** Before the start: attendance opens on the day; roles chosen now are kept as planned. */
export function PlanningNotice({ startsAt, timeZone }: { startsAt: string; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const when = formatInstant(startsAt, locale, timeZone, 'dateTime')
  return (
    <section className="alert alert-info" aria-labelledby="planning-title">
      <h2 id="planning-title">{t('participation.planning.title')}</h2>
      <p>{t('participation.planning.body', { when })}</p>
    </section>
  )
}
