import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { coerce, object, type output, enum as zEnum } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Fact } from '~/components/fact'
import { PageHeader } from '~/components/page-header'
import { FormErrors, SelectField, TextareaField, TextField } from '~/components/ui/field'
import { UnreachableFamilies } from '~/components/unreachable-families'
import { classLabel } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import {
  extensionProblem,
  MAX_NOTICE_DAYS,
  NOTICE_EXPORT_COLUMNS,
  NOTICE_TEXT_MAX,
  nextDay,
  noticeWindowState,
} from '~/domain/notice-window'
import { HOURS_STEP, isValidHours, MAX_HOURS_PER_DAY, PARTICIPATION_ROLES } from '~/domain/participation'
import { can } from '~/domain/permissions'
import { day, parseId, requiredMultilineText } from '~/domain/schemas'
import { creditedHours } from '~/domain/social-practice'
import { recordAudit } from '~/models/audit.server'
import { loadWindowReach } from '~/models/family-reach.server'
import {
  correctEntry,
  extendNoticeWindow,
  getDispute,
  getNoticeWindow,
  listWindowDisputes,
  listWindowEntries,
  type NoticeWindowDetail,
  resolveDispute,
} from '~/models/notices.server'
import { markActedOn, notify } from '~/models/notifications.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatDay, formatDayRange, formatInstant, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

async function requireWindow(user: SessionUser, noticeId: string | undefined) {
  const id = parseId(noticeId)
  const window = id ? await getNoticeWindow(db, { schoolId: user.schoolId, id }) : undefined
  return window ?? notFound()
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

const hoursMessage = 'notices.validation.hours'

const ResolveSchema = object({
  intent: zEnum(['uphold', 'reject']),
  disputeId: coerce.number().int().positive(),
  revision: coerce.number().int().positive(),
  hours: coerce.number({ error: hoursMessage }).refine(isValidHours, hoursMessage).optional(),
  role: zEnum(PARTICIPATION_ROLES, { error: 'validation.unknownChoice' }).optional(),
  resolution: requiredMultilineText(NOTICE_TEXT_MAX),
})

const ExtendSchema = object({ closesOn: day() })

const EXTEND_FORM = 'extend'

function resolveFormId(disputeId: number) {
  return `resolve-${disputeId}`
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'notices:resolve' })
  const window = await requireWindow(user, params.noticeId)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'uphold':
    case 'reject':
      return resolve(user, window, formData)
    case 'extend':
      if (!can(user.role, 'notices:manage')) throw new Response('Forbidden', { status: 403 })
      return extend(user, window, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

/** Thrown inside a transaction to undo its writes. */
class Rollback extends Error {}

/**
 * Upholding may correct the entry's hours and role — also after the window has closed: the lock keeps
 * the sheet from changing entries, but a dispute raised in time is still owed its answer.
 */
async function resolve(user: SessionUser, window: NoticeWindowDetail, formData: FormData) {
  const { schoolId } = user
  const disputeId = parseId(formData.get('disputeId'))
  const dispute = disputeId
    ? await getDispute(db, { schoolId, windowId: window.id, id: disputeId })
    : undefined
  if (!dispute) notFound()
  const form = resolveFormId(dispute.id)
  const submission = parseWithZod(formData, { schema: ResolveSchema })
  if (submission.status !== 'success') return invalidForm(form, submission.reply())
  const { intent, revision, resolution } = submission.value
  const hours = submission.value.hours ?? dispute.hours
  const role = submission.value.role ?? dispute.role
  const corrects = intent === 'uphold' && (hours !== dispute.hours || role !== dispute.role)
  const status = intent === 'uphold' ? ('upheld' as const) : ('rejected' as const)
  let outcome: 'resolved' | 'already'
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const resolved = await resolveDispute(trx, {
        schoolId,
        id: dispute.id,
        status,
        resolution,
        by: user.id,
      })
      if (!resolved) return 'already'
      await markActedOn(trx, {
        schoolId,
        userId: user.id,
        entity: 'notice',
        entityIds: [window.id],
        kinds: ['dispute-raised'],
        about: { disputeId: dispute.id },
      })
      if (corrects) {
        const corrected = await correctEntry(trx, {
          schoolId,
          id: dispute.participationId,
          revision,
          hours,
          role,
          by: user.id,
        })
        if (!corrected) throw new Rollback()
      }
      if (dispute.guardianId !== null) {
        await notify(trx, {
          schoolId,
          userIds: [dispute.guardianId],
          kind: status === 'upheld' ? 'dispute-upheld' : 'dispute-rejected',
          entity: 'notice',
          entityId: window.id,
          params: { disputeId: dispute.id, title: dispute.activityTitle, resolution },
        })
      }
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: `dispute-${status}`,
        entity: 'notice',
        entityId: window.id,
        detail: {
          disputeId: dispute.id,
          participationId: dispute.participationId,
          child: dispute.studentName,
          resolution,
          ...(corrects ? { from: { hours: dispute.hours, role: dispute.role }, to: { hours, role } } : {}),
        },
      })
      return 'resolved'
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
    return invalidForm(form, submission.reply({ formErrors: ['notices.validation.entryChanged'] }))
  }
  const to = `/notices/${window.id}`
  if (outcome === 'already') return redirectWithFlash(user, to, 'notices.flash.alreadyResolved')
  return redirectWithFlash(user, to, status === 'upheld' ? 'notices.flash.upheld' : 'notices.flash.rejected')
}

