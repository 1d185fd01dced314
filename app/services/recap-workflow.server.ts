import type { Transaction } from 'kysely'
import {
  MAX_PHOTOS_PER_RECAP,
  nextRecapStatus,
  type RecapActor,
  type RecapState,
  type RecapStep,
  recapStepRecipients,
  STEP_EVENTS,
} from '~/domain/recap-lifecycle'
import type { AuditEntry } from '~/models/audit.server'
import { ANSWERED_BY, listReviewerIds, markActedOn, notify } from '~/models/notifications.server'
import {
  countPhotos,
  deletePhoto,
  getRecapStatus,
  insertPhoto,
  insertRecap,
  insertRecapEvent,
  movePhoto,
  moveRecapStatus,
  type RecapInput,
  setCover,
  touchRecap,
  updatePhoto,
  updateRecap,
} from '~/models/recaps.server'
import type { Database } from '../../db/schema'
import { type Actor, auditedWrite, type Executor } from './audited-write.server'

/** A new draft with its links, its `created` history row and its audit row, in one transaction. */
export async function createRecap(db: Executor, actor: Actor, input: RecapInput): Promise<number> {
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      const id = await insertRecap(trx, { schoolId: actor.schoolId, authorId: actor.id, input })
      await insertRecapEvent(trx, {
        schoolId: actor.schoolId,
        recapId: id,
        actorId: actor.id,
        action: 'created',
      })
      return id
    },
    (id) => ({
      action: 'recap-created',
      entity: 'recap',
      entityId: id,
      detail: { title: input.title, audience: input.audience, activityIds: input.activityIds },
    }),
  )
}

/**
 * One review step (submit, publish, return, unpublish) in one transaction: the status moves as the
 * lifecycle allows, then the history row, the audit row and the notifications. Answers false, having
 * written nothing, when the step does not apply or the recap had already moved on (a second click,
 * or a second admin).
 */
export async function takeRecapStep(
  db: Executor,
  actor: Actor & { role: RecapActor['role'] },
  {
    recap,
    step,
    comment,
  }: { recap: RecapState & { id: number; title: string }; step: RecapStep; comment: string },
): Promise<boolean> {
  const to = nextRecapStatus(recap, step, { userId: actor.id, role: actor.role })
  if (to === null) return false
  const { schoolId } = actor
  const event = STEP_EVENTS[step]
  const from = recap.status
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      const moved = await moveRecapStatus(trx, {
        schoolId,
        recapId: recap.id,
        from,
        to,
        event,
        actorId: actor.id,
      })
      if (!moved) return false
      await insertRecapEvent(trx, { schoolId, recapId: recap.id, actorId: actor.id, action: event, comment })
      // Deciding answers the decider's "waiting for you"; resubmitting, the author's "returned".
      const decided = event === 'published' || event === 'returned'
      const answered = decided
        ? ANSWERED_BY.decision.recap
        : event === 'submitted'
          ? ANSWERED_BY.resubmission.recap
          : []
      await markActedOn(trx, {
        schoolId,
        userId: actor.id,
        entity: 'recap',
        entityIds: [recap.id],
        kinds: answered,
      })
      if (event !== 'unpublished') {
        const adminIds = event === 'submitted' ? await listReviewerIds(trx, { schoolId }) : []
        await notify(trx, {
          schoolId,
          userIds: recapStepRecipients(step, { authorId: recap.authorId, adminIds, actorId: actor.id }),
          kind: `recap-${event}`,
          entity: 'recap',
          entityId: recap.id,
          params: { title: recap.title, comment },
        })
      }
      return true
    },
    (moved) =>
      moved
        ? {
            action: `recap-${event}`,
            entity: 'recap',
            entityId: recap.id,
            detail: { title: recap.title, from, to, ...(comment ? { comment } : {}) },
          }
        : null,
  )
}

/** The statuses an edit may still change: anything not published (see canEditRecap). */
export const EDITABLE = ['draft', 'in_review', 'returned'] as const

type Entry = Omit<AuditEntry, 'schoolId' | 'userId'>

/**
 * Runs a change to a recap still open to editing, with its audit entry, in one transaction: the
 * status is read again inside it, so a recap published meanwhile is left alone. Answers the
 * change's result, or null (nothing written) when the recap was no longer open.
 */
async function whileEditable<T>(
  db: Executor,
  actor: Actor,
  recapId: number,
  write: (trx: Transaction<Database>) => Promise<T>,
  entry: (result: T) => Entry | null,
): Promise<T | null> {
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      const status = await getRecapStatus(trx, { schoolId: actor.schoolId, id: recapId })
      if (!status || !(EDITABLE as readonly string[]).includes(status)) return null
      return write(trx)
    },
    (result) => (result === null ? null : entry(result)),
  )
}

