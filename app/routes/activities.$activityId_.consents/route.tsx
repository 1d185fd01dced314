import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { discriminatedUnion, literal, object, string, type z } from 'zod'
import {
  type ClassGroup,
  ClassNames,
  ClassTallies,
  PAPER_FORM,
  PaperFormErrors,
  paperFormId,
} from '~/components/consent-sheet'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { ConsentPageReach } from '~/components/unreachable-families'
import {
  answerDisagreement,
  attendedWithoutConsent,
  mayHandlePaperSlips,
  PaperAnswerSchema,
  shouldRequestConsents,
  tallyConsents,
} from '~/domain/consent'
import { can } from '~/domain/permissions'
import { READ_ACTIONS } from '~/domain/read-audit'
import { parseId } from '~/domain/schemas'
import type { ActivityDetail } from '~/models/activities.server'
import { type ConsentSheetRow, getConsentForStaff, listConsentSheet } from '~/models/consents.server'
import { mayRemindClass } from '~/models/family-reach.server'
import { requireActivity } from '~/services/activity-workflow.server'
import {
  clearPaperConsent,
  loadReminderReach,
  recordPaperConsent,
  remindConsentGuardians,
  sendConsentRequests,
} from '~/services/consent-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
  type SessionUser,
} from '~/utils/auth.server'
import { now } from '~/utils/clock'
import { formatInstantRange, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { auditRead } from '~/utils/read-audit.server'
import { invalidForm, notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'
import { SendRequests, Summary, WithoutConsent } from './consent-summary'

function groupByClass(rows: ConsentSheetRow[], mayHandle: (headTeacherId: number | null) => boolean) {
  const { byClass, total } = tallyConsents(
    rows.map((row) => ({
      classId: row.classId,
      status: row.consent?.status ?? null,
      source: row.consent?.source ?? null,
    })),
  )
  const classes: ClassGroup[] = byClass.map(({ classId, tally }) => {
    const pupils = rows
      .filter((row) => row.classId === classId)
      .map((row) => ({ ...row, disagreement: row.consent ? answerDisagreement(row.consent.history) : null }))
    const first = pupils[0]!
    const { className, classNumber, gradeLevel } = first
    return {
      classId,
      className,
      classNumber,
      gradeLevel,
      tally,
      pupils,
      mayHandle: mayHandle(first.headTeacherId),
    }
  })
  return { classes, total }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'consents:read' })
  const activity = await requireActivity(db, user, params.activityId)
  const base = {
    activity: {
      id: activity.id,
      title: activity.title,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      venue: activity.venue,
      transport: activity.transport,
      contactPhone: activity.contactPhone || activity.organiserPhone || '',
      consentDueOn: activity.consentDueOn,
      organiserName: activity.organiserName,
    },
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
  if (!activity.needsConsent) return { ...base, sheet: null }
  const rows = await listConsentSheet(db, { schoolId: user.schoolId, activity })
  // The sheet shows guardians' phones beside each pupil.
  await auditRead(user, context, {
    action: READ_ACTIONS.consentList,
    entity: 'activity',
    entityId: activity.id,
    pupilIds: rows.map((row) => row.id),
  })
  const { classes, total } = groupByClass(rows, (headTeacherId) =>
    mayHandlePaperSlips(user, activity, headTeacherId),
  )
  // The class whose returned slips are being recorded (?class=), kept across each tap.
  const recordingClassId = parseId(new URL(request.url).searchParams.get('class') ?? undefined) ?? null
  const canSend = can(user.role, 'plan:edit') && shouldRequestConsents(activity, now())
  return {
    ...base,
    sheet: {
      classes,
      total,
      withoutConsent: attendedWithoutConsent(rows, (row) => row.consent?.status ?? null),
      recordingClassId,
      canSend: canSend && total.unsent > 0,
      // Why nobody can be asked yet: requests go out once the activity is approved, until it starts.
      sendBlocked: !canSend && total.unsent > 0,
      reach: await loadReminderReach(db, user, {
        activity,
        rows,
        today: todayIn(user.school.timeZone),
        now: now(),
      }),
    },
  }
}

const INTENTS = {
  'send-requests': 'plan:edit',
  'record-paper': 'consents:read',
  'clear-paper': 'consents:read',
  remind: 'consents:read',
} as const satisfies IntentPermissions

// `via` is sent by a hydrated page's fetchers: they get a small answer instead of a redirect.
const ConsentsFormSchema = discriminatedUnion('intent', [
  object({ intent: literal('send-requests') }),
  PaperAnswerSchema.extend({ intent: literal('record-paper'), via: string().optional() }),
  object({
    intent: literal('clear-paper'),
    studentId: PaperAnswerSchema.shape.studentId,
    via: string().optional(),
  }),
  // Empty for the whole activity, else one of its classes.
  object({ intent: literal('remind'), classId: string().optional() }),
])

type PaperForm = Extract<z.infer<typeof ConsentsFormSchema>, { intent: 'record-paper' | 'clear-paper' }>

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, formData } = await requireUserForIntent(request, INTENTS)
  const activity = await requireActivity(db, user, params.activityId)
  if (!activity.needsConsent) throw new Response('This activity needs no consent', { status: 400 })
  const submission = parseWithZod(formData, { schema: ConsentsFormSchema })
  if (submission.status !== 'success') {
    return invalidForm(paperFormId(parseId(formData.get('studentId')) ?? 0), submission.reply())
  }
  const form = submission.value
  const to = `/activities/${activity.id}/consents`
  switch (form.intent) {
    case 'send-requests': {
      // A page left open past the start, or before approval: say so instead of failing.
      if (!shouldRequestConsents(activity, now())) {
        return redirectWithFlash(user, to, 'consents.staff.flash.notNow')
      }
      const sent = await sendConsentRequests(db, user, activity)
      // A second click finds everyone asked already.
      if (sent === 0) return redirectWithFlash(user, to, 'consents.staff.flash.noneToSend')
      return redirectWithFlash(user, to, 'consents.staff.flash.sent', { count: sent })
    }
    case 'remind':
      return remind(user, activity, form.classId)
    default:
      return paperSlip(user, activity, form, submission.reply)
  }
}

