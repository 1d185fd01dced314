import type { Submission } from '@conform-to/react'
import { classNameZh, missingGrades } from '~/domain/grades'
import {
  getClass,
  getGrade,
  insertClass,
  insertGrades,
  isClassNumberTaken,
  listGrades,
  renameGrade,
  updateClass,
  updateSchoolProfile,
} from '~/models/school.server'
import { getAccount } from '~/models/users.server'
import { auditedWrite } from '~/services/audited-write.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { invalidForm, notFound } from '~/utils/responses'

type ClassFields = { number: number; name?: string; headTeacherId?: number }

export async function saveProfile(user: SessionUser, form: { name: string; district: string }) {
  const { name, district } = form
  await auditedWrite(
    db,
    user,
    (trx) => updateSchoolProfile(trx, { schoolId: user.schoolId, name, district }),
    {
      action: 'school-updated',
      entity: 'school',
      entityId: user.schoolId,
      detail: { name, district },
    },
  )
  return redirectWithFlash(user, '/school', 'school.profile.saved')
}

export async function createGrades(user: SessionUser) {
  const existing = await listGrades(db, { schoolId: user.schoolId })
  const missing = missingGrades(
    user.school.kind,
    existing.map((g) => g.level),
  )
  if (missing.length === 0) return redirectWithFlash(user, '/school#grades', 'school.grades.noneMissing')
  await auditedWrite(db, user, (trx) => insertGrades(trx, { schoolId: user.schoolId, grades: missing }), {
    action: 'grades-created',
    entity: 'school',
    entityId: user.schoolId,
    detail: { levels: missing.map((g) => g.level) },
  })
  return redirectWithFlash(user, '/school#grades', 'school.grades.created')
}

export async function saveGradeName(user: SessionUser, form: { gradeId: number | null; name: string }) {
  const grade = form.gradeId ? await getGrade(db, { schoolId: user.schoolId, id: form.gradeId }) : undefined
  if (!grade) notFound()
  const { name } = form
  await auditedWrite(db, user, (trx) => renameGrade(trx, { schoolId: user.schoolId, id: grade.id, name }), {
    action: 'grade-renamed',
    entity: 'grade',
    entityId: grade.id,
    detail: { from: grade.name, to: name },
  })
  return redirectWithFlash(user, '/school#grades', 'school.grades.renamed')
}

/**
 * A head teacher must be staff of this school. Another school's account answers 404 like any
 * foreign id; a parent, or a deactivated account newly chosen, is a field message.
 */
async function headTeacherProblem(
  schoolId: number,
  headTeacherId: number | undefined,
  currentId: number | null,
): Promise<string | null> {
  if (headTeacherId === undefined) return null
  const candidate = await getAccount(db, { schoolId, id: headTeacherId })
  if (!candidate) notFound()
  if (candidate.role === 'parent') return 'validation.unknownChoice'
  if (!candidate.active && candidate.id !== currentId) return 'validation.unknownChoice'
  return null
}

/** The field message that refuses a class's number or head teacher, if any; teacher first. */
async function classProblem(
  user: SessionUser,
  form: ClassFields,
  where: { gradeId: number; exceptId?: number; currentHeadId: number | null },
): Promise<Record<string, string[]> | null> {
  const { schoolId } = user
  const teacher = await headTeacherProblem(schoolId, form.headTeacherId, where.currentHeadId)
  if (teacher) return { headTeacherId: [teacher] }
  const { gradeId, exceptId } = where
  if (await isClassNumberTaken(db, { schoolId, gradeId, number: form.number, exceptId })) {
    return { number: ['validation.classNumberTaken'] }
  }
  return null
}

export async function addClass(
  user: SessionUser,
  submission: Submission<unknown>,
  form: ClassFields & { gradeId: number },
) {
  const { schoolId } = user
  const { gradeId, number, headTeacherId } = form
  const grade = await getGrade(db, { schoolId, id: gradeId })
  if (!grade) notFound()
  const fieldErrors = await classProblem(user, form, { gradeId, currentHeadId: null })
  if (fieldErrors) return invalidForm('add-class', submission.reply({ fieldErrors }))
  const name = form.name ?? classNameZh(user.school.kind, grade.level, number)
  const values = { schoolId, gradeId, number, name, headTeacherId: headTeacherId ?? null }
  await auditedWrite(
    db,
    user,
    (trx) => insertClass(trx, values),
    (id) => ({
      action: 'class-created',
      entity: 'class',
      entityId: id,
      detail: { name, headTeacherId: values.headTeacherId },
    }),
  )
  return redirectWithFlash(user, '/school#classes', 'school.classes.added')
}

export async function editClass(
  user: SessionUser,
  submission: Submission<unknown>,
  form: ClassFields & { classId: number | null },
) {
  const { schoolId } = user
  const existing = form.classId ? await getClass(db, { schoolId, id: form.classId }) : undefined
  if (!existing) notFound()
  const where = { gradeId: existing.gradeId, exceptId: existing.id, currentHeadId: existing.headTeacherId }
  const fieldErrors = await classProblem(user, form, where)
  if (fieldErrors) return invalidForm(`edit-class-${existing.id}`, submission.reply({ fieldErrors }))
  const { number } = form
  const name = form.name ?? classNameZh(user.school.kind, existing.gradeLevel, number)
  const headTeacherId = form.headTeacherId ?? null
  await auditedWrite(
    db,
    user,
    (trx) => updateClass(trx, { schoolId, id: existing.id, number, name, headTeacherId }),
    {
      action: 'class-updated',
      entity: 'class',
      entityId: existing.id,
      detail: { name, number, headTeacherId },
    },
  )
  return redirectWithFlash(user, '/school#classes', 'school.classes.updated')
}