/** Saves an edit of the text, season, activities and audience; false when the recap was published meanwhile. */
export async function saveRecapEdit(
  db: Executor,
  actor: Actor,
  { recapId, input }: { recapId: number; input: RecapInput },
): Promise<boolean> {
  return auditedWrite(
    db,
    actor,
    (trx) => updateRecap(trx, { schoolId: actor.schoolId, id: recapId, input, statuses: EDITABLE }),
    (saved) =>
      saved
        ? {
            action: 'recap-updated',
            entity: 'recap',
            entityId: recapId,
            detail: { title: input.title, audience: input.audience, activityIds: input.activityIds },
          }
        : null,
  )
}

type PhotoInput = { caption: string; showsPupils: boolean; pupilIds: readonly number[] }

/**
 * Adds a stored photo's row, last in the recap. Answers 'full' at the limit (counted inside the
 * transaction: two uploads at once cannot make a thirteenth photo), null when no longer editable.
 */
export async function addRecapPhoto(
  db: Executor,
  actor: Actor,
  {
    recapId,
    file,
    photo,
  }: {
    recapId: number
    file: { fileKey: string; width: number; height: number; bytes: number }
    photo: PhotoInput
  },
): Promise<{ photoId: number } | 'full' | null> {
  const { schoolId } = actor
  return whileEditable(
    db,
    actor,
    recapId,
    async (trx) => {
      if ((await countPhotos(trx, { schoolId, recapId })) >= MAX_PHOTOS_PER_RECAP) return 'full' as const
      const photoId = await insertPhoto(trx, { schoolId, recapId, ...file, ...photo, createdBy: actor.id })
      await touchRecap(trx, { schoolId, id: recapId })
      return { photoId }
    },
    (added) =>
      added === 'full'
        ? null
        : {
            action: 'photo-added',
            entity: 'recap',
            entityId: recapId,
            detail: { photoId: added.photoId, caption: photo.caption, pupils: photo.pupilIds.length },
          },
  )
}

/** A photo's caption and the pupils it shows; false when the recap is no longer editable. */
export async function editRecapPhoto(
  db: Executor,
  actor: Actor,
  { recapId, photoId, photo }: { recapId: number; photoId: number; photo: PhotoInput },
): Promise<boolean> {
  const { schoolId } = actor
  const edited = await whileEditable(
    db,
    actor,
    recapId,
    async (trx) => {
      await updatePhoto(trx, { schoolId, recapId, id: photoId, ...photo })
      await touchRecap(trx, { schoolId, id: recapId })
      return true
    },
    () => ({
      action: 'photo-updated',
      entity: 'recap',
      entityId: recapId,
      detail: { photoId, caption: photo.caption, pupils: photo.pupilIds.length },
    }),
  )
  return edited !== null
}

/** Deletes a photo's row (the caller deletes its files once this has committed); false when not editable. */
export async function removeRecapPhoto(
  db: Executor,
  actor: Actor,
  { recapId, photo }: { recapId: number; photo: { id: number; caption: string } },
): Promise<boolean> {
  const { schoolId } = actor
  const removed = await whileEditable(
    db,
    actor,
    recapId,
    async (trx) => {
      await deletePhoto(trx, { schoolId, recapId, id: photo.id })
      await touchRecap(trx, { schoolId, id: recapId })
      return true
    },
    () => ({
      action: 'photo-deleted',
      entity: 'recap',
      entityId: recapId,
      detail: { photoId: photo.id, caption: photo.caption },
    }),
  )
  return removed !== null
}

/** Makes a photo the cover, or moves it one place; false when the recap is no longer editable. */
export async function arrangeRecapPhoto(
  db: Executor,
  actor: Actor,
  { recapId, photoId, how }: { recapId: number; photoId: number; how: 'cover' | 'up' | 'down' },
): Promise<boolean> {
  const { schoolId } = actor
  const arranged = await whileEditable(
    db,
    actor,
    recapId,
    async (trx) => {
      if (how === 'cover') {
        await setCover(trx, { schoolId, recapId, photoId })
        return true
      }
      const moved = await movePhoto(trx, { schoolId, recapId, id: photoId, direction: how })
      if (moved) await touchRecap(trx, { schoolId, id: recapId })
      return moved
    },
    // Already first or last: nothing moved, nothing to record.
    (changed) =>
      changed
        ? {
            action: 'photo-updated',
            entity: 'recap',
            entityId: recapId,
            detail: how === 'cover' ? { photoId, cover: true } : { photoId, moved: how },
          }
        : null,
  )
  return arranged !== null
}
