import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ACTIVITY_FORM_ID, ActivityForm, type ActivityFormValues } from '~/components/activity-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { activityInputOf, activitySchema, consentChoiceOf } from '~/domain/activity-schemas'
import { isEditable, type PlanStatus } from '~/domain/approval'
import { localDay, toLocalDateTime } from '~/domain/school-time'
import { type ActivityDetail, deleteActivity } from '~/models/activities.server'
import { listActivityFormOptions } from '~/models/activity-context.server'
import { getSeason, type SeasonDetail } from '~/models/seasons.server'
import { requireActivity, updateActivityDetails } from '~/services/activity-workflow.server'
import { auditedWrite } from '~/services/audited-write.server'
import { activityChoicesOf, observanceChoicesOf, redirectToSavedActivity } from '~/utils/activity-form.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { observanceOn } from '~/utils/observances.server'
import { invalidForm, notFound } from '~/utils/responses'

/** Only while deciding how it will run: once submitted or approved, an activity is withdrawn, not deleted. */
const DELETABLE: readonly PlanStatus[] = ['draft', 'changes_requested']

/** The activity of the URL in the user's school, and its season; closed ones are history. */
async function requireEditableActivity(user: SessionUser, activityId: string | undefined) {
  const activity = await requireActivity(db, user, activityId)
  const season = await getSeason(db, { schoolId: user.schoolId, id: activity.seasonId })
  if (!season) notFound()
  if (!isEditable(activity.status) || !isEditable(season.status)) {
    throw new Response('Activity closed', { status: 403 })
  }
  return { activity, season }
}

/**
 * What the form offers: the school's active staff and partners, plus any already on this activity
 * who have since left, so saving an unrelated change does not fail on them.
 */
async function formOptions(user: SessionUser, activity: ActivityDetail) {
  const options = await listActivityFormOptions(db, { schoolId: user.schoolId, seasonId: activity.seasonId })
  const staff = [...options.staff]
  const people = [
    ...(activity.organiserId !== null
      ? [{ id: activity.organiserId, displayName: activity.organiserName ?? '' }]
      : []),
    ...activity.staff,
  ]
  for (const { id, displayName } of people) {
    if (!staff.some((s) => s.id === id)) staff.push({ id, displayName, label: displayName })
  }
  const partners = [...options.partners]
  for (const p of activity.partners) {
    if (!partners.some((o) => o.id === p.id)) partners.push({ id: p.id, name: p.name, category: p.category })
  }
  return { ...options, staff, partners }
}

function formValuesOf(activity: ActivityDetail, timeZone: string): ActivityFormValues {
  const text = (value: number | null) => (value === null ? '' : String(value))
  return {
    title: activity.title,
    strandId: text(activity.strandId),
    kind: activity.kind,
    lesson: activity.lesson,
    startsAt: toLocalDateTime(activity.startsAt, timeZone),
    endsAt: toLocalDateTime(activity.endsAt, timeZone),
    venue: activity.venue,
    offCampus: activity.offCampus === 1,
    consent: consentChoiceOf(activity.needsConsent === 1, activity.offCampus === 1),
    organiserId: text(activity.organiserId),
    staffIds: activity.staff.map((s) => String(s.id)),
    guestIds: activity.partners.filter((p) => p.role === 'guest').map((p) => String(p.id)),
    partnerIds: activity.partners.filter((p) => p.role === 'partner').map((p) => String(p.id)),
    gradeIds: activity.gradeIds.map(String),
    classIds: activity.classIds.map(String),
    capacity: text(activity.capacity),
    description: activity.description,
    practiceCategory: activity.practiceCategory ?? '',
    practiceHours: text(activity.practiceHours),
    observance: activity.observance ?? '',
    transport: activity.transport,
    contactPhone: activity.contactPhone,
    consentDueOn: activity.consentDueOn ?? '',
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const { activity, season } = await requireEditableActivity(user, params.activityId)
  const timeZone = user.school.timeZone
  const choices = await formOptions(user, activity)
  const suggested = observanceOn(localDay(activity.startsAt, timeZone))
  return {
    activity: { id: activity.id, title: activity.title, status: activity.status },
    season: { id: season.id, title: season.title },
    choices,
    observances: observanceChoicesOf(
      season,
      suggested && suggested !== activity.observance ? suggested : null,
    ),
    defaultValue: formValuesOf(activity, timeZone),
    canDelete: DELETABLE.includes(activity.status),
    kind: user.school.kind,
    timeZone,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const { activity, season } = await requireEditableActivity(user, params.activityId)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'save':
      return save(user, activity, season, formData)
    case 'delete':
      return remove(user, activity)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function save(user: SessionUser, activity: ActivityDetail, season: SeasonDetail, formData: FormData) {
  const { school } = user
  const options = await formOptions(user, activity)
  const submission = parseWithZod(formData, { schema: activitySchema(activityChoicesOf(options, season)) })
  if (submission.status !== 'success') return invalidForm(ACTIVITY_FORM_ID, submission.reply())
  const input = activityInputOf(submission.value, { seasonId: activity.seasonId, timeZone: school.timeZone })
  const { sentBack } = await updateActivityDetails(db, user, activity, input)
  return redirectToSavedActivity(user, {
    activity: { id: activity.id, ...input },
    season,
    flash: sentBack ? 'activities.flash.sentBack' : 'activities.flash.updated',
  })
}

async function remove(user: SessionUser, activity: ActivityDetail) {
  const { schoolId } = user
  if (!DELETABLE.includes(activity.status)) throw new Response('Activity not deletable', { status: 403 })
  await auditedWrite(db, user, (trx) => deleteActivity(trx, { schoolId, id: activity.id }), {
    action: 'activity-deleted',
    entity: 'activity',
    entityId: activity.id,
    detail: { seasonId: activity.seasonId, title: activity.title, startsAt: activity.startsAt },
  })
  return redirectWithFlash(user, `/seasons/${activity.seasonId}`, 'activities.flash.deleted')
}

export default function EditActivityPage() {
  const { t } = useTranslation()
  const { activity, season, choices, observances, defaultValue, canDelete, kind, timeZone } =
    useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/activities/${activity.id}`}>{t('activities.backToActivity')}</Link>
        {' · '}
        <Link to={`/seasons/${season.id}`}>{t('activities.backToSeason', { season: season.title })}</Link>
      </p>
      <PageHeader
        title={t('activities.editTitle')}
        lead={t('activities.editLead', { title: activity.title })}
      />
      <ActivityForm
        choices={choices}
        observances={observances}
        defaultValue={defaultValue}
        kind={kind}
        timeZone={timeZone}
        submitLabel={t('activities.form.save')}
        cancelTo={`/activities/${activity.id}`}
      />
      {canDelete ? (
        <section className="card stack section" aria-labelledby="delete-activity">
          <h2 id="delete-activity">{t('activities.remove.title')}</h2>
          <p className="muted">{t('activities.remove.lead')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button button-danger">
              {t('activities.remove.button')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activities.editTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
