import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { literal, object } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { FormErrors, TextareaField } from '~/components/ui/field'
import { classLabel } from '~/domain/grades'
import {
  canDispute,
  familyVisibleSince,
  NOTICE_TEXT_MAX,
  type NoticeWindowState,
  noticeWindowState,
} from '~/domain/notice-window'
import { parseId, requiredMultilineText } from '~/domain/schemas'
import { creditedHours } from '~/domain/social-practice'
import { getFamilyEntry, listDisputesOfEntries, listFamilyEntries } from '~/models/notices.server'
import { ANSWERED_BY, markActedOn } from '~/models/notifications.server'
import { raiseDispute } from '~/services/notice-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { formatDay, formatDayRange, formatInstant, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { AttendanceStatus, DisputeStatus, ParticipationRole, PracticeCategory } from '../../db/schema'

type FamilyDispute = {
  id: number
  reason: string
  status: DisputeStatus
  resolution: string
  createdAt: string
  guardianName: string | null
}

type FamilyEntry = {
  id: number
  activityTitle: string
  startsAt: string
  practiceCategory: PracticeCategory | null
  credited: number | null
  role: ParticipationRole
  status: AttendanceStatus | null
  disputes: FamilyDispute[]
  canDispute: boolean
}

type FamilyWindow = {
  id: number
  opensOn: string
  closesOn: string
  state: NoticeWindowState
  className: string
  classNumber: number
  gradeLevel: number
  children: { id: number; name: string; entries: FamilyEntry[] }[]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'notices:dispute' })
  const { schoolId } = user
  const today = todayIn(user.school.timeZone)
  // Only this guardian's own children's entries, in windows open, upcoming or closed a few weeks ago.
  const rows = await listFamilyEntries(db, {
    schoolId,
    guardianId: user.id,
    since: familyVisibleSince(today),
  })
  const disputes = await listDisputesOfEntries(db, { schoolId, participationIds: rows.map((row) => row.id) })
  const disputesOf = new Map<number, FamilyDispute[]>()
  for (const { participationId, ...dispute } of disputes) {
    disputesOf.set(participationId, [...(disputesOf.get(participationId) ?? []), dispute])
  }
  // Rows come window by window, child by child: consecutive rows share their group.
  const windows: FamilyWindow[] = []
  for (const row of rows) {
    let window = windows.at(-1)
    if (window?.id !== row.windowId) {
      window = {
        id: row.windowId,
        opensOn: row.opensOn,
        closesOn: row.closesOn,
        state: noticeWindowState(row, today),
        className: row.className,
        classNumber: row.classNumber,
        gradeLevel: row.gradeLevel,
        children: [],
      }
      windows.push(window)
    }
    let child = window.children.at(-1)
    if (child?.id !== row.studentId) {
      child = { id: row.studentId, name: row.studentName, entries: [] }
      window.children.push(child)
    }
    const own = disputesOf.get(row.id) ?? []
    child.entries.push({
      id: row.id,
      activityTitle: row.activityTitle,
      startsAt: row.startsAt,
      practiceCategory: row.practiceCategory,
      credited: creditedHours(row),
      role: row.role,
      status: row.status,
      disputes: own,
      canDispute: window.state === 'open' && !own.some((d) => d.status === 'open'),
    })
  }
  // Reading the windows is what their opening and the disputes' outcomes asked of the guardian.
  await markActedOn(db, {
    schoolId,
    userId: user.id,
    entity: 'notice',
    entityIds: windows.map((window) => window.id),
    kinds: ANSWERED_BY.reading.notice,
  })
  return { windows, kind: user.school.kind, timeZone: user.school.timeZone }
}

const DisputeSchema = object({ intent: literal('dispute'), reason: requiredMultilineText(NOTICE_TEXT_MAX) })

function disputeFormId(entryId: number) {
  return `dispute-${entryId}`
}

const INTENTS = { dispute: 'notices:dispute' } as const satisfies IntentPermissions

export async function action({ request }: ActionFunctionArgs) {
  const { user, formData } = await requireUserForIntent(request, INTENTS)
  const { schoolId } = user
  const id = parseId(formData.get('participationId'))
  // Another family's entry answers as a missing one does.
  const entry = id ? await getFamilyEntry(db, { schoolId, guardianId: user.id, id }) : undefined
  if (!entry) notFound()
  const form = disputeFormId(entry.id)
  const submission = parseWithZod(formData, { schema: DisputeSchema })
  if (submission.status !== 'success') return invalidForm(form, submission.reply())
  if (!canDispute(entry, todayIn(user.school.timeZone))) {
    return invalidForm(form, submission.reply({ formErrors: ['notices.validation.notOpen'] }))
  }
  const raised = await raiseDispute(db, user, { entry, reason: submission.value.reason })
  if (!raised)
    return invalidForm(form, submission.reply({ formErrors: ['notices.validation.alreadyDisputed'] }))
  return redirectWithFlash(user, `/family/notices#entry-${entry.id}`, 'notices.flash.disputed')
}