async function extend(user: SessionUser, window: NoticeWindowDetail, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: ExtendSchema })
  if (submission.status !== 'success') return invalidForm(EXTEND_FORM, submission.reply())
  const { closesOn } = submission.value
  const problem = extensionProblem(window, closesOn, todayIn(user.school.timeZone))
  if (problem) return invalidForm(EXTEND_FORM, submission.reply({ fieldErrors: { closesOn: [problem] } }))
  await db.transaction().execute(async (trx) => {
    // A second click finds the window already moved and changes nothing.
    const moved = await extendNoticeWindow(trx, { schoolId, id: window.id, from: window.closesOn, closesOn })
    if (!moved) return
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'notice-extended',
      entity: 'notice',
      entityId: window.id,
      detail: { className: window.className, from: window.closesOn, to: closesOn },
    })
  })
  return redirectWithFlash(user, `/notices/${window.id}`, 'notices.flash.extended')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Dispute = LoaderData['disputes'][number]

function StateNote({ data }: { data: LoaderData }) {
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

function ResolveForm({ dispute, closed }: { dispute: Dispute; closed: boolean }) {
  const { t } = useTranslation()
  const id = resolveFormId(dispute.id)
  // Typed by the parsed values: zod's coerce leaves the input type unknown.
  const [form, fields] = useForm<output<typeof ResolveSchema>>({
    id,
    lastResult: useFormReply(id),
    defaultValue: { hours: dispute.entry.hours ?? undefined, role: dispute.entry.role },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResolveSchema }),
  })
  return (
    <Form method="post" className="stack subform" aria-labelledby={`${id}-title`} {...getFormProps(form)}>
      <h4 id={`${id}-title`}>{t('notices.disputes.formTitle')}</h4>
      <FormErrors id={form.errorId} errors={form.errors} />
      {closed ? <p className="muted small">{t('notices.disputes.afterClose')}</p> : null}
      <input type="hidden" name="disputeId" value={dispute.id} />
      <input type="hidden" name="revision" value={dispute.entry.revision} />
      <div className="form-grid">
        <TextField
          meta={fields.hours}
          label={t('notices.disputes.hours')}
          hint={t('notices.disputes.hoursHint')}
          type="number"
          min={0}
          max={MAX_HOURS_PER_DAY}
          step={HOURS_STEP}
          inputMode="decimal"
        />
        <SelectField meta={fields.role} label={t('notices.disputes.role')}>
          {PARTICIPATION_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`participation.roles.${role}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextareaField
        meta={fields.resolution}
        label={t('notices.disputes.resolution')}
        hint={t('notices.disputes.resolutionHint')}
        rows={2}
      />
      <p className="muted small">{t('notices.disputes.decideHint')}</p>
      <div className="link-row">
        <button type="submit" name="intent" value="uphold" className="button">
          {t('notices.disputes.uphold')}
          <span className="visually-hidden"> {dispute.entry.studentName}</span>
        </button>
        <button type="submit" name="intent" value="reject" className="button button-secondary">
          {t('notices.disputes.reject')}
          <span className="visually-hidden"> {dispute.entry.studentName}</span>
        </button>
      </div>
    </Form>
  )
}

function DisputeItem({ dispute, closed, timeZone }: { dispute: Dispute; closed: boolean; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { entry } = dispute
  return (
    <li id={`dispute-${dispute.id}`} className="card stack notice-dispute">
      <div className="notice-dispute-head">
        <h3>{t('notices.disputes.about', { child: entry.studentName, activity: entry.activityTitle })}</h3>
        <span className={`badge dispute-${dispute.status}`}>
          {t(`notices.disputes.statuses.${dispute.status}`)}
        </span>
      </div>
      <p className="muted small">
        {t('notices.disputes.raisedBy', {
          guardian: dispute.guardianName ?? t('notices.disputes.someGuardian'),
          when: formatInstant(dispute.createdAt, locale, timeZone),
        })}
      </p>
      <blockquote className="notice-quote">{dispute.reason}</blockquote>
      <p className="small">
        {t('notices.disputes.current', {
          hours: entry.credited ?? t('notices.entries.noHours'),
          role: t(`participation.roles.${entry.role}`),
        })}
      </p>
      {dispute.status === 'open' ? (
        <ResolveForm dispute={dispute} closed={closed} />
      ) : (
        <div>
          <p className="muted small">
            {t('notices.disputes.resolvedBy', {
              who: dispute.resolverName ?? t('notices.detail.unknown'),
              when: dispute.resolvedAt ? formatInstant(dispute.resolvedAt, locale, timeZone) : '',
            })}
          </p>
          <blockquote className="notice-quote notice-answer">{dispute.resolution}</blockquote>
        </div>
      )}
    </li>
  )
}

function Entries({ data }: { data: LoaderData }) {
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

function ExtendForm({ closesOn }: { closesOn: string }) {
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

function ExportFormat() {
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