/**
 * A returned 回执 recorded with one tap per pupil, or a mistaken record cleared: an unknown pupil
 * is a form error (nothing stored), a class the user may not handle is 403.
 */
async function paperSlip(
  user: SessionUser,
  activity: ActivityDetail,
  form: PaperForm,
  reply: (options: { formErrors: string[] }) => SubmissionResult<string[]>,
) {
  const { studentId } = form
  const consent = await getConsentForStaff(db, {
    schoolId: user.schoolId,
    activityId: activity.id,
    studentId,
  })
  // No row on the page to show it by: the page shows it above the names.
  if (!consent) return invalidForm(PAPER_FORM, reply({ formErrors: ['consents.paper.unknownPupil'] }))
  if (!mayHandlePaperSlips(user, activity, consent.headTeacherId)) {
    throw new Response('Forbidden', { status: 403 })
  }
  let flash = 'consents.paper.flash.cleared'
  if (form.intent === 'record-paper') {
    const { answer, photoConsent } = form
    const outcome = await recordPaperConsent(db, user, { activity, consent, answer, photoConsent })
    flash = outcome === 'unchanged' ? 'consents.paper.flash.unchanged' : 'consents.paper.flash.recorded'
  } else {
    await clearPaperConsent(db, user, { activity, consent })
  }
  if (form.via === 'fetcher') return data({ ok: true })
  return redirectWithFlash(
    user,
    `/activities/${activity.id}/consents?class=${consent.classId}#pupil-${consent.studentId}`,
    flash,
  )
}

/**
 * A class that is not the activity's (or not the school's) is 404; a class the user may not
 * remind is 403, checked before anything is written.
 */
async function remind(user: SessionUser, activity: ActivityDetail, rawClassId: string | undefined) {
  const rows = await listConsentSheet(db, { schoolId: user.schoolId, activity })
  const classId = rawClassId === undefined ? null : (parseId(rawClassId) ?? notFound())
  if (classId !== null && !rows.some((row) => row.classId === classId)) notFound()
  const allowed = await mayRemindClass(db, { schoolId: user.schoolId, user, activity, classId })
  if (!allowed) throw new Response('Forbidden', { status: 403 })
  const to = `/activities/${activity.id}/consents`
  const today = todayIn(user.school.timeZone)
  const result = await remindConsentGuardians(db, user, { activity, classId, today, now: now() })
  if (result.status === 'closed') return redirectWithFlash(user, to, 'reach.flash.notNow')
  if (result.status === 'already') return redirectWithFlash(user, to, 'reach.flash.already')
  if (result.status === 'nobody') return redirectWithFlash(user, to, 'reach.flash.nobody')
  return redirectWithFlash(user, to, 'reach.flash.sent', { count: result.guardians })
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
export type Sheet = NonNullable<LoaderData['sheet']>

export default function ActivityConsentsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity, sheet, kind, timeZone } = useLoaderData<typeof loader>()
  const when = formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)
  return (
    <div className="consent-page">
      <p className="consent-back">
        <Link to={`/activities/${activity.id}`}>{t('consents.staff.back')}</Link>
      </p>
      <PageHeader
        title={t('consents.staff.title', { title: activity.title })}
        lead={t('consents.staff.lead', { when, venue: activity.venue || t('activities.view.noVenue') })}
      />
      {sheet ? (
        <div className="stack">
          {sheet.withoutConsent.length ? <WithoutConsent pupils={sheet.withoutConsent} kind={kind} /> : null}
          <Summary sheet={sheet} activity={activity} />
          {sheet.canSend ? <SendRequests count={sheet.total.unsent} /> : null}
          <ConsentPageReach reach={sheet.reach} kind={kind} timeZone={timeZone} />
          {sheet.sendBlocked ? (
            <p className="alert alert-info">
              {t('consents.staff.sendBlocked', { count: sheet.total.unsent })}
            </p>
          ) : null}
          {sheet.classes.length ? (
            <>
              <ClassTallies classes={sheet.classes} total={sheet.total} kind={kind} />
              <section className="stack" aria-labelledby="names-title">
                <h2 id="names-title">{t('consents.staff.names')}</h2>
                <PaperFormErrors />
                {sheet.classes.map((group) => (
                  <ClassNames
                    key={group.classId}
                    group={group}
                    kind={kind}
                    timeZone={timeZone}
                    activityId={activity.id}
                    recording={sheet.recordingClassId === group.classId}
                  />
                ))}
              </section>
            </>
          ) : (
            <p className="card muted">{t('consents.staff.noPupils')}</p>
          )}
        </div>
      ) : (
        <p className="card muted">{t('consents.staff.notNeeded')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'consents.staff.title', { title: data.activity.title })
    : pageTitle(matches, 'consents.staff.fallbackTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
