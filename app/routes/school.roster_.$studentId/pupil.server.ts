import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import { ANONYMISE_FORM } from '~/components/anonymise-pupil'
import { mayAnonymiseNow } from '~/domain/retention'
import type { Relation } from '~/domain/roster-fields'
import {
  AnonymiseSchema,
  LinkGuardianSchema,
  NewGuardianSchema,
  PupilEditSchema,
  UnlinkGuardianSchema,
} from '~/domain/roster-schemas'
import { parseId } from '~/domain/schemas'
import { getPupil, listGuardiansOfPupil } from '~/models/pupils.server'
import { anonymisePupils } from '~/models/retention.server'
import {
  findParent,
  insertParentAccounts,
  isStudentNumberTaken,
  linkGuardian,
  listCurrentClasses,
  unlinkGuardian,
  updatePupil,
} from '~/models/roster.server'
import { auditedWrite, type Executor } from '~/services/audited-write.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { nowIso } from '~/utils/clock'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { deletePhotoFiles } from '~/utils/photo-files.server'
import { invalidForm, notFound } from '~/utils/responses'
import { isUniqueViolation } from '../../../db/errors'
import { generateOneTimePassword } from '../school.accounts/one-time-password.server'
import { type IssuedAccount, NO_STORE } from '../school.roster/roster-ui'

export async function requirePupil(user: SessionUser, studentId: string | undefined) {
  const id = parseId(studentId)
  const pupil = id ? await getPupil(db, { schoolId: user.schoolId, id }) : undefined
  if (!pupil) notFound()
  return pupil
}

export type Pupil = Awaited<ReturnType<typeof requirePupil>>
export type Reply = {
  form: string
  result: SubmissionResult<string[]>
  issued?: IssuedAccount
  /** The reason typed, while the admin confirms anonymising */
  confirming?: string
}

export async function savePupil(user: SessionUser, pupil: Pupil, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: PupilEditSchema })
  if (submission.status !== 'success') return invalidForm('pupil', submission.reply())
  const { studentNumber, name, classId, active } = submission.value
  const refuse = (field: 'studentNumber' | 'classId', message: string) =>
    invalidForm('pupil', submission.reply({ fieldErrors: { [field]: [message] } }))
  const classes = await listCurrentClasses(db, { schoolId })
  const current = classes.some((c) => c.id === classId)
  // A graduated pupil may keep last year's (archived) class, but only while they stay inactive.
  if (!current && classId !== pupil.classId) return refuse('classId', 'validation.unknownChoice')
  if (!current && active) return refuse('classId', 'roster.validation.archivedClass')
  if (await isStudentNumberTaken(db, { schoolId, studentNumber, exceptId: pupil.id })) {
    return refuse('studentNumber', 'roster.validation.numberTaken')
  }
  try {
    await auditedWrite(
      db,
      user,
      (trx) =>
        updatePupil(trx, {
          schoolId,
          id: pupil.id,
          classId,
          studentNumber,
          name,
          active,
          today: todayIn(user.school.timeZone),
        }),
      {
        action: 'pupil-updated',
        entity: 'student',
        entityId: pupil.id,
        detail: {
          from: {
            studentNumber: pupil.studentNumber,
            name: pupil.name,
            classId: pupil.classId,
            active: pupil.active,
          },
          to: { studentNumber, name, classId, active: active ? 1 : 0 },
        },
      },
    )
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('studentNumber', 'roster.validation.numberTaken')
    throw error
  }
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.pupil.saved')
}

/** Links the guardian to the pupil with its audit entry, in the caller's transaction if there is one. */
function linkAudited(
  db: Executor,
  user: SessionUser,
  pupil: Pupil,
  guardian: { id: number; username: string },
  relation: Relation,
) {
  return auditedWrite(
    db,
    user,
    (trx) => linkGuardian(trx, { guardianId: guardian.id, studentId: pupil.id, relation }),
    {
      action: 'guardian-linked',
      entity: 'student',
      entityId: pupil.id,
      detail: { guardianId: guardian.id, username: guardian.username, relation },
    },
  )
}

