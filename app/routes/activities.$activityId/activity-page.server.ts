import type { Submission } from '@conform-to/react'
import { isEditable, isVisibleToFamilies } from '~/domain/approval'
import { can } from '~/domain/permissions'
import { diffActivity, parseSnapshot } from '~/domain/programme-diff'
import {
  type ActivityDetail,
  deleteTask,
  type getTask,
  insertTasks,
  listTasks,
  updateTask,
} from '~/models/activities.server'
import { findActivityConflicts } from '~/models/activity-context.server'
import { listChildrenLinkedToActivity, listChildrenOfGuardian } from '~/models/family.server'
import { activitySnapshot, lastDecidedSnapshot, listReviews } from '~/models/reviews.server'
import { listClassOptions, listGrades } from '~/models/school.server'
import { getSeason } from '~/models/seasons.server'
import { listTeachers } from '~/models/users.server'

import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { invalidForm, notFound } from '~/utils/responses'

export async function familyView(user: SessionUser, activity: ActivityDetail) {
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

export async function staffView(user: SessionUser, activity: ActivityDetail) {
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
    can(user.role, 'plan:review') && activity.status === 'submitted' && isDecidedAlone(season.status)
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
    canResubmit: editable && canResubmitActivity(activity.status, season.status, user.role),
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

type Task = NonNullable<Awaited<ReturnType<typeof getTask>>>

export async function addTask(
  user: SessionUser,
  activity: ActivityDetail,
  submission: Submission<unknown>,
  task: { title: string; ownerId?: number; dueOn?: string },
) {
  const { schoolId } = user
  if (task.ownerId) {
    const staff = await listTeachers(db, { schoolId })
    if (!staff.some((person) => person.id === task.ownerId)) {
      return invalidForm(
        'add-task',
        submission.reply({ fieldErrors: { ownerId: ['validation.unknownChoice'] } }),
      )
    }
  }
  const values = { title: task.title, ownerId: task.ownerId ?? null, dueOn: task.dueOn ?? null }
  await auditedWrite(
    db,
    user,
    async (trx) => {
      // A double-clicked submit: the first click's open task is the answer to the second.
      const open = (await listTasks(trx, { schoolId, activityId: activity.id })).filter((t) => !t.doneAt)
      const twin = open.some(
        (t) => t.title === values.title && t.ownerId === values.ownerId && t.dueOn === values.dueOn,
      )
      if (!twin) await insertTasks(trx, { schoolId, activityId: activity.id, tasks: [values] })
      return !twin
    },
    (added) =>
      added ? { action: 'task-created', entity: 'activity', entityId: activity.id, detail: values } : null,
  )
  return redirectWithFlash(user, `/activities/${activity.id}#tasks`, 'activities.flash.taskAdded')
}

export async function toggleTask(user: SessionUser, activity: ActivityDetail, task: Task, done: boolean) {
  await auditedWrite(db, user, (trx) => updateTask(trx, { schoolId: user.schoolId, id: task.id, done }), {
    action: 'task-updated',
    entity: 'activity',
    entityId: activity.id,
    detail: { taskId: task.id, title: task.title, done },
  })
  return redirectWithFlash(user, `/activities/${activity.id}#tasks`, 'activities.flash.taskUpdated')
}

export async function deleteTaskOf(user: SessionUser, activity: ActivityDetail, task: Task) {
  await auditedWrite(db, user, (trx) => deleteTask(trx, { schoolId: user.schoolId, id: task.id }), {
    action: 'task-deleted',
    entity: 'activity',
    entityId: activity.id,
    detail: { taskId: task.id, title: task.title },
  })
  return redirectWithFlash(user, `/activities/${activity.id}#tasks`, 'activities.flash.taskDeleted')
}

import { canResubmitActivity, isDecidedAlone } from '~/domain/approval'
import { auditedWrite } from '~/services/audited-write.server'