function DisputeForm({ entryId }: { entryId: number }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const id = disputeFormId(entryId)
  const reply = useFormReply(id)
  const [form, fields] = useForm({
    id,
    lastResult: reply,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DisputeSchema }),
  })
  const submitting =
    navigation.state === 'submitting' && navigation.formData?.get('participationId') === String(entryId)
  // Opened again after a refusal, so the message and the typed reason are in view without JavaScript.
  return (
    <details className="notice-raise" open={reply ? true : undefined}>
      <summary>{t('notices.family.raise')}</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="dispute" />
        <input type="hidden" name="participationId" value={entryId} />
        <TextareaField
          meta={fields.reason}
          label={t('notices.family.reason')}
          hint={t('notices.family.reasonHint', { max: NOTICE_TEXT_MAX })}
        />
        <div>
          <button type="submit" className="button" disabled={submitting}>
            {t('notices.family.submit')}
          </button>
        </div>
      </Form>
    </details>
  )
}

function Disputes({ disputes, timeZone }: { disputes: FamilyDispute[]; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <ul className="plain-list notice-family-disputes">
      {disputes.map((dispute) => (
        <li key={dispute.id} className="stack">
          <p className="small">
            <span className={`badge dispute-${dispute.status}`}>
              {t(`notices.disputes.statuses.${dispute.status}`)}
            </span>{' '}
            {t('notices.family.yourDispute', {
              guardian: dispute.guardianName ?? t('notices.disputes.someGuardian'),
              when: formatInstant(dispute.createdAt, locale, timeZone),
            })}
          </p>
          <blockquote className="notice-quote">{dispute.reason}</blockquote>
          {dispute.status === 'open' ? (
            <p className="muted small">{t('notices.family.waiting')}</p>
          ) : (
            <>
              <p className="small">{t('notices.family.answer')}</p>
              <blockquote className="notice-quote notice-answer">{dispute.resolution}</blockquote>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}

function EntryItem({ entry, timeZone }: { entry: FamilyEntry; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  // A refused dispute keeps its form in view, message and typed reason, even where none is offered now.
  const refused = useFormReply(disputeFormId(entry.id)) !== undefined
  const category = entry.practiceCategory
    ? t(`activities.practice.${entry.practiceCategory}`)
    : t('notices.entries.noCategory')
  const role = t(`participation.roles.${entry.role}`)
  return (
    <li id={`entry-${entry.id}`} className="notice-entry stack">
      <div>
        <p className="notice-entry-title">
          {t('notices.family.entry', {
            date: formatInstant(entry.startsAt, locale, timeZone, 'day'),
            activity: entry.activityTitle,
          })}
        </p>
        <p className="muted small">
          {entry.credited === null
            ? t('notices.family.creditNoHours', { category, role })
            : t('notices.family.credit', { category, hours: entry.credited, role })}
          {/* Put on notice as attended; the sheet may have changed that since. */}
          {entry.status === 'attended' ? null : (
            <>
              {' '}
              <span className="badge badge-warning">
                {t(`participation.statuses.${entry.status ?? 'unmarked'}`)}
              </span>
            </>
          )}
        </p>
      </div>
      {entry.disputes.length ? <Disputes disputes={entry.disputes} timeZone={timeZone} /> : null}
      {entry.canDispute || refused ? <DisputeForm entryId={entry.id} /> : null}
    </li>
  )
}

function WindowNote({ window }: { window: FamilyWindow }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (window.state === 'upcoming') {
    return (
      <p className="muted">{t('notices.family.startsOn', { date: formatDay(window.opensOn, locale) })}</p>
    )
  }
  if (window.state === 'open') {
    return (
      <p className="alert alert-info">
        {t('notices.family.openUntil', { date: formatDay(window.closesOn, locale) })}
      </p>
    )
  }
  return <p className="muted">{t('notices.family.closedOn', { date: formatDay(window.closesOn, locale) })}</p>
}

export default function FamilyNoticesPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { windows, kind, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('notices.family.title')} lead={t('notices.family.lead')} />
      {windows.length === 0 ? <p className="card muted">{t('notices.family.empty')}</p> : null}
      {windows.map((window) => {
        const titleId = `window-${window.id}-title`
        const className = classLabel(locale, kind, {
          gradeLevel: window.gradeLevel,
          number: window.classNumber,
          name: window.className,
        })
        return (
          <section key={window.id} className="card stack" aria-labelledby={titleId}>
            <div className="notice-window-head">
              <h2 id={titleId}>
                {t('notices.family.window', {
                  className,
                  period: formatDayRange(window.opensOn, window.closesOn, locale),
                })}
              </h2>
              <span className={`badge notice-state-${window.state}`}>
                {t(`notices.states.${window.state}`)}
              </span>
            </div>
            <WindowNote window={window} />
            {window.children.map((child) => (
              <div key={child.id} className="stack">
                <h3>{t('notices.family.entriesOf', { name: child.name })}</h3>
                <ul className="plain-list notice-entries">
                  {child.entries.map((entry) => (
                    <EntryItem key={entry.id} entry={entry} timeZone={timeZone} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        )
      })}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notices.family.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
