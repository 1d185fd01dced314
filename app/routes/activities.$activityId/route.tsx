import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { discriminatedUnion, literal, object, unknown, enum as zEnum } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ActivityDecisionSchema, taskSchema } from '~/domain/activity-schemas'
import { isEditable } from '~/domain/approval'
import { can } from '~/domain/permissions'
import { parseId } from '~/domain/schemas'
import { getTask } from '~/models/activities.server'
import { ANSWERED_BY, markActedOn } from '~/models/notifications.server'
import { getSeason } from '~/models/seasons.server'
import { decideActivity, requireActivity, submitActivity } from '~/services/activity-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { addTask, deleteTaskOf, familyView, staffView, toggleTask } from './activity-page.server'
import { FamilyPage } from './family-page'
import { StaffPage } from './staff-page'

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Staff see every activity of the school; parents only published ones of their own children.
  const user = await requireUser(request, { permission: 'calendar:read' })
  const activity = await requireActivity(db, user, params.activityId)
  if (!can(user.role, 'plan:read')) return familyView(user, activity)
  // Opening the activity is what "approved" asked of its organiser.
  await markActedOn(db, {
    schoolId: user.schoolId,
    userId: user.id,
    entity: 'activity',
    entityIds: [activity.id],
    kinds: ANSWERED_BY.reading.activity,
  })
  return staffView(user, activity)
}

/** Each form of the page and who may post it; deciding is the reviewer's. */
const INTENTS = {
  approve: 'plan:review',
  'request-changes': 'plan:review',
  submit: 'plan:edit',
  'add-task': 'plan:edit',
  'toggle-task': 'plan:edit',
  'delete-task': 'plan:edit',
} as const satisfies IntentPermissions

/** A task id that is malformed or missing names no task of this activity: 404, not a form error. */
const taskId = unknown().transform(parseId)

/** The page's forms, told apart by `intent`; a task's due date must fall in the season's year. */
function activityPageSchema(year: { startsOn: string; endsOn: string } | undefined) {
  return discriminatedUnion('intent', [
    ActivityDecisionSchema,
    object({ intent: literal('submit') }),
    taskSchema(year).extend({ intent: literal('add-task') }),
    object({ intent: literal('toggle-task'), taskId, done: zEnum(['0', '1']) }),
    object({ intent: literal('delete-task'), taskId }),
  ])
}

/** Which form a refused submission answers, so only that one shows its messages. */
function formIdOf(intent: keyof typeof INTENTS): string {
  return intent === 'approve' || intent === 'request-changes' ? 'decision' : intent
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Another school's activity is 404 whatever the form, before the intent's permission (403).
  const staff = await requireUser(request, { permission: 'plan:edit' })
  const activity = await requireActivity(db, staff, params.activityId)
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const season = (await getSeason(db, { schoolId: user.schoolId, id: activity.seasonId })) ?? notFound()
  const year = { startsOn: season.yearStartsOn, endsOn: season.yearEndsOn }
  const submission = parseWithZod(formData, { schema: activityPageSchema(year) })
  if (submission.status !== 'success') return invalidForm(formIdOf(intent), submission.reply())
  const form = submission.value
  const back = `/activities/${activity.id}`
  if (form.intent === 'approve' || form.intent === 'request-changes') {
    const decision = { decision: form.intent, comment: form.comment }
    if (!(await decideActivity(db, user, activity, season, decision)))
      return redirectWithFlash(user, back, 'activities.flash.alreadyDecided')
    const flash =
      form.intent === 'approve' ? 'activities.flash.approved' : 'activities.flash.changesRequested'
    return redirectWithFlash(user, back, flash)
  }
  if (form.intent === 'submit') {
    const outcome = await submitActivity(db, user, activity, season)
    const flash = outcome === 'submitted' ? 'activities.flash.submitted' : 'activities.flash.alreadyDecided'
    return redirectWithFlash(user, back, flash)
  }
  if (!isEditable(activity.status)) throw new Response('Activity closed', { status: 403 })
  if (form.intent === 'add-task') return addTask(user, activity, submission, form)
  // Only the task forms are left; TypeScript does not narrow the decision branch's two intents.
  if (form.intent !== 'toggle-task' && form.intent !== 'delete-task') notFound()
  const task = form.taskId ? await getTask(db, { schoolId: user.schoolId, id: form.taskId }) : undefined
  if (!task || task.activityId !== activity.id) notFound()
  if (form.intent === 'toggle-task') return toggleTask(user, activity, task, form.done === '1')
  return deleteTaskOf(user, activity, task)
}

export type ActivityPageData = SerializeFrom<typeof loader>
export type StaffData = Extract<ActivityPageData, { mode: 'staff' }>
export type FamilyData = Extract<ActivityPageData, { mode: 'family' }>

export default function ActivityPage() {
  const data = useLoaderData<typeof loader>()
  return data.mode === 'family' ? <FamilyPage data={data} /> : <StaffPage data={data} />
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'activities.pageTitle', { title: data.activity.title })
    : pageTitle(matches, 'activities.fallbackTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
