import QRCode from 'qrcode'
import { parseId } from '~/domain/schemas'
import { familiesOf, type SlipFamily } from '~/domain/sign-in-slips'
import { recordAudit } from '~/models/audit.server'
import { findGradeByLevel } from '~/models/calendar.server'
import { getClass } from '~/models/school.server'
import { deleteSessionsOfUser } from '~/models/sessions.server'
import { listPupilGuardians, type SlipScope } from '~/models/sign-in-slips.server'
import { setPassword } from '~/models/users.server'
import type { SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'
import { generateOneTimePassword } from '../school.accounts/one-time-password.server'

export type SlipTarget = {
  scope: SlipScope
  /** What the audit entry is about */
  entity: 'class' | 'grade'
  entityId: number
  /** What the page is titled with (labelled in the reader's language there) */
  label: { gradeLevel: number; number: number; name: string } | { level: number; name: string }
  /** The class page to go back to */
  classId: number | null
}

/**
 * The class (`?class=<id>`: its head teacher or an admin) or grade (`?grade=<level>`: admins) the
 * slips are for. Anything else, another school's class included, is a 404: a teacher learns
 * nothing about classes that are not theirs.
 */
export async function requireSlipTarget(user: SessionUser, params: URLSearchParams): Promise<SlipTarget> {
  const { schoolId } = user
  const classId = parseId(params.get('class'))
  if (classId) {
    const schoolClass = await getClass(db, { schoolId, id: classId })
    if (!schoolClass) notFound()
    if (user.role !== 'admin' && schoolClass.headTeacherId !== user.id) notFound()
    return {
      scope: { schoolId, classId: schoolClass.id },
      entity: 'class',
      entityId: schoolClass.id,
      label: { gradeLevel: schoolClass.gradeLevel, number: schoolClass.number, name: schoolClass.name },
      classId: schoolClass.id,
    }
  }
  const level = parseId(params.get('grade'))
  if (!level || user.role !== 'admin') notFound()
  const grade = await findGradeByLevel(db, { schoolId, level })
  if (!grade) notFound()
  return {
    scope: { schoolId, gradeId: grade.id },
    entity: 'grade',
    entityId: grade.id,
    label: { level: grade.level, name: grade.name },
    classId: null,
  }
}

export async function listFamilies(target: SlipTarget) {
  return familiesOf(await listPupilGuardians(db, target.scope))
}

export type IssuedSlip = SlipFamily & { password: string }

/**
 * New one-time passwords for `families`: stored hashed with must-change, their sessions ended, one
 * audit entry. The passwords exist in clear only in the answer that prints them.
 */
export async function issueOneTimePasswords(
  user: SessionUser,
  target: SlipTarget,
  families: readonly SlipFamily[],
  action: 'sign-in-slips-printed' | 'password-reset',
): Promise<IssuedSlip[]> {
  const issued = families.map((family) => ({ ...family, password: generateOneTimePassword() }))
  // Hashed before the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const hashes = await Promise.all(issued.map((slip) => hashPassword(slip.password)))
  await db.transaction().execute(async (trx) => {
    for (const [index, slip] of issued.entries()) {
      await setPassword(trx, {
        schoolId: user.schoolId,
        id: slip.guardianId,
        passwordHash: hashes[index] ?? '',
        mustChangePassword: true,
      })
      await deleteSessionsOfUser(trx, { userId: slip.guardianId })
    }
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action,
      entity: action === 'password-reset' ? 'user' : target.entity,
      entityId: action === 'password-reset' ? (issued[0]?.guardianId ?? null) : target.entityId,
      detail:
        action === 'password-reset'
          ? { username: issued[0]?.username, [target.entity]: target.entityId }
          : { count: issued.length },
    })
  })
  return issued
}

/** The school's own sign-in address (a phone signs in there directly) and its QR code, as SVG. */
export async function signInAddress(slug: string): Promise<{ url: string; qrSvg: string }> {
  const url = `${publicOrigin()}/login?school=${encodeURIComponent(slug)}`
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { url, qrSvg }
}
