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
import { notFound } from '~/utils/responses'

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
  const grade = await requireGrade(user.schoolId, form.gradeId)
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

/** A grade or class a form names must be this school's: 404 otherwise, like any foreign id. */
async function requireGrade(schoolId: number, id: number | null) {
  return (id ? await getGrade(db, { schoolId, id }) : undefined) ?? notFound()
}

async function requireClass(schoolId: number, id: number | null) {
  return (id ? await getClass(db, { schoolId, id }) : undefined) ?? notFound()
}

/**
 * The field message that refuses a class's head teacher or number, if any (teacher first); the
 * schema's refinement. Another school's grade, class or teacher answers 404.
 */
export async function classProblem(
  user: SessionUser,
  form: ClassFields & ({ gradeId: number } | { classId: number | null }),
): Promise<Record<string, string> | null> {
  const { schoolId } = user
  // Where the class is (or goes), and who heads it now: a deactivated head teacher may stay.
  const place =
    'classId' in form
      ? await requireClass(schoolId, form.classId)
      : { gradeId: (await requireGrade(schoolId, form.gradeId)).id, id: undefined, headTeacherId: null }
  const teacher = await headTeacherProblem(schoolId, form.headTeacherId, place.headTeacherId)
  if (teacher) return { headTeacherId: teacher }
  if (
    await isClassNumberTaken(db, {
      schoolId,
      gradeId: place.gradeId,
      number: form.number,
      exceptId: place.id,
    })
  ) {
    return { number: 'validation.classNumberTaken' }
  }
  return null
}

export async function addClass(user: SessionUser, form: ClassFields & { gradeId: number }) {
  const { schoolId } = user
  const { gradeId, number, headTeacherId } = form
  const grade = await requireGrade(schoolId, gradeId)
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

export async function editClass(user: SessionUser, form: ClassFields & { classId: number | null }) {
  const { schoolId } = user
  const existing = await requireClass(schoolId, form.classId)
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
