import { Link, useFetcher } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '~/components/ui/field'
import { type ConsentTally, PHOTO_CONSENTS, returnPercent } from '~/domain/consent'
import { classLabel, type SchoolKind } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import type { ConsentHistoryEntry, ConsentSheetRow } from '~/models/consents.server'
import { formatInstant } from '~/utils/dates'
import type { FormReply } from '~/utils/responses'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export type SheetPupil = ConsentSheetRow & {
  disagreement: { online: ConsentHistoryEntry; paper: ConsentHistoryEntry } | null
}

export type ClassGroup = {
  classId: number
  className: string
  classNumber: number
  gradeLevel: number
  tally: ConsentTally
  pupils: SheetPupil[]
  /** The viewer may print and record this class's paper slips */
  mayHandle: boolean
}

export const paperFormId = (studentId: number) => `paper-${studentId}`
/** Errors of a paper form that no pupil's row can show (a pupil not on the list) */
export const PAPER_FORM = 'paper'

export function PaperFormErrors() {
  const reply = useFormReply(PAPER_FORM)
  return <FormErrors errors={reply?.error?.[''] ?? undefined} />
}

export function classNameOf(
  group: { className: string; classNumber: number; gradeLevel: number },
  locale: Locale,
  kind: SchoolKind,
) {
  return classLabel(locale, kind, {
    gradeLevel: group.gradeLevel,
    number: group.classNumber,
    name: group.className,
  })
}

const STATUS_TONE = {
  given: 'badge',
  refused: 'badge badge-warning',
  requested: 'badge badge-muted',
} as const

export function Percent({ rate }: { rate: number | null }) {
  const { t } = useTranslation()
  const value = returnPercent(rate)
  return <>{value === null ? '—' : t('consents.staff.percent', { value })}</>
}

function ConsentBadge({ consent }: { consent: ConsentSheetRow['consent'] }) {
  const { t } = useTranslation()
  if (!consent) return <span className="badge badge-muted">{t('consents.staff.unsent')}</span>
  return (
    <span className={STATUS_TONE[consent.status]}>
      {t(`consents.statuses.${consent.status}`)}
      {consent.source ? ` · ${t(`consents.paper.sources.${consent.source}`)}` : null}
    </span>
  )
}

