import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { ConflictList, type ConflictNames, conflictNames } from '~/components/conflict-list'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Fact } from '~/components/fact'
import { PageHeader } from '~/components/page-header'
import { Contact, PhoneLink } from '~/components/phone-link'
import { RowAction } from '~/components/row-action'
import { StatusBadge } from '~/components/status-badge'
import { TargetChangeList } from '~/components/target-changes'
import { SelectField, TextareaField, TextField } from '~/components/ui/field'
import { ActivityDecisionSchema, TaskSchema, taskSchema } from '~/domain/activity-schemas'
import {
  activityStatusOnApproval,
  isEditable,
  isRecordable,
  isVisibleToFamilies,
  nextStatus,
  type PlanStatus,
} from '~/domain/approval'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { can } from '~/domain/permissions'
import { diffActivity, type ProgrammeChange, parseSnapshot } from '~/domain/programme-diff'
import { parseId } from '~/domain/schemas'
import {
  type ActivityDetail,
  deleteTask,
  getTask,
  insertTasks,
  listTasks,
  setActivityStatus,
  updateTask,
} from '~/models/activities.server'
import { findActivityConflicts } from '~/models/activity-context.server'
import { recordAudit } from '~/models/audit.server'
import { requestConsents } from '~/models/consents.server'
import { listChildrenLinkedToActivity, listChildrenOfGuardian } from '~/models/family.server'
import { ANSWERED_BY, markActedOn, notify } from '~/models/notifications.server'
import { activitySnapshot, lastDecidedSnapshot, listReviews, recordReview } from '~/models/reviews.server'
import { listClassOptions, listGrades } from '~/models/school.server'
import { getSeason } from '~/models/seasons.server'
import { listTeachers } from '~/models/users.server'
import { requireActivity } from '~/utils/activities.server'
import { recordActivitySubmitted } from '~/utils/activity-review.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatDay, formatInstant, formatInstantRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

/** A single activity is decided on its own only once its season has been approved. */
const DECIDED_SEASON: readonly PlanStatus[] = ['approved', 'published']

