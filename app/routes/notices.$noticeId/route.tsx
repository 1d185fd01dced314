import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Fact } from '~/components/fact'
import { PageHeader } from '~/components/page-header'
import { UnreachableFamilies } from '~/components/unreachable-families'
import { classLabel } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { extensionProblem, nextDay, noticeWindowState } from '~/domain/notice-window'
import { can } from '~/domain/permissions'
import { parseId } from '~/domain/schemas'
import { creditedHours } from '~/domain/social-practice'
import { loadWindowReach } from '~/models/family-reach.server'
import {
  getDispute,
  getNoticeWindow,
  listWindowDisputes,
  listWindowEntries,
  type NoticeWindowDetail,
} from '~/models/notices.server'
import { decideDispute, extendWindow } from '~/services/notice-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
  type SessionUser,
} from '~/utils/auth.server'
import { formatDayRange, formatInstant, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { DisputeItem } from './disputes'
import { EXTEND_FORM, NoticeSchema, resolveFormId } from './forms'
import { Entries, ExportFormat, ExtendForm, StateNote } from './window-parts'

async function requireWindow(user: SessionUser, noticeId: string | undefined) {
  const id = parseId(noticeId)
  const window = id ? await getNoticeWindow(db, { schoolId: user.schoolId, id }) : undefined
  return window ?? notFound()
}

async function requireDispute(
  user: SessionUser,
  window: NoticeWindowDetail,
  disputeId: FormDataEntryValue | null,
) {
  const id = parseId(disputeId)
  const dispute = id ? await getDispute(db, { schoolId: user.schoolId, windowId: window.id, id }) : undefined
  return dispute ?? notFound()
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'notices:resolve' })
  const window = await requireWindow(user, params.noticeId)
  const { schoolId } = user
  const today = todayIn(user.school.timeZone)
  const [entryRows, disputeRows] = await Promise.all([
    listWindowEntries(db, { schoolId, windowId: window.id }),
    listWindowDisputes(db, { schoolId, windowId: window.id }),
  ])
  const disputeCounts = new Map<number, number>()
  for (const d of disputeRows)
    disputeCounts.set(d.participationId, (disputeCounts.get(d.participationId) ?? 0) + 1)
  const entries = entryRows.map((entry) => ({
    ...entry,
    credited: creditedHours(entry),
    disputes: disputeCounts.get(entry.id) ?? 0,
  }))
  const entryById = new Map(entries.map((entry) => [entry.id, entry]))
  // Open disputes first: they are the work left to do.
  const disputes = disputeRows
    .flatMap((dispute) => {
      const entry = entryById.get(dispute.participationId)
      return entry ? [{ ...dispute, entry }] : []
    })
    .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || a.id - b.id)
  const state = noticeWindowState(window, today)
  return {
    window,
    state,
    entries,
    disputes,
    openDisputes: disputes.filter((d) => d.status === 'open').length,
    canExtend: can(user.role, 'notices:manage') && state !== 'closed',
    paper: await loadWindowReach(db, { schoolId, window, entries: entryRows }),
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

/** Deciding a dispute is for whoever resolves them; moving the last day is the managers'. */
const INTENTS = {
  uphold: 'notices:resolve',
  reject: 'notices:resolve',
  extend: 'notices:manage',
} as const satisfies IntentPermissions

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const window = await requireWindow(user, params.noticeId)
  // A dispute of another window, or school, answers as a missing one does.
  const dispute = intent === 'extend' ? null : await requireDispute(user, window, formData.get('disputeId'))
  const form = dispute ? resolveFormId(dispute.id) : EXTEND_FORM
  const submission = parseWithZod(formData, { schema: NoticeSchema })
  if (submission.status !== 'success') return invalidForm(form, submission.reply())
  const value = submission.value
  const to = `/notices/${window.id}`
  if (value.intent === 'extend') {
    const problem = extensionProblem(window, value.closesOn, todayIn(user.school.timeZone))
    if (problem) return invalidForm(form, submission.reply({ fieldErrors: { closesOn: [problem] } }))
    // A second click finds the window already moved and changes nothing.
    await extendWindow(db, user, { window, closesOn: value.closesOn })
    return redirectWithFlash(user, to, 'notices.flash.extended')
  }
  if (!dispute) return notFound()
  // Upholding may correct the entry's hours and role — also after the window has closed: the lock
  // keeps the sheet from changing entries, but a dispute raised in time is still owed its answer.
  const hours = value.hours ?? dispute.hours
  const role = value.role ?? dispute.role
  const corrects = value.intent === 'uphold' && (hours !== dispute.hours || role !== dispute.role)
  const status = value.intent === 'uphold' ? ('upheld' as const) : ('rejected' as const)
  const outcome = await decideDispute(db, user, {
    windowId: window.id,
    dispute,
    status,
    resolution: value.resolution,
    correction: corrects ? { revision: value.revision, hours, role } : null,
  })
  if (outcome === 'entry-changed') {
    return invalidForm(form, submission.reply({ formErrors: ['notices.validation.entryChanged'] }))
  }
  if (outcome === 'already') return redirectWithFlash(user, to, 'notices.flash.alreadyResolved')
  return redirectWithFlash(user, to, status === 'upheld' ? 'notices.flash.upheld' : 'notices.flash.rejected')
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

export default function NoticePage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const { window, state, disputes, kind, timeZone } = data
  // A refused extension shows its message even when the window closed meanwhile.
  const extendRefused = useFormReply(EXTEND_FORM) !== undefined
  const className = classLabel(locale, kind, {
    gradeLevel: window.gradeLevel,
    number: window.classNumber,
    name: window.className,
  })
  return (
    <>
      <p>
        <Link to="/notices">{t('notices.detail.back')}</Link>
      </p>
      <PageHeader
        title={t('notices.detail.title', { className })}
        lead={
          <span className="badge-row">
            <span className={`badge notice-state-${state}`}>{t(`notices.states.${state}`)}</span>
            <span>{formatDayRange(window.opensOn, window.closesOn, locale)}</span>
          </span>
        }
        actions={
          state === 'closed' ? (
            <a href={`/notices/${window.id}/export`} className="button button-secondary" download>
              {t('notices.detail.export')}
            </a>
          ) : null
        }
      />
      <StateNote data={data} />
      <div className="card">
        <dl className="facts">
          <Fact label={t('notices.detail.openedBy')}>{window.openedBy ?? t('notices.detail.unknown')}</Fact>
          <Fact label={t('notices.detail.openedAt')}>
            {formatInstant(window.createdAt, locale, timeZone, 'day')}
          </Fact>
          <Fact label={t('notices.detail.entries')}>{data.entries.length}</Fact>
          <Fact label={t('notices.detail.openDisputes')}>{data.openDisputes}</Fact>
        </dl>
      </div>
      {state === 'closed' ? null : (
        <UnreachableFamilies {...data.paper} kind={kind} lead={t('reach.paper.noticeLead')} />
      )}
      <section className="section" aria-labelledby="disputes-title">
        <h2 id="disputes-title">{t('notices.disputes.title')}</h2>
        {disputes.length ? (
          <ul className="plain-list stack">
            {disputes.map((dispute) => (
              <DisputeItem
                key={dispute.id}
                dispute={dispute}
                closed={state === 'closed'}
                timeZone={timeZone}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">{t('notices.disputes.empty')}</p>
        )}
      </section>
      <Entries data={data} />
      {data.canExtend || extendRefused ? (
        <ExtendForm key={window.closesOn} closesOn={nextDay(window.closesOn)} />
      ) : null}
      {state === 'closed' ? null : <p className="muted">{t('notices.detail.exportLater')}</p>}
      <ExportFormat />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale =
    (matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined)?.locale ?? 'zh'
  if (!data) return pageTitle(matches, 'notices.title')
  const { window, kind } = data
  const className = classLabel(locale, kind, {
    gradeLevel: window.gradeLevel,
    number: window.classNumber,
    name: window.className,
  })
  return pageTitle(matches, 'notices.detail.pageTitle', { className })
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
