import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ACTIVITY_FORM_ID, ActivityForm } from '~/components/activity-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { activityInputOf, activitySchema, defaultTasks } from '~/domain/activity-schemas'
import { statusOfNewActivity } from '~/domain/approval'
import { parseId } from '~/domain/schemas'
import { localDay } from '~/domain/school-time'
import { findActivityId, insertActivity, insertTasks } from '~/models/activities.server'
import { listActivityFormOptions } from '~/models/activity-context.server'
import { recordAudit } from '~/models/audit.server'
import { recordActivitySubmitted } from '~/services/activity-workflow.server'
import { requireEditableSeason } from '~/services/season-workflow.server'
import { activityChoicesOf, observanceChoicesOf, redirectToSavedActivity } from '~/utils/activity-form.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { createI18n } from '~/utils/i18n'
import { resolveLocale } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const season = await requireEditableSeason(db, user, params.seasonId)
  const options = await listActivityFormOptions(db, { schoolId: user.schoolId, seasonId: season.id })
  const strandId = parseId(new URL(request.url).searchParams.get('strand'))
  const strand = options.strands.find((s) => s.id === strandId)
  return {
    season: { id: season.id, title: season.title },
    choices: options,
    observances: observanceChoicesOf(season),
    defaultValue: {
      kind: 'other',
      consent: 'auto',
      organiserId: String(user.id),
      strandId: strand ? String(strand.id) : '',
      gradeIds: strand ? strand.gradeIds.map(String) : [],
    },
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const { schoolId, school } = user
  const season = await requireEditableSeason(db, user, params.seasonId)
  const formData = await request.formData()
  const options = await listActivityFormOptions(db, { schoolId, seasonId: season.id })
  const submission = parseWithZod(formData, { schema: activitySchema(activityChoicesOf(options, season)) })
  if (submission.status !== 'success') return invalidForm(ACTIVITY_FORM_ID, submission.reply())
  const input = activityInputOf(submission.value, { seasonId: season.id, timeZone: school.timeZone })
  const status = statusOfNewActivity(season.status)
  const { t } = createI18n(resolveLocale(request))
  const tasks = defaultTasks(
    {
      venue: input.venue,
      offCampus: input.offCampus,
      hasGuest: input.partners.some((p) => p.role === 'guest'),
      organiserId: input.organiserId,
    },
    localDay(input.startsAt, school.timeZone),
  ).map(({ key, ownerId, dueOn }) => ({
    title: t(`activities.defaultTasks.${key}`),
    ownerId,
    dueOn,
    automatic: true,
  }))

  const created = await db.transaction().execute(async (trx) => {
    // A double-clicked submit: the first click's record is the answer to the second.
    const existing = await findActivityId(trx, {
      schoolId,
      seasonId: season.id,
      title: input.title,
      startsAt: input.startsAt,
    })
    if (existing) return { id: existing, duplicate: true }
    const id = await insertActivity(trx, { schoolId, createdBy: user.id, status, input })
    await insertTasks(trx, { schoolId, activityId: id, tasks })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'activity-created',
      entity: 'activity',
      entityId: id,
      detail: { seasonId: season.id, title: input.title, startsAt: input.startsAt, status },
    })
    if (status === 'submitted') {
      await recordActivitySubmitted(trx, {
        user,
        activityId: id,
        title: input.title,
        detail: { reason: 'added-to-approved-season' },
      })
    }
    return { id, duplicate: false }
  })
  if (created.duplicate)
    return redirectWithFlash(user, `/activities/${created.id}`, 'activities.flash.created')
  return redirectToSavedActivity(user, {
    activity: { id: created.id, ...input },
    season,
    flash: status === 'submitted' ? 'activities.flash.createdForReview' : 'activities.flash.created',
  })
}

export default function NewActivityPage() {
  const { t } = useTranslation()
  const { season, choices, observances, defaultValue, kind, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/seasons/${season.id}`}>{t('activities.backToSeason', { season: season.title })}</Link>
      </p>
      <PageHeader title={t('activities.newTitle')} lead={t('activities.newLead', { season: season.title })} />
      <ActivityForm
        choices={choices}
        observances={observances}
        defaultValue={defaultValue}
        kind={kind}
        timeZone={timeZone}
        submitLabel={t('activities.form.create')}
        cancelTo={`/seasons/${season.id}`}
      />
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activities.newTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
