import type { AppLoadContext } from '@remix-run/node'
import { type AuditedRead, recordRead } from '~/models/audit.server'
import { clientAddress, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'

/**
 * Records a staff member's read of pupils' data (PIPL: who, what, when, from where). Only staff
 * reach the audited pages; a guardian reading their own child's record is not audited.
 */
export function auditRead(
  user: SessionUser,
  context: AppLoadContext | undefined,
  read: Omit<AuditedRead, 'schoolId' | 'userId' | 'clientAddress'>,
): Promise<void> {
  return recordRead(db, {
    ...read,
    schoolId: user.schoolId,
    userId: user.id,
    clientAddress: clientAddress(context),
  })
}
