import {
  correctEntry,
  extendNoticeWindow,
  findUnclosedWindow,
  hasOpenDispute,
  insertDispute,
  listGuardianIdsOfWindow,
  openNoticeWindow,
  resolveDispute,
} from '~/models/notices.server'
import { listReviewerIds, markActedOn, notify } from '~/models/notifications.server'
import type { ParticipationRole } from '../../db/schema'
import { type Actor, auditedWrite, type Executor } from './audited-write.server'

/**
 * Opens a notice window on a class's pending entries and tells their guardians, or refuses (writing
 * nothing) when the class already has an unclosed window or no entry waits. Checked inside the
 * transaction, so a double-clicked submit finds the first click's window.
 */
export async function openWindow(
  db: Executor,
  actor: Actor,
  input: {
    schoolClass: { id: number; name: string }
    opensOn: string
    closesOn: string
    today: string
  },
): Promise<
  | { refused: 'notices.validation.windowExists' | 'notices.validation.noEntries' }
  | { id: number; entries: number }
> {
  const { schoolId } = actor
  const { schoolClass, opensOn, closesOn } = input
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      if (await findUnclosedWindow(trx, { schoolId, classId: schoolClass.id, today: input.today })) {
        return { refused: 'notices.validation.windowExists' as const }
      }
      const opened = await openNoticeWindow(trx, {
        schoolId,
        classId: schoolClass.id,
        opensOn,
        closesOn,
        createdBy: actor.id,
      })
      if (!opened) return { refused: 'notices.validation.noEntries' as const }
      await notify(trx, {
        schoolId,
        userIds: await listGuardianIdsOfWindow(trx, { schoolId, windowId: opened.id }),
        kind: 'notice-opened',
        entity: 'notice',
        entityId: opened.id,
        params: { classId: schoolClass.id, closesOn },
      })
      return opened
    },
    (outcome) =>
      'refused' in outcome
        ? null
        : {
            action: 'notice-opened',
            entity: 'notice',
            entityId: outcome.id,
            detail: { className: schoolClass.name, opensOn, closesOn, entries: outcome.entries },
          },
  )
}

/** Moves a window's last day; false (nothing written) when it already moved: a second click, or another admin. */
export async function extendWindow(
  db: Executor,
  actor: Actor,
  { window, closesOn }: { window: { id: number; className: string; closesOn: string }; closesOn: string },
): Promise<boolean> {
  return auditedWrite(
    db,
    actor,
    (trx) =>
      extendNoticeWindow(trx, { schoolId: actor.schoolId, id: window.id, from: window.closesOn, closesOn }),
    (moved) =>
      moved
        ? {
            action: 'notice-extended',
            entity: 'notice',
            entityId: window.id,
            detail: { className: window.className, from: window.closesOn, to: closesOn },
          }
        : null,
  )
}

/** A guardian's dispute of one entry, told to the class head and the admins; false when one is already open. */
export async function raiseDispute(
  db: Executor,
  actor: Actor,
  {
    entry,
    reason,
  }: {
    entry: {
      id: number
      windowId: number
      headTeacherId: number | null
      studentName: string
      activityTitle: string
    }
    reason: string
  },
): Promise<boolean> {
  const { schoolId } = actor
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      // Inside the transaction: a double-clicked submit finds the first click's dispute.
      if (await hasOpenDispute(trx, { schoolId, participationId: entry.id })) return null
      const disputeId = await insertDispute(trx, {
        schoolId,
        windowId: entry.windowId,
        participationId: entry.id,
        guardianId: actor.id,
        reason,
      })
      const admins = await listReviewerIds(trx, { schoolId })
      await notify(trx, {
        schoolId,
        userIds: entry.headTeacherId === null ? admins : [entry.headTeacherId, ...admins],
        kind: 'dispute-raised',
        entity: 'notice',
        entityId: entry.windowId,
        params: { disputeId, child: entry.studentName, title: entry.activityTitle, reason },
      })
      return disputeId
    },
    (disputeId) =>
      disputeId === null
        ? null
        : {
            action: 'dispute-raised',
            entity: 'notice',
            entityId: entry.windowId,
            detail: {
              disputeId,
              participationId: entry.id,
              child: entry.studentName,
              title: entry.activityTitle,
            },
          },
  ).then((disputeId) => disputeId !== null)
}

/** Thrown inside the decision's transaction to undo its writes when the entry changed meanwhile. */
class EntryChanged extends Error {}

/**
 * Decides an open dispute, upholding (and correcting the entry's hours and role as asked) or
 * rejecting it, and tells the guardian. Answers 'already' when someone decided it first, and
 * 'entry-changed', having written nothing, when the entry was saved since `revision` was read.
 */
export async function decideDispute(
  db: Executor,
  actor: Actor,
  {
    windowId,
    dispute,
    status,
    resolution,
    correction,
  }: {
    windowId: number
    dispute: {
      id: number
      participationId: number
      guardianId: number | null
      studentName: string
      activityTitle: string
      hours: number | null
      role: ParticipationRole
    }
    status: 'upheld' | 'rejected'
    resolution: string
    /** The entry as it should read, when upholding changes it. */
    correction: { revision: number; hours: number | null; role: ParticipationRole } | null
  },
): Promise<'resolved' | 'already' | 'entry-changed'> {
  const { schoolId } = actor
  try {
    return await auditedWrite(
      db,
      actor,
      async (trx) => {
        const resolved = await resolveDispute(trx, {
          schoolId,
          id: dispute.id,
          status,
          resolution,
          by: actor.id,
        })
        if (!resolved) return 'already' as const
        await markActedOn(trx, {
          schoolId,
          userId: actor.id,
          entity: 'notice',
          entityIds: [windowId],
          kinds: ['dispute-raised'],
          about: { disputeId: dispute.id },
        })
        if (correction) {
          const corrected = await correctEntry(trx, {
            schoolId,
            id: dispute.participationId,
            ...correction,
            by: actor.id,
          })
          if (!corrected) throw new EntryChanged()
        }
        if (dispute.guardianId !== null) {
          await notify(trx, {
            schoolId,
            userIds: [dispute.guardianId],
            kind: status === 'upheld' ? 'dispute-upheld' : 'dispute-rejected',
            entity: 'notice',
            entityId: windowId,
            params: { disputeId: dispute.id, title: dispute.activityTitle, resolution },
          })
        }
        return 'resolved' as const
      },
      (outcome) =>
        outcome === 'already'
          ? null
          : {
              action: `dispute-${status}`,
              entity: 'notice',
              entityId: windowId,
              detail: {
                disputeId: dispute.id,
                participationId: dispute.participationId,
                child: dispute.studentName,
                resolution,
                ...(correction
                  ? {
                      from: { hours: dispute.hours, role: dispute.role },
                      to: { hours: correction.hours, role: correction.role },
                    }
                  : {}),
              },
            },
    )
  } catch (error) {
    // Inside a caller's transaction the whole of it must roll back, so the error goes on.
    if (!(error instanceof EntryChanged) || db.isTransaction) throw error
    return 'entry-changed'
  }
}