export async function linkExisting(user: SessionUser, pupil: Pupil, formData: FormData) {
  const submission = parseWithZod(formData, { schema: LinkGuardianSchema })
  if (submission.status !== 'success') return invalidForm('link-guardian', submission.reply())
  const { username, relation } = submission.value
  // Another school's account, a teacher's: the same answer, so usernames of other schools do not leak.
  const guardian = await findParent(db, { schoolId: user.schoolId, username })
  if (!guardian) {
    return invalidForm(
      'link-guardian',
      submission.reply({ fieldErrors: { username: ['roster.validation.noParent'] } }),
    )
  }
  await linkAudited(db, user, pupil, guardian, relation)
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.guardians.linked')
}

export async function createGuardian(user: SessionUser, pupil: Pupil, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: NewGuardianSchema })
  if (submission.status !== 'success') return invalidForm('new-guardian', submission.reply())
  const { guardianName, guardianPhone, relation } = submission.value
  // The phone is how an import recognises a parent: one with an account already gets this child too.
  const existing = await findParent(db, { schoolId, phone: guardianPhone })
  if (existing) {
    await linkAudited(db, user, pupil, existing, relation)
    return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.guardians.phoneKnown')
  }
  const password = generateOneTimePassword()
  // Hashed before the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const passwordHash = await hashPassword(password)
  const account = await db.transaction().execute(async (trx) => {
    const created = await auditedWrite(
      trx,
      user,
      async (t) => {
        const [one] = await insertParentAccounts(t, {
          schoolId,
          usernamePrefix: user.school.slug,
          accounts: [{ phone: guardianPhone, name: guardianName, passwordHash }],
        })
        if (!one) throw new Error('Guardian account not created')
        return one
      },
      (one) => ({
        action: 'account-created',
        entity: 'user',
        entityId: one.id,
        detail: { username: one.username, role: 'parent' },
      }),
    )
    await linkAudited(trx, user, pupil, created, relation)
    return created
  })
  return data<Reply>(
    {
      form: 'new-guardian',
      result: submission.reply({ resetForm: true }),
      issued: {
        displayName: account.displayName,
        username: account.username,
        password,
        pupils: [pupil.name],
      },
    },
    { headers: NO_STORE },
  )
}

export async function unlink(user: SessionUser, pupil: Pupil, formData: FormData) {
  const submission = parseWithZod(formData, { schema: UnlinkGuardianSchema })
  if (submission.status !== 'success') throw new Response('Bad guardian', { status: 400 })
  const { guardianId } = submission.value
  const guardians = await listGuardiansOfPupil(db, { schoolId: user.schoolId, studentId: pupil.id })
  const guardian = guardians.find((g) => g.id === guardianId)
  if (!guardian) notFound()
  await auditedWrite(db, user, (trx) => unlinkGuardian(trx, { guardianId, studentId: pupil.id }), {
    action: 'guardian-unlinked',
    entity: 'student',
    entityId: pupil.id,
    detail: { guardianId, username: guardian.username },
  })
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.guardians.unlinked')
}

export async function anonymise(user: SessionUser, pupil: Pupil, formData: FormData) {
  const submission = parseWithZod(formData, { schema: AnonymiseSchema })
  if (submission.status !== 'success') return invalidForm(ANONYMISE_FORM, submission.reply())
  if (!mayAnonymiseNow(pupil)) {
    const error = pupil.anonymisedAt ? 'retention.errors.already' : 'retention.errors.notDeparted'
    return invalidForm(ANONYMISE_FORM, submission.reply({ formErrors: [error] }))
  }
  const { reason, confirmed } = submission.value
  if (!confirmed) return data<Reply>({ form: ANONYMISE_FORM, result: submission.reply(), confirming: reason })
  const { fileKeys } = await db.transaction().execute((trx) =>
    anonymisePupils(trx, {
      schoolId: user.schoolId,
      pupils: [{ id: pupil.id, cause: { by: 'admin', userId: user.id, reason } }],
      at: nowIso(),
    }),
  )
  // Files go once the rows are gone for good; a file left behind is harmless, a row without its file is not.
  await Promise.all(fileKeys.map(deletePhotoFiles))
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'retention.done')
}