export function ClassTallies({
  classes,
  total,
  kind,
}: {
  classes: ClassGroup[]
  total: ConsentTally
  kind: SchoolKind
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const row = (label: string, tally: ConsentTally, key: string | number, isTotal = false) => (
    <tr key={key} className={isTotal ? 'consent-total' : undefined}>
      <th scope="row">{label}</th>
      <td>{tally.given}</td>
      <td>{tally.refused}</td>
      <td>{tally.online}</td>
      <td>{tally.paper}</td>
      <td>{tally.none}</td>
      <td>
        <Percent rate={tally.returnRate} />
      </td>
    </tr>
  )
  return (
    <section className="card stack" aria-labelledby="tallies-title">
      <h2 id="tallies-title">{t('consents.staff.byClass')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links */}
      <section className="table-wrap" tabIndex={0} aria-labelledby="tallies-title">
        <table className="data-table consent-tallies">
          <thead>
            <tr>
              <th scope="col">{t('consents.staff.class')}</th>
              <th scope="col">{t('consents.statuses.given')}</th>
              <th scope="col">{t('consents.statuses.refused')}</th>
              <th scope="col">{t('consents.paper.online')}</th>
              <th scope="col">{t('consents.paper.paper')}</th>
              <th scope="col">{t('consents.paper.none')}</th>
              <th scope="col">{t('consents.staff.returnRate')}</th>
            </tr>
          </thead>
          <tbody>
            {classes.map((group) => row(classNameOf(group, locale, kind), group.tally, group.classId))}
          </tbody>
          <tfoot>{row(t('consents.staff.total'), total, 'total', true)}</tfoot>
        </table>
      </section>
    </section>
  )
}

function NamesTable({ group, titleId, timeZone }: { group: ClassGroup; titleId: string; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links
    <section className="table-wrap" tabIndex={0} aria-labelledby={titleId}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('consents.staff.number')}</th>
            <th scope="col">{t('consents.staff.name')}</th>
            <th scope="col">{t('consents.staff.answer')}</th>
            <th scope="col">{t('consents.staff.answeredAt')}</th>
            <th scope="col">{t('consents.staff.answeredBy')}</th>
            <th scope="col">{t('consents.staff.note')}</th>
          </tr>
        </thead>
        <tbody>
          {group.pupils.map((pupil) => (
            <tr key={pupil.id}>
              <td>{pupil.studentNumber}</td>
              <th scope="row">{pupil.name}</th>
              <td>
                <ConsentBadge consent={pupil.consent} />
              </td>
              <td>
                {pupil.consent?.answeredAt
                  ? formatInstant(pupil.consent.answeredAt, locale, timeZone, 'dateTime')
                  : '—'}
              </td>
              <td>
                <AnsweredBy consent={pupil.consent} />
              </td>
              <td className="cell-text">{pupil.consent?.note || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function AnsweredBy({ consent }: { consent: ConsentSheetRow['consent'] }) {
  const { t } = useTranslation()
  if (consent?.source === 'paper' && consent.recorderName) {
    return <>{`${consent.recorderName}（${t('consents.paper.paper')}）`}</>
  }
  if (!consent?.guardianName) return <>—</>
  return (
    <>
      {t('consents.staff.guardian', {
        name: consent.guardianName,
        relation: consent.relation
          ? t(`relations.${consent.relation}`, { defaultValue: consent.relation })
          : t('relations.guardian'),
      })}
    </>
  )
}

/** One class: its tally, links to print and record its slips, and its names (or the recorder). */
export function ClassNames({
  group,
  kind,
  timeZone,
  activityId,
  recording,
}: {
  group: ClassGroup
  kind: SchoolKind
  timeZone: string
  activityId: number
  recording: boolean
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const titleId = `class-${group.classId}-title`
  const name = classNameOf(group, locale, kind)
  return (
    <section id={`class-${group.classId}`} className="card stack consent-class" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {name}{' '}
        <span className="muted small">
          {t('consents.staff.classTally', {
            given: group.tally.given,
            refused: group.tally.refused,
            waiting: group.tally.requested + group.tally.unsent,
          })}
        </span>
      </h3>
      <p className="muted small">
        {t('consents.paper.online')} {group.tally.online} · {t('consents.paper.paper')} {group.tally.paper} ·{' '}
        {t('consents.paper.none')} {group.tally.none}
      </p>
      {group.mayHandle ? (
        <p className="consent-class-actions">
          <Link to={`/activities/${activityId}/consents/print?class=${group.classId}`}>
            {t('consents.paper.print')}
            <span className="visually-hidden"> {name}</span>
          </Link>
          {recording ? (
            <Link to={`/activities/${activityId}/consents#class-${group.classId}`}>
              {t('consents.paper.closeRecord')}
              <span className="visually-hidden"> {name}</span>
            </Link>
          ) : (
            <Link to={`/activities/${activityId}/consents?class=${group.classId}#class-${group.classId}`}>
              {t('consents.paper.record')}
              <span className="visually-hidden"> {name}</span>
            </Link>
          )}
        </p>
      ) : null}
      {recording && group.mayHandle ? (
        <PaperRecorder group={group} name={name} timeZone={timeZone} />
      ) : (
        <NamesTable group={group} titleId={titleId} timeZone={timeZone} />
      )}
    </section>
  )
}

/** A returned slip per pupil, one tap each; with JavaScript the taps go through fetchers. */
function PaperRecorder({ group, name, timeZone }: { group: ClassGroup; name: string; timeZone: string }) {
  const { t } = useTranslation()
  // Rendered only once hydrated: tells the action to answer the fetcher instead of redirecting.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const listId = `paper-${group.classId}-title`
  return (
    <div className="stack">
      <h4 id={listId}>{t('consents.paper.recordTitle', { class: name })}</h4>
      <p className="muted small">{t('consents.paper.recordLead')}</p>
      <ul className="plain-list paper-list" aria-labelledby={listId}>
        {group.pupils.map((pupil) => (
          <PaperPupil key={pupil.id} pupil={pupil} timeZone={timeZone} hydrated={hydrated} />
        ))}
      </ul>
    </div>
  )
}

function useReply(formId: string, fetcherData: unknown) {
  const navigationReply = useFormReply(formId)
  const data = fetcherData as FormReply | undefined
  return data?.form === formId ? data.result : navigationReply
}

function PaperPupil({
  pupil,
  timeZone,
  hydrated,
}: {
  pupil: SheetPupil
  timeZone: string
  hydrated: boolean
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const fetcher = useFetcher()
  const clearer = useFetcher()
  const formId = paperFormId(pupil.id)
  const answerReply = useReply(formId, fetcher.data)
  const clearReply = useReply(formId, clearer.data)
  const reply = answerReply ?? clearReply
  const consent = pupil.consent
  const when = (iso: string) => formatInstant(iso, locale, timeZone, 'dateTime')
  // While a tap is on its way, show it as made.
  const pending = fetcher.formData?.get('answer')
  const paperAnswer = pending ?? (consent?.source === 'paper' ? consent.status : null)
  const photoId = `${formId}-photo`
  return (
    <li id={`pupil-${pupil.id}`} className="paper-pupil">
      <div className="paper-pupil-head">
        <span className="muted">{pupil.studentNumber}</span> <strong>{pupil.name}</strong>{' '}
        <span className="small">
          {consent && consent.status !== 'requested' && consent.source
            ? t('consents.paper.current', {
                status: t(`consents.statuses.${consent.status}`),
                source: t(`consents.paper.sources.${consent.source}`),
              })
            : t('consents.paper.currentNone')}
        </span>
      </div>
      {pupil.disagreement ? (
        <p className="alert alert-warning small">
          {t('consents.paper.disagreement', {
            online: t(`consents.statuses.${pupil.disagreement.online.status}`),
            onlineAt: when(pupil.disagreement.online.answeredAt),
            paper: t(`consents.statuses.${pupil.disagreement.paper.status}`),
            paperAt: when(pupil.disagreement.paper.answeredAt),
          })}
        </p>
      ) : null}
      {consent ? (
        <fetcher.Form method="post" className="paper-form" id={formId} preventScrollReset>
          <input type="hidden" name="intent" value="record-paper" />
          <input type="hidden" name="studentId" value={pupil.id} />
          {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
          <FormErrors id={`${formId}-errors`} errors={reply?.error?.[''] ?? undefined} />
          <div className="paper-photo">
            <label htmlFor={photoId}>
              {t('consents.paper.photo')}
              <span className="visually-hidden"> {pupil.name}</span>
            </label>
            <select id={photoId} name="photoConsent" defaultValue="">
              <option value="">{t('consents.paper.photoUnset')}</option>
              {PHOTO_CONSENTS.map((option) => (
                <option key={option} value={option}>
                  {t(`consents.photo.${option}`)}
                </option>
              ))}
            </select>
            <FieldErrors id={`${formId}-photo-errors`} errors={reply?.error?.photoConsent ?? undefined} />
          </div>
          <FieldErrors id={`${formId}-answer-errors`} errors={reply?.error?.answer ?? undefined} />
          <div className="consent-buttons">
            <button
              type="submit"
              name="answer"
              value="given"
              className="button"
              aria-pressed={paperAnswer === 'given'}
            >
              {t('consents.paper.give')}
              <span className="visually-hidden"> {pupil.name}</span>
            </button>
            <button
              type="submit"
              name="answer"
              value="refused"
              className="button button-secondary"
              aria-pressed={paperAnswer === 'refused'}
            >
              {t('consents.paper.refuse')}
              <span className="visually-hidden"> {pupil.name}</span>
            </button>
          </div>
        </fetcher.Form>
      ) : null}
      {consent?.source === 'paper' ? (
        <clearer.Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="clear-paper" />
          <input type="hidden" name="studentId" value={pupil.id} />
          {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
          <button type="submit" className="button button-small button-secondary">
            {t('consents.paper.clear')}
            <span className="visually-hidden"> {pupil.name}</span>
          </button>
        </clearer.Form>
      ) : null}
      {consent?.history.length ? (
        <details className="paper-history">
          <summary>
            {t('consents.paper.history', { count: consent.history.length })}
            <span className="visually-hidden"> {pupil.name}</span>
          </summary>
          <ol>
            {consent.history.map((entry) => (
              <li key={entry.id} className={entry.withdrawnAt ? 'paper-withdrawn' : undefined}>
                {t('consents.paper.historyEntry', {
                  when: when(entry.answeredAt),
                  source: t(`consents.paper.sources.${entry.source}`),
                  status: t(`consents.statuses.${entry.status}`),
                  name: entry.byName ?? '—',
                })}
                {entry.photoConsent
                  ? ` · ${t('consents.paper.historyPhoto', { photo: t(`consents.photo.${entry.photoConsent}`) })}`
                  : null}
                {entry.withdrawnAt ? ` ${t('consents.paper.withdrawn')}` : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  )
}
