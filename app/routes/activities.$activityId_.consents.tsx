import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  type ClassGroup,
  ClassNames,
  ClassTallies,
  classNameOf,
  PaperFormErrors,
  Percent,
} from '~/components/consent-sheet'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Fact } from '~/components/fact'
import { PageHeader } from '~/components/page-header'
import { Contact } from '~/components/phone-link'
import { ConsentPageReach } from '~/components/unreachable-families'
import {
  answerDisagreement,
  attendedWithoutConsent,
  mayHandlePaperSlips,
  shouldRequestConsents,
  tallyConsents,
} from '~/domain/consent'
import type { SchoolKind } from '~/domain/grades'
import { can } from '~/domain/permissions'
import { READ_ACTIONS } from '~/domain/read-audit'
import { parseId } from '~/domain/schemas'
import type { ActivityDetail } from '~/models/activities.server'
import { recordAudit } from '~/models/audit.server'
import { type ConsentSheetRow, listConsentSheet, requestConsents } from '~/models/consents.server'
import { requireActivity } from '~/services/activities.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { now } from '~/utils/clock'
import { clearPaper, recordPaper } from '~/utils/consent-paper.server'
import { loadReach, remindGuardians } from '~/utils/consent-reminders.server'
import { formatDay, formatInstantRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { auditRead } from '~/utils/read-audit.server'
import { useLocale } from '~/utils/use-locale'

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
      reach: await loadReach(user, activity, rows),
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'consents:read' })
  const activity = await requireActivity(db, user, params.activityId)
  const formData = await request.formData()
  if (!activity.needsConsent) throw new Response('This activity needs no consent', { status: 400 })
  switch (formData.get('intent')) {
    case 'send-requests':
      if (!can(user.role, 'plan:edit')) throw new Response('Forbidden', { status: 403 })
      return sendRequests(user, activity)
    case 'record-paper':
      return recordPaper(user, activity, formData)
    case 'clear-paper':
      return clearPaper(user, activity, formData)
    case 'remind':
      return remindGuardians(user, activity, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function sendRequests(user: SessionUser, activity: ActivityDetail) {
  const to = `/activities/${activity.id}/consents`
  // A page left open past the start, or before approval: say so instead of failing.
  if (!shouldRequestConsents(activity, now())) {
    return redirectWithFlash(user, to, 'consents.staff.flash.notNow')
  }
  const { schoolId } = user
  const sent = await db.transaction().execute(async (trx) => {
    const result = await requestConsents(trx, { schoolId, activityId: activity.id })
    if (result.created === 0) return 0
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'consents-requested',
      entity: 'activity',
      entityId: activity.id,
      detail: { title: activity.title, pupils: result.created, messages: result.notified },
    })
    return result.created
  })
  // A second click finds everyone asked already.
  if (sent === 0) return redirectWithFlash(user, to, 'consents.staff.flash.noneToSend')
  return redirectWithFlash(user, to, 'consents.staff.flash.sent', { count: sent })
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Sheet = NonNullable<LoaderData['sheet']>

function Summary({ sheet, activity }: { sheet: Sheet; activity: LoaderData['activity'] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { total } = sheet
  return (
    <section className="card stack" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('consents.staff.summary')}</h2>
      <dl className="stats consent-stats">
        <div>
          <dt>{t('consents.statuses.given')}</dt>
          <dd>{total.given}</dd>
        </div>
        <div>
          <dt>{t('consents.statuses.refused')}</dt>
          <dd>{total.refused}</dd>
        </div>
        <div>
          <dt>{t('consents.staff.waiting')}</dt>
          <dd>{total.requested + total.unsent}</dd>
        </div>
        <div>
          <dt>{t('consents.staff.returnRate')}</dt>
          <dd>
            <Percent rate={total.returnRate} />
          </dd>
        </div>
      </dl>
      <dl className="stats consent-stats consent-sources">
        <div>
          <dt>{t('consents.paper.online')}</dt>
          <dd>{total.online}</dd>
        </div>
        <div>
          <dt>{t('consents.paper.paper')}</dt>
          <dd>{total.paper}</dd>
        </div>
        <div>
          <dt>{t('consents.paper.none')}</dt>
          <dd>{total.none}</dd>
        </div>
      </dl>
      <dl className="facts">
        <Fact label={t('consents.staff.pupils')}>{total.total}</Fact>
        <Fact label={t('consents.request.dueOn')}>
          {activity.consentDueOn ? formatDay(activity.consentDueOn, locale) : t('consents.request.noDue')}
        </Fact>
        <Fact label={t('consents.request.transport')}>
          {activity.transport || t('consents.request.notGiven')}
        </Fact>
        <Fact label={t('consents.request.contact')}>
          <Contact
            name={activity.organiserName}
            phone={activity.contactPhone}
            fallback={t('consents.request.notGiven')}
          />
        </Fact>
      </dl>
    </section>
  )
}

function WithoutConsent({ pupils, kind }: { pupils: Sheet['withoutConsent']; kind: SchoolKind }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="alert alert-error consent-flagged" aria-labelledby="flagged-title">
      <h2 id="flagged-title">{t('consents.staff.flaggedTitle', { count: pupils.length })}</h2>
      <p>{t('consents.staff.flaggedLead')}</p>
      <ul>
        {pupils.map((pupil) => (
          <li key={pupil.id}>
            {t('consents.staff.flaggedPupil', {
              name: pupil.name,
              class: classNameOf(pupil, locale, kind),
              status: pupil.consent
                ? t(`consents.statuses.${pupil.consent.status}`)
                : t('consents.staff.unsent'),
            })}
          </li>
        ))}
      </ul>
    </section>
  )
}

function SendRequests({ count }: { count: number }) {
  const { t } = useTranslation()
  return (
    <section className="card stack" aria-labelledby="send-title">
      <h2 id="send-title">{t('consents.staff.sendTitle')}</h2>
      <p className="muted">{t('consents.staff.sendLead', { count })}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="send-requests" />
        <button type="submit" className="button">
          {t('consents.staff.send', { count })}
        </button>
      </Form>
    </section>
  )
}

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
