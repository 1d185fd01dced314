import { canReadRecap, type RecapReader } from '~/domain/recap-privacy'
import { parseId } from '~/domain/schemas'
import { childrenOfGuardian } from '~/models/family.server'
import { getRecap } from '~/models/recaps.server'
import type { SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { notFound } from '~/utils/responses'

/** Staff read as staff; a parent with the grades and classes of their own children. */
async function readerOf(user: SessionUser): Promise<RecapReader> {
  if (user.role !== 'parent') return { kind: 'staff', userId: user.id, isAdmin: user.role === 'admin' }
  const children = await childrenOfGuardian(db, { schoolId: user.schoolId, guardianId: user.id })
    .select(['grades.id as gradeId', 'classes.id as classId'])
    .execute()
  return {
    kind: 'parent',
    gradeIds: children.map((c) => c.gradeId),
    classIds: children.map((c) => c.classId),
  }
}

/** The recap, if this person may read it; anyone else, in this school or not, finds nothing. */
export async function requireReadableRecap(user: SessionUser, recapId: string | undefined) {
  const id = parseId(recapId)
  const recap = id ? await getRecap(db, { schoolId: user.schoolId, id }) : undefined
  if (!recap) notFound()
  const reader = await readerOf(user)
  if (!canReadRecap(recap, reader)) notFound()
  return { recap, reader }
}