/** Returned (or never submitted) activities of a decided season go back to review one by one. */
function canResubmit(
  activityStatus: PlanStatus,
  seasonStatus: PlanStatus,
  role: SessionUser['role'],
): boolean {
  return DECIDED_SEASON.includes(seasonStatus) && nextStatus(activityStatus, 'submit', role) !== null
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Staff see every activity of the school; parents only published ones of their own children.
  const user = await requireUser(request, { permission: 'calendar:read' })
  const activity = await requireActivity(user, params.activityId)
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

async function familyView(user: SessionUser, activity: ActivityDetail) {
  if (!isVisibleToFamilies(activity.status)) notFound()
  const children = await listChildrenOfGuardian(db, { schoolId: user.schoolId, guardianId: user.id })
  // A child added to the sheet or asked for consent is concerned too, though not in a targeted class.
  const linked = await listChildrenLinkedToActivity(db, {
    schoolId: user.schoolId,
    activityId: activity.id,
    studentIds: children.map((child) => child.id),
  })
  const concerned = children.filter(
    (child) =>
      activity.gradeIds.includes(child.gradeId) ||
      activity.classIds.includes(child.classId) ||
      linked.has(child.id),
  )
  if (concerned.length === 0) notFound()
  return {
    mode: 'family' as const,
    activity: {
      id: activity.id,
      title: activity.title,
      kind: activity.kind,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      venue: activity.venue,
      offCampus: activity.offCampus === 1,
      needsConsent: activity.needsConsent === 1,
      description: activity.description,
      transport: activity.transport,
      organiserName: activity.organiserName,
      contactPhone: activity.contactPhone || activity.organiserPhone || '',
    },
    children: concerned.map(({ id, name, className, classNumber, gradeLevel }) => ({
      id,
      name,
      className,
      classNumber,
      gradeLevel,
    })),
    guests: activity.partners.filter((p) => p.role === 'guest').map((p) => p.name),
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

async function staffView(user: SessionUser, activity: ActivityDetail) {
  const { schoolId } = user
  const season = await getSeason(db, { schoolId, id: activity.seasonId })
  if (!season) notFound()
  const [tasks, reviews, grades, classes, staff, found] = await Promise.all([
    listTasks(db, { schoolId, activityId: activity.id }),
    listReviews(db, { schoolId, entity: 'activity', entityId: activity.id }),
    listGrades(db, { schoolId }),
    listClassOptions(db, { schoolId }),
    listTeachers(db, { schoolId }),
    findActivityConflicts(db, { schoolId, timeZone: user.school.timeZone, activity, season }),
  ])
  const editable = isEditable(activity.status) && isEditable(season.status)
  const canReview =
    can(user.role, 'plan:review') && activity.status === 'submitted' && DECIDED_SEASON.includes(season.status)
  // Sent back after a change: the reviewer sees what changed since the programme was decided.
  const changes = canReview
    ? diffActivity(
        parseSnapshot(await lastDecidedSnapshot(db, { schoolId, seasonId: season.id })),
        activitySnapshot(activity),
      )
    : null
  return {
    mode: 'staff' as const,
    activity,
    season: { id: season.id, title: season.title, status: season.status },
    tasks,
    reviews,
    conflicts: found.conflicts,
    organisers: found.organisers,
    grades,
    classes,
    staff,
    canEdit: editable,
    canReview,
    changes,
    canResubmit: editable && canResubmit(activity.status, season.status, user.role),
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const activity = await requireActivity(user, params.activityId)
  const formData = await request.formData()
  const intent = formData.get('intent')
  switch (intent) {
    case 'approve':
    case 'request-changes':
      return decide(user, activity, formData)
    case 'submit':
      return resubmit(user, activity)
    case 'add-task':
    case 'toggle-task':
    case 'delete-task':
      break
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
  if (!isEditable(activity.status)) throw new Response('Activity closed', { status: 403 })
  if (intent === 'add-task') return addTask(user, activity, formData)
  const taskId = parseId(formData.get('taskId'))
  const task = taskId ? await getTask(db, { schoolId: user.schoolId, id: taskId }) : undefined
  if (!task || task.activityId !== activity.id) notFound()
  const { schoolId } = user
  if (intent === 'toggle-task') {
    const done = formData.get('done') === '1'
    await db.transaction().execute(async (trx) => {
      await updateTask(trx, { schoolId, id: task.id, done })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'task-updated',
        entity: 'activity',
        entityId: activity.id,
        detail: { taskId: task.id, title: task.title, done },
      })
    })
    return redirectWithFlash(user, `/activities/${activity.id}#tasks`, 'activities.flash.taskUpdated')
  }
  await db.transaction().execute(async (trx) => {
    await deleteTask(trx, { schoolId, id: task.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'task-deleted',
      entity: 'activity',
      entityId: activity.id,
      detail: { taskId: task.id, title: task.title },
    })
  })
  return redirectWithFlash(user, `/activities/${activity.id}#tasks`, 'activities.flash.taskDeleted')
}

async function addTask(user: SessionUser, activity: ActivityDetail, formData: FormData) {
  const { schoolId } = user
  const season = await getSeason(db, { schoolId, id: activity.seasonId })
  const year = season ? { startsOn: season.yearStartsOn, endsOn: season.yearEndsOn } : undefined
  const submission = parseWithZod(formData, { schema: taskSchema(year) })
  if (submission.status !== 'success') return invalidForm('add-task', submission.reply())
  const task = submission.value
  if (task.ownerId) {
    const staff = await listTeachers(db, { schoolId })
    if (!staff.some((person) => person.id === task.ownerId)) {
      return invalidForm(
        'add-task',
        submission.reply({ fieldErrors: { ownerId: ['validation.unknownChoice'] } }),
      )
    }
  }
  await db.transaction().execute(async (trx) => {
    // A double-clicked submit: the first click's open task is the answer to the second.
    const open = (await listTasks(trx, { schoolId, activityId: activity.id })).filter((t) => !t.doneAt)
    const twin = open.some(
      (t) =>
        t.title === task.title && t.ownerId === (task.ownerId ?? null) && t.dueOn === (task.dueOn ?? null),
    )
    if (twin) return
    await insertTasks(trx, {
      schoolId,
      activityId: activity.id,
      tasks: [{ title: task.title, ownerId: task.ownerId ?? null, dueOn: task.dueOn ?? null }],
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'task-created',
      entity: 'activity',
      entityId: activity.id,
      detail: { title: task.title, ownerId: task.ownerId ?? null, dueOn: task.dueOn ?? null },
    })
  })
  return redirectWithFlash(user, `/activities/${activity.id}#tasks`, 'activities.flash.taskAdded')
}

async function resubmit(user: SessionUser, activity: ActivityDetail) {
  const { schoolId } = user
  const season = await getSeason(db, { schoolId, id: activity.seasonId })
  if (!season) notFound()
  // A second click finds the first one's work done.
  if (activity.status === 'submitted') {
    return redirectWithFlash(user, `/activities/${activity.id}`, 'activities.flash.submitted')
  }
  if (!isEditable(season.status) || !canResubmit(activity.status, season.status, user.role)) {
    throw new Response('Not open to submission', { status: 403 })
  }
  const submitted = await db.transaction().execute(async (trx) => {
    const moved = await setActivityStatus(trx, {
      schoolId,
      id: activity.id,
      from: activity.status,
      to: 'submitted',
    })
    if (!moved) return false
    await recordActivitySubmitted(trx, {
      user,
      activityId: activity.id,
      title: activity.title,
      detail: { from: activity.status },
    })
    return true
  })
  const flash = submitted ? 'activities.flash.submitted' : 'activities.flash.alreadyDecided'
  return redirectWithFlash(user, `/activities/${activity.id}`, flash)
}

async function decide(user: SessionUser, activity: ActivityDetail, formData: FormData) {
  const { schoolId } = user
  if (!can(user.role, 'plan:review')) throw new Response('Forbidden', { status: 403 })
  const season = await getSeason(db, { schoolId, id: activity.seasonId })
  if (!season) notFound()
  if (!DECIDED_SEASON.includes(season.status)) throw new Response('Decided with its season', { status: 403 })
  const submission = parseWithZod(formData, { schema: ActivityDecisionSchema })
  if (submission.status !== 'success') return invalidForm('decision', submission.reply())
  const { intent, comment } = submission.value
  const to =
    intent === 'approve'
      ? activityStatusOnApproval(season.status)
      : nextStatus('submitted', 'request-changes', user.role)
  const action = intent === 'approve' ? ('approved' as const) : ('changes_requested' as const)
  const decided =
    to !== null &&
    (await db.transaction().execute(async (trx) => {
      // From 'submitted' only: a second click, or a second admin, finds nothing to move.
      const moved = await setActivityStatus(trx, { schoolId, id: activity.id, from: 'submitted', to })
      if (!moved) return false
      await recordReview(trx, {
        schoolId,
        entity: 'activity',
        entityId: activity.id,
        actorId: user.id,
        action,
        comment,
      })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: `activity-${action}`,
        entity: 'activity',
        entityId: activity.id,
        detail: { title: activity.title, from: 'submitted', to, comment },
      })
      await markActedOn(trx, {
        schoolId,
        userId: user.id,
        entity: 'activity',
        entityIds: [activity.id],
        kinds: ANSWERED_BY.decision.activity,
      })
      // Approved on its own (added or changed after its season): guardians are asked now.
      if (action === 'approved') await requestConsents(trx, { schoolId, activityId: activity.id })
      const recipients = [activity.organiserId, season.ownerId].filter(
        (id): id is number => id !== null && id !== user.id,
      )
      await notify(trx, {
        schoolId,
        userIds: recipients,
        kind: action === 'approved' ? 'activity-approved' : 'activity-changes_requested',
        entity: 'activity',
        entityId: activity.id,
        params: { title: activity.title, comment },
      })
      return true
    }))
  if (!decided)
    return redirectWithFlash(user, `/activities/${activity.id}`, 'activities.flash.alreadyDecided')
  const flash = intent === 'approve' ? 'activities.flash.approved' : 'activities.flash.changesRequested'
  return redirectWithFlash(user, `/activities/${activity.id}`, flash)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type StaffData = Extract<LoaderData, { mode: 'staff' }>
type FamilyData = Extract<LoaderData, { mode: 'family' }>

/** When and where, as two facts of the details list. */
function TimeAndPlace({
  activity,
  timeZone,
}: {
  activity: { startsAt: string; endsAt: string; venue: string; offCampus: boolean | number }
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const campus = activity.offCampus ? t('activities.view.offCampus') : t('activities.view.onCampus')
  return (
    <>
      <Fact label={t('activities.view.when')}>
        {formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)}
      </Fact>
      <Fact label={t('activities.view.where')}>
        {t('activities.view.place', { venue: activity.venue || t('activities.view.noVenue'), campus })}
      </Fact>
    </>
  )
}

function Description({ text }: { text: string }) {
  const { t } = useTranslation()
  return (
    <>
      <h3>{t('activities.view.description')}</h3>
      {text ? <p className="prose">{text}</p> : <p className="muted">{t('activities.view.noDescription')}</p>}
    </>
  )
}

function targetLabels(
  activity: { gradeIds: number[]; classIds: number[] },
  grades: StaffData['grades'],
  classes: StaffData['classes'],
  kind: SchoolKind,
  locale: 'zh' | 'en',
): string[] {
  return [
    ...grades.filter((g) => activity.gradeIds.includes(g.id)).map((g) => gradeLabel(locale, kind, g)),
    ...classes.filter((c) => activity.classIds.includes(c.id)).map((c) => classLabel(locale, kind, c)),
  ]
}

function AddTaskForm({ staff }: { staff: StaffData['staff'] }) {
  const { t } = useTranslation()
  // Typed by the parsed values: zod's coerce leaves the input type unknown.
  const [form, fields] = useForm<output<typeof TaskSchema>>({
    id: 'add-task',
    lastResult: useFormReply('add-task'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TaskSchema }),
  })
  return (
    <Form method="post" className="inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-task" />
      <TextField meta={fields.title} label={t('activities.tasks.task')} />
      <SelectField meta={fields.ownerId} label={t('activities.tasks.owner')}>
        <option value="">{t('activities.tasks.noOwner')}</option>
        {staff.map((person) => (
          <option key={person.id} value={person.id}>
            {person.label}
          </option>
        ))}
      </SelectField>
      <TextField meta={fields.dueOn} label={t('activities.tasks.dueOn')} type="date" />
      <button type="submit" className="button button-secondary">
        {t('activities.tasks.add')}
      </button>
    </Form>
  )
}

function Tasks({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { tasks, canEdit, staff } = data
  return (
    <section id="tasks" className="card stack" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('activities.tasks.title')}</h2>
      {tasks.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('activities.tasks.task')}</th>
                <th scope="col">{t('activities.tasks.owner')}</th>
                <th scope="col">{t('activities.tasks.dueOn')}</th>
                <th scope="col">{t('activities.tasks.status')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td>{task.title}</td>
                  <td>{task.ownerName ?? <span className="muted">{t('activities.tasks.noOwner')}</span>}</td>
                  <td>{task.dueOn ? formatDay(task.dueOn, locale) : t('activities.tasks.noDue')}</td>
                  <td>
                    <span className={task.doneAt ? 'badge' : 'badge badge-muted'}>
                      {task.doneAt ? t('activities.tasks.done') : t('activities.tasks.open')}
                    </span>
                  </td>
                  {canEdit ? (
                    <td className="cell-actions">
                      <RowAction
                        intent="toggle-task"
                        values={{ taskId: task.id, done: task.doneAt ? '0' : '1' }}
                        label={task.doneAt ? t('activities.tasks.undo') : t('activities.tasks.markDone')}
                        who={task.title}
                      />
                      <RowAction
                        intent="delete-task"
                        values={{ taskId: task.id }}
                        label={t('common.delete')}
                        who={task.title}
                        danger
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('activities.tasks.empty')}</p>
      )}
      {canEdit ? (
        <div className="subform">
          <h3>{t('activities.tasks.addTitle')}</h3>
          {/* Keyed by the count so the form starts empty again once a task is added. */}
          <AddTaskForm key={tasks.length} staff={staff} />
        </div>
      ) : null}
    </section>
  )
}

function DecisionForm({ changes, names }: { changes: ProgrammeChange | null; names: ConflictNames }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'decision',
    lastResult: useFormReply('decision'),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivityDecisionSchema }),
  })
  return (
    <section className="card stack" aria-labelledby="decide-title">
      <h2 id="decide-title">{t('activities.review.decideTitle')}</h2>
      <p className="muted">{t('activities.review.decideLead')}</p>
      {changes ? (
        <div className="stack">
          <h3>{t('activities.review.changedTitle')}</h3>
          <p>
            {changes.fields
              .map((field) => t(`seasons.review.fields.${field}`, { defaultValue: field }))
              .join(t('common.listSeparator'))}
          </p>
          {changes.targets ? <TargetChangeList targets={changes.targets} names={names} /> : null}
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextareaField
          meta={fields.comment}
          label={t('activities.review.comment')}
          hint={t('activities.review.commentHint')}
        />
        <div className="link-row">
          <button type="submit" name="intent" value="approve" className="button">
            {t('activities.review.approve')}
          </button>
          <button type="submit" name="intent" value="request-changes" className="button button-secondary">
            {t('activities.review.requestChanges')}
          </button>
        </div>
      </Form>
    </section>
  )
}

function ResubmitForm() {
  const { t } = useTranslation()
  return (
    <section className="card stack" aria-labelledby="resubmit-title">
      <h2 id="resubmit-title">{t('activities.review.resubmitTitle')}</h2>
      <p className="muted">{t('activities.review.resubmitLead')}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="submit" />
        <button type="submit" className="button">
          {t('activities.review.resubmit')}
        </button>
      </Form>
    </section>
  )
}

function ReviewHistory({ reviews, timeZone }: { reviews: StaffData['reviews']; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="card stack" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t('activities.review.history')}</h2>
      {reviews.length ? (
        <ol className="plain-list history">
          {reviews.map((review) => (
            <li key={review.id}>
              {t('activities.review.entry', {
                when: formatInstant(review.createdAt, locale, timeZone, 'dateTime'),
                who: review.actorName,
                action: t(`activities.review.actions.${review.action}`),
              })}
              {review.comment ? <blockquote className="review-comment">{review.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('activities.review.noHistory')}</p>
      )}
    </section>
  )
}

function StaffPage({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity, season, conflicts, kind, timeZone } = data
  const users: Record<number, string> = { ...data.organisers }
  for (const person of data.staff) users[person.id] = person.displayName
  const names = conflictNames(locale, kind, { grades: data.grades, classes: data.classes, users })
  const guests = activity.partners.filter((p) => p.role === 'guest')
  const partners = activity.partners.filter((p) => p.role === 'partner')
  const none = t('activities.view.none')
  const separator = t('activities.view.separator')
  const partnerLinks = (list: typeof guests) =>
    list.length
      ? list.map((p, index) => (
          <span key={p.id}>
            {index ? separator : ''}
            <Link to={`/partners/${p.id}`}>{p.name}</Link>
          </span>
        ))
      : none
  return (
    <>
      <p>
        <Link to={`/seasons/${season.id}`}>{t('activities.backToSeason', { season: season.title })}</Link>
      </p>
      <PageHeader
        title={activity.title}
        lead={
          <span className="badge-row">
            <StatusBadge status={activity.status} />
            <span className="badge badge-muted">{t(`activities.kinds.${activity.kind}`)}</span>
            {activity.offCampus ? (
              <span className="badge badge-warning">{t('activities.view.offCampus')}</span>
            ) : null}
          </span>
        }
        actions={
          <>
            {isRecordable(activity.status) ? (
              <Link to={`/activities/${activity.id}/participation`} className="button">
                {t('activities.view.participation')}
              </Link>
            ) : null}
            {isRecordable(activity.status) ? (
              <Link to={`/activities/${activity.id}/awards`} className="button button-secondary">
                {t('activities.view.awards')}
              </Link>
            ) : null}
            {activity.needsConsent ? (
              <Link to={`/activities/${activity.id}/consents`} className="button button-secondary">
                {t('activities.view.consents')}
              </Link>
            ) : null}
            {data.canEdit ? (
              <Link to={`/activities/${activity.id}/edit`} className="button button-secondary">
                {t('activities.view.edit')}
              </Link>
            ) : null}
          </>
        }
      />
      <div className="stack">
        {data.canReview ? <DecisionForm changes={data.changes} names={names} /> : null}
        {data.canResubmit ? <ResubmitForm /> : null}
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('activities.view.details')}</h2>
          <dl className="facts">
            <TimeAndPlace activity={activity} timeZone={timeZone} />
            <Fact label={t('activities.view.season')}>
              <Link to={`/seasons/${season.id}`}>{season.title}</Link>
            </Fact>
            <Fact label={t('activities.view.strand')}>
              {activity.strandTitle ? (
                <Link to={`/seasons/${season.id}#strand-${activity.strandId}`}>{activity.strandTitle}</Link>
              ) : (
                none
              )}
            </Fact>
            <Fact label={t('activities.view.lesson')}>{activity.lesson || none}</Fact>
            <Fact label={t('activities.view.targets')}>
              {targetLabels(activity, data.grades, data.classes, kind, locale).join(separator) || none}
            </Fact>
            <Fact label={t('activities.view.organiser')}>
              {activity.organiserName ?? t('activities.view.noOrganiser')}
            </Fact>
            <Fact label={t('activities.view.staff')}>
              {activity.staff.map((s) => s.displayName).join(separator) || none}
            </Fact>
            <Fact label={t('activities.view.guests')}>{partnerLinks(guests)}</Fact>
            <Fact label={t('activities.view.partners')}>{partnerLinks(partners)}</Fact>
            <Fact label={t('activities.view.capacity')}>
              {activity.capacity ?? t('activities.view.noLimit')}
            </Fact>
            <Fact label={t('activities.view.consent')}>
              {activity.needsConsent
                ? t('activities.view.consentNeeded')
                : t('activities.view.consentNotNeeded')}
            </Fact>
            {activity.needsConsent ? (
              <>
                <Fact label={t('activities.form.transport')}>{activity.transport || none}</Fact>
                <Fact label={t('activities.form.contactPhone')}>
                  {activity.contactPhone || activity.organiserPhone ? (
                    <PhoneLink phone={activity.contactPhone || activity.organiserPhone || ''} />
                  ) : (
                    none
                  )}
                </Fact>
                <Fact label={t('activities.form.consentDueOn')}>
                  {activity.consentDueOn ? formatDay(activity.consentDueOn, locale) : none}
                </Fact>
              </>
            ) : null}
            <Fact label={t('activities.view.practice')}>
              {activity.practiceCategory && activity.practiceHours !== null
                ? t('activities.view.practiceValue', {
                    category: t(`activities.practice.${activity.practiceCategory}`),
                    hours: activity.practiceHours,
                  })
                : none}
            </Fact>
            <Fact label={t('activities.view.observance')}>
              {activity.observance ? t(`observances.${activity.observance}`) : none}
            </Fact>
          </dl>
          <Description text={activity.description} />
        </section>
        <section className="card stack" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{t('activities.conflicts.title')}</h2>
          {conflicts.length ? (
            <>
              <p className="muted">{t('activities.conflicts.count', { count: conflicts.length })}</p>
              <ConflictList conflicts={conflicts} names={names} />
            </>
          ) : (
            <p className="muted">{t('activities.conflicts.none')}</p>
          )}
        </section>
        <Tasks data={data} />
        <ReviewHistory reviews={data.reviews} timeZone={timeZone} />
      </div>
    </>
  )
}

function FamilyPage({ data }: { data: FamilyData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity, kind, timeZone } = data
  const separator = t('activities.view.separator')
  return (
    <>
      <PageHeader title={activity.title} lead={t(`activities.kinds.${activity.kind}`)} />
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('activities.view.details')}</h2>
        <dl className="facts">
          <TimeAndPlace activity={activity} timeZone={timeZone} />
          <Fact label={t('activities.family.concerns')}>
            {data.children
              .map((child) =>
                t('activities.family.child', {
                  name: child.name,
                  class: classLabel(locale, kind, {
                    gradeLevel: child.gradeLevel,
                    number: child.classNumber,
                    name: child.className,
                  }),
                }),
              )
              .join(separator)}
          </Fact>
          {data.guests.length ? (
            <Fact label={t('activities.view.guests')}>{data.guests.join(separator)}</Fact>
          ) : null}
          {activity.needsConsent ? (
            <>
              <Fact label={t('activities.form.transport')}>
                {activity.transport || t('activities.view.none')}
              </Fact>
              <Fact label={t('activities.family.contact')}>
                <Contact
                  name={activity.organiserName}
                  phone={activity.contactPhone}
                  fallback={t('activities.view.none')}
                />
              </Fact>
            </>
          ) : null}
        </dl>
        {activity.needsConsent ? (
          <p className="alert alert-info">
            {t('activities.family.consentNeeded')}{' '}
            <Link to="/family/consents">{t('activities.family.answerConsent')}</Link>
          </p>
        ) : (
          <p className="muted">{t('activities.family.consentNotNeeded')}</p>
        )}
        <Description text={activity.description} />
      </section>
    </>
  )
}

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
