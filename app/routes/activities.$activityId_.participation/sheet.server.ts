import type { Transaction } from 'kysely'
import {
  buildSheet,
  type Defaults,
  defaultHours,
  defaultRole,
  type PostedRow,
  planSave,
  type SavePlan,
  type SheetRow,
} from '~/domain/participation'
import { instantRangeOfDays, localDay } from '~/domain/school-time'
import { recordAudit } from '~/models/audit.server'
import { requestConsents } from '~/models/consents.server'
import {
  deleteUnmarkedAddedPupil,
  findActivePupils,
  insertAddedPupils,
  listSheetEntries,
  type SheetActivity,
  StaleSheetError,
  sumOtherHours,
  writeEntries,
} from '~/models/participation.server'
import type { SessionUser } from '~/utils/auth.server'
import { nowIso } from '~/utils/clock'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import type { Database } from '../../../db/schema'

export function defaultsOf(activity: Pick<SheetActivity, 'kind' | 'practiceHours'>): Defaults {
  return { hours: defaultHours(activity.practiceHours), role: defaultRole(activity.kind) }
}

/** The sheet as stored now, its closed notice periods locked as of today in the school. */
export async function loadSheet(
  executor: typeof db | Transaction<Database>,
  user: SessionUser,
  activity: SheetActivity,
): Promise<SheetRow[]> {
  const entries = await listSheetEntries(executor, { schoolId: user.schoolId, activity })
  return buildSheet({ ...entries, today: todayIn(user.school.timeZone) })
}

export type SaveResult = { plan: SavePlan; sheet: SheetRow[] }

/**
 * Reads the sheet, decides and writes in one transaction, so what the plan was made from is what it
 * changes. Should another save slip in between anyway (a database that runs transactions side by
 * side), the revision guard of the write undoes this one and it is decided again, now as a conflict.
 */
export async function saveSheet(
  user: SessionUser,
  activity: SheetActivity,
  { rows, allPresent }: { rows: readonly (PostedRow | undefined)[]; allPresent: boolean },
): Promise<SaveResult> {
  const { schoolId, school } = user
  const day = localDay(activity.startsAt, school.timeZone)
  const { from, to } = instantRangeOfDays(day, day, school.timeZone)
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const sheet = await loadSheet(trx, user, activity)
        const onSheet = new Set(sheet.map((row) => row.studentId))
        const offSheet = rows.flatMap((row) => (row && !onSheet.has(row.studentId) ? [row.studentId] : []))
        const [schoolPupils, otherHours] = await Promise.all([
          findActivePupils(trx, { schoolId, ids: offSheet }),
          sumOtherHours(trx, { schoolId, activityId: activity.id, studentIds: [...onSheet], from, to }),
        ])
        const plan = planSave({
          posted: rows,
          allPresent,
          sheet,
          schoolPupilIds: new Set(schoolPupils.map((pupil) => pupil.id)),
          defaults: defaultsOf(activity),
          otherHours,
        })
        if (plan.kind !== 'ok' || plan.writes.length === 0) return { plan, sheet }
        await writeEntries(trx, {
          schoolId,
          activityId: activity.id,
          userId: user.id,
          writes: plan.writes,
          classOf: new Map(sheet.map((row) => [row.studentId, row.classId])),
          now: nowIso(),
        })
        await recordAudit(trx, {
          schoolId,
          userId: user.id,
          action: 'participation-saved',
          entity: 'activity',
          entityId: activity.id,
          detail: { title: activity.title, changed: plan.writes.length, allPresent, ...plan.counts },
        })
        return { plan, sheet }
      })
    } catch (error) {
      if (error instanceof StaleSheetError && attempt < 2) continue
      throw error
    }
  }
}

/**
 * Puts pupils on the sheet as added, unmarked rows, skipping any already on it, and asks their
 * guardians for consent when the activity needs it. Returns how many joined.
 */
export async function addToSheet(
  user: SessionUser,
  activity: SheetActivity,
  pupils: readonly { id: number; classId: number }[],
): Promise<number> {
  const { schoolId } = user
  // Pupils of a target class are on the sheet already, with or without a stored row.
  const joining = pupils.filter((pupil) => !activity.classIds.includes(pupil.classId))
  if (joining.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    const added = await insertAddedPupils(trx, {
      schoolId,
      activityId: activity.id,
      userId: user.id,
      pupils: joining,
      role: defaultRole(activity.kind),
      now: nowIso(),
    })
    if (added === 0) return 0
    await requestConsents(trx, { schoolId, activityId: activity.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'participation-pupils-added',
      entity: 'activity',
      entityId: activity.id,
      detail: { title: activity.title, added },
    })
    return added
  })
}

export async function removeFromSheet(
  user: SessionUser,
  activity: SheetActivity,
  studentId: number,
): Promise<boolean> {
  const { schoolId } = user
  return db.transaction().execute(async (trx) => {
    const removed = await deleteUnmarkedAddedPupil(trx, { schoolId, activityId: activity.id, studentId })
    if (!removed) return false
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'participation-pupil-removed',
      entity: 'activity',
      entityId: activity.id,
      detail: { title: activity.title, studentId },
    })
    return true
  })
}
