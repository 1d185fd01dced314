import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { classLabel, type SchoolKind } from '~/domain/grades'
import { formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

type ClassRef = { classId: number; className: string; classNumber: number; gradeLevel: number }

export type PaperClass = ClassRef & {
  /** The reader is this class's head teacher: shown open, first */
  own: boolean
  pupils: number
  paper: { id: number; name: string; studentNumber: string }[]
}

function useClassName(kind: SchoolKind) {
  const locale = useLocale()
  return (c: Pick<ClassRef, 'className' | 'classNumber' | 'gradeLevel'>) =>
    classLabel(locale, kind, { gradeLevel: c.gradeLevel, number: c.classNumber, name: c.className })
}

/**
 * The pupils whose guardians cannot be reached online, per class, so the class teacher knows who
 * gets paper. Names wrap as a compact list on a phone; a class is folded unless it is the reader's
 * own or the only one.
 */
export function UnreachableFamilies({
  classes,
  total,
  kind,
  lead,
}: {
  classes: readonly PaperClass[]
  total: { pupils: number; paper: number }
  kind: SchoolKind
  lead: string
}) {
  const { t } = useTranslation()
  const nameOf = useClassName(kind)
  return (
    <section className="card stack" aria-labelledby="paper-title">
      <h2 id="paper-title">
        {t('reach.paper.title')}{' '}
        <span className="muted small">{t('reach.paper.total', { count: total.paper })}</span>
      </h2>
      {total.paper === 0 ? (
        <p className="muted">{t('reach.paper.none')}</p>
      ) : (
        <>
          <p className="muted">{lead}</p>
          {classes
            .filter((group) => group.paper.length > 0)
            .map((group) => (
              <details key={group.classId} open={group.own || classes.length === 1 ? true : undefined}>
                <summary>
                  {t('reach.paper.classSummary', {
                    className: nameOf(group),
                    paper: group.paper.length,
                    pupils: group.pupils,
                  })}
                </summary>
                <ul className="participation-names" aria-label={nameOf(group)}>
                  {group.paper.map((pupil) => (
                    <li key={pupil.id}>{pupil.name}</li>
                  ))}
                </ul>
              </details>
            ))}
        </>
      )}
    </section>
  )
}

type SentReminder = {
  id: number
  classId: number | null
  sentAt: string
  sentBy: string | null
  guardians: number
  paper: number
}

/**
 * 提醒未回复的家长: today's reminders (when, by whom, how many reached, how many need paper) and,
 * while reminding makes sense, a form for the whole activity or one class the reader may remind.
 */
export function ConsentReminders({
  classes,
  reminders,
  mayRemindAll,
  remindableClassIds,
  open,
  kind,
  timeZone,
}: {
  classes: readonly ClassRef[]
  reminders: readonly SentReminder[]
  mayRemindAll: boolean
  remindableClassIds: readonly number[]
  open: boolean
  kind: SchoolKind
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const nameOf = useClassName(kind)
  const classById = new Map(classes.map((c) => [c.classId, c]))
  const choices = remindableClassIds.flatMap((id) => {
    const c = classById.get(id)
    return c ? [{ id, label: nameOf(c) }] : []
  })
  const canRemind = open && (mayRemindAll || choices.length > 0)
  if (!canRemind && reminders.length === 0) return null
  return (
    <section className="card stack" aria-labelledby="remind-title">
      <h2 id="remind-title">{t('reach.remind.title')}</h2>
      <p className="muted">{t('reach.remind.lead')}</p>
      {reminders.length ? (
        <>
          <h3>{t('reach.remind.today')}</h3>
          <ul className="plain-list">
            {reminders.map((reminder) => {
              const scope = reminder.classId === null ? undefined : classById.get(reminder.classId)
              return (
                <li key={reminder.id}>
                  {t('reach.remind.item', {
                    time: formatInstant(reminder.sentAt, locale, timeZone, 'time'),
                    name: reminder.sentBy ?? t('reach.remind.unknownSender'),
                    scope: scope ? nameOf(scope) : t('reach.remind.all'),
                    guardians: reminder.guardians,
                    paper: reminder.paper,
                  })}
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
      {canRemind ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="remind" />
          <div className="field">
            <label htmlFor="remind-scope">{t('reach.remind.scope')}</label>
            <select id="remind-scope" name="classId" defaultValue={mayRemindAll ? '' : choices[0]?.id}>
              {mayRemindAll ? <option value="">{t('reach.remind.all')}</option> : null}
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('reach.remind.submit')}
          </button>
        </Form>
      ) : (
        <p className="muted">{t('reach.remind.closed')}</p>
      )}
    </section>
  )
}

/** The consents page's part: reminders first (the action), then who gets paper. */
export function ConsentPageReach({
  reach,
  kind,
  timeZone,
}: {
  reach: Omit<Parameters<typeof ConsentReminders>[0], 'classes' | 'kind' | 'timeZone'> & {
    classes: readonly PaperClass[]
    total: { pupils: number; paper: number }
  }
  kind: SchoolKind
  timeZone: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <ConsentReminders {...reach} kind={kind} timeZone={timeZone} />
      <UnreachableFamilies
        classes={reach.classes}
        total={reach.total}
        kind={kind}
        lead={t('reach.paper.consentsLead')}
      />
    </>
  )
}

/** The participation sheet's consent figure: how many on it only paper reaches, with the way to the names. */
export function PaperConsentNote({ activityId, count }: { activityId: number; count: number }) {
  const { t } = useTranslation()
  if (count === 0) return null
  return (
    <p className="alert alert-info">
      {t('reach.paper.sheet', { count })}{' '}
      <Link to={`/activities/${activityId}/consents`}>{t('reach.paper.sheetLink')}</Link>
    </p>
  )
}
