import { type Kysely, sql, type Transaction } from 'kysely'
import type { RosterClass, RosterRow } from '~/domain/roster-csv'
import type { Relation } from '~/domain/roster-fields'
import { type ImportPlan, planRosterImport, type RosterState } from '~/domain/roster-import'
import {
  followingYear,
  planClassMoves,
  type RolloverClass,
  type RolloverPlan,
  rosterYear,
  type YearRange,
} from '~/domain/roster-rollover'
import { chunks } from '../../db/query'
import type { Database, SchoolKind } from '../../db/schema'
import { recordAudit } from './audit.server'
import { listAcademicYears, listGrades } from './school.server'

type Executor = Kysely<Database> | Transaction<Database>

/** The school's current (not archived) classes: what an import matches and forms offer. */
export async function listCurrentClasses(
  db: Executor,
  { schoolId }: { schoolId: number },
): Promise<(RosterClass & { gradeId: number })[]> {
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id',
      'classes.name',
      'classes.number',
      'grades.level as gradeLevel',
      'grades.id as gradeId',
    ])
    .where('classes.school_id', '=', schoolId)
    .where('classes.archived_at', 'is', null)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
}

/** Classes of the school by id, archived ones too (a pupil's class before an import moves them). */
export async function listClassesByIds(db: Executor, { schoolId, ids }: { schoolId: number; ids: number[] }) {
  if (ids.length === 0) return []
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select(['classes.id', 'classes.name', 'classes.number', 'grades.level as gradeLevel'])
    .where('classes.school_id', '=', schoolId)
    .where('classes.id', 'in', ids)
    .execute()
}

/** Each current class with its active pupils and how many of them have a guardian account. */
export async function listRosterOverview(db: Executor, { schoolId }: { schoolId: number }) {
  const rows = await db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('students', (join) =>
      join.onRef('students.class_id', '=', 'classes.id').on('students.active', '=', 1),
    )
    .select((eb) => [
      'classes.id',
      'classes.name',
      'classes.number',
      'grades.level as gradeLevel',
      'grades.name as gradeName',
      eb.fn.count<number>('students.id').as('pupils'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('guardianships')
                  .select('guardianships.id')
                  .whereRef('guardianships.student_id', '=', 'students.id'),
              ),
            )
            .then(1)
            .end(),
        )
        .as('withGuardian'),
    ])
    .where('classes.school_id', '=', schoolId)
    .where('classes.archived_at', 'is', null)
    .groupBy(['classes.id', 'classes.name', 'classes.number', 'grades.level', 'grades.name'])
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
  return rows.map((r) => ({ ...r, pupils: Number(r.pupils), withGuardian: Number(r.withGuardian) }))
}

// ─── Import ───────────────────────────────────────────────────────────────────────────────────

/**
 * What the import's plan needs of the school as it is: the pupils with the file's student numbers,
 * the parent accounts with its phones, and those pupils' guardian links.
 */
export async function loadRosterState(
  db: Executor,
  { schoolId, rows }: { schoolId: number; rows: readonly RosterRow[] },
): Promise<RosterState> {
  const numbers = [...new Set(rows.map((r) => r.studentNumber))]
  const phones = [...new Set(rows.flatMap((r) => (r.guardian?.phone ? [r.guardian.phone] : [])))]
  const state: RosterState = { pupils: [], parents: [], links: [] }
  for (const part of chunks(numbers)) {
    const found = await db
      .selectFrom('students')
      .select(['id', 'student_number as studentNumber', 'name', 'class_id as classId', 'active'])
      .where('school_id', '=', schoolId)
      .where('student_number', 'in', part)
      .execute()
    state.pupils.push(...found.map((p) => ({ ...p, active: p.active === 1 })))
  }
  for (const part of chunks(phones)) {
    const found = await db
      .selectFrom('users')
      .select(['id', 'phone'])
      .where('school_id', '=', schoolId)
      .where('role', '=', 'parent')
      .where('phone', 'in', part)
      .execute()
    state.parents.push(...found)
  }
  for (const part of chunks(state.pupils.map((p) => p.id))) {
    const found = await db
      .selectFrom('guardianships')
      .innerJoin('users', 'users.id', 'guardianships.guardian_id')
      .select([
        'guardianships.student_id as studentId',
        'guardianships.guardian_id as guardianId',
        'guardianships.relation',
        'users.display_name as guardianName',
      ])
      .where('users.school_id', '=', schoolId)
      .where('guardianships.student_id', 'in', part)
      .execute()
    state.links.push(...found)
  }
  return state
}

/** The username a new guardian account gets: the school's slug and the phone, when that fits. */
function usernameBase(prefix: string, phone: string): string {
  const base = `${prefix}-${phone}`
  // Room for a "-9" suffix inside the 32 characters a username may have.
  return base.length <= 29 ? base : `p-${phone}`
}

/** Free usernames for these bases (one query per 500 names, then one for the few already taken). */
async function allocateUsernames(db: Executor, bases: readonly string[]): Promise<Map<string, string>> {
  const chosen = new Map<string, string>()
  let pending = [...new Set(bases)]
  for (let suffix = 1; pending.length && suffix <= 99; suffix++) {
    const candidateOf = new Map(pending.map((base) => [base, suffix === 1 ? base : `${base}-${suffix}`]))
    const taken = new Set<string>()
    for (const part of chunks([...candidateOf.values()])) {
      const rows = await db.selectFrom('users').select('username').where('username', 'in', part).execute()
      for (const row of rows) taken.add(row.username)
    }
    const stillPending: string[] = []
    for (const [base, candidate] of candidateOf) {
      if (taken.has(candidate)) stillPending.push(base)
      else chosen.set(base, candidate)
    }
    pending = stillPending
  }
  if (pending.length) throw new Error('No free username for a guardian account')
  return chosen
}

export async function insertParentAccounts(
  db: Executor,
  {
    schoolId,
    usernamePrefix,
    accounts,
  }: {
    schoolId: number
    usernamePrefix: string
    accounts: readonly { phone: string; name: string; passwordHash: string }[]
  },
): Promise<{ id: number; username: string; displayName: string; phone: string }[]> {
  if (accounts.length === 0) return []
  const usernames = await allocateUsernames(
    db,
    accounts.map((a) => usernameBase(usernamePrefix, a.phone)),
  )
  const created: { id: number; username: string; displayName: string; phone: string }[] = []
  for (const part of chunks(accounts)) {
    const values = part.map((a) => ({
      school_id: schoolId,
      role: 'parent' as const,
      username: usernames.get(usernameBase(usernamePrefix, a.phone)) as string,
      display_name: a.name,
      password_hash: a.passwordHash,
      must_change_password: 1 as const,
      phone: a.phone,
    }))
    const rows = await db
      .insertInto('users')
      .values(values)
      .returning(['id', 'username', 'display_name as displayName', 'phone'])
      .execute()
    created.push(...rows)
  }
  return created
}

/** A stale plan: a guardian to create was not hashed for (another import made changes meanwhile). */
export class RosterImportChanged extends Error {}

export type ImportResult = {
  plan: ImportPlan
  createdGuardians: { id: number; username: string; displayName: string; phone: string; pupils: string[] }[]
}

/**
 * Writes an import in the caller's transaction. The plan is made again from the database as it is
 * now, so two imports at once cannot both create a pupil or a guardian; new accounts take the
 * password hashes made beforehand (by phone), as hashing inside the transaction would hold the lock.
 */
export async function applyRosterImport(
  trx: Transaction<Database>,
  {
    schoolId,
    userId,
    usernamePrefix,
    rows,
    passwordHashOfPhone,
  }: {
    schoolId: number
    userId: number
    usernamePrefix: string
    rows: readonly RosterRow[]
    passwordHashOfPhone: ReadonlyMap<string, string>
  },
): Promise<ImportResult> {
  const state = await loadRosterState(trx, { schoolId, rows })
  const plan = planRosterImport(rows, state)
  if (plan.errors.length) return { plan, createdGuardians: [] }

  const pupilIdOf = new Map(state.pupils.map((p) => [p.studentNumber, p.id]))
  const writes = [...plan.newPupils, ...plan.updatedPupils]
  for (const part of chunks(writes)) {
    const written = await trx
      .insertInto('students')
      .values(
        part.map((p) => ({
          school_id: schoolId,
          class_id: p.classId,
          student_number: p.studentNumber,
          name: p.name,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['school_id', 'student_number']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          class_id: eb.ref('excluded.class_id'),
          active: 1,
          graduated_on: null,
        })),
      )
      .returning(['id', 'student_number'])
      .execute()
    for (const row of written) pupilIdOf.set(row.student_number, row.id)
  }

  const accounts = plan.newGuardians.map((g) => {
    const passwordHash = passwordHashOfPhone.get(g.phone)
    if (!passwordHash) throw new RosterImportChanged()
    return { phone: g.phone, name: g.name, passwordHash }
  })
  const created = await insertParentAccounts(trx, { schoolId, usernamePrefix, accounts })
  const guardianOfPhone = new Map(created.map((c) => [c.phone, c.id]))
  const pupilsOfPhone = new Map(plan.newGuardians.map((g) => [g.phone, g.pupils]))

  const links = plan.links.map((link) => ({
    guardian_id: link.guardianId ?? (guardianOfPhone.get(link.phone ?? '') as number),
    student_id: pupilIdOf.get(link.studentNumber) as number,
    relation: link.relation,
  }))
  for (const part of chunks(links)) {
    await trx
      .insertInto('guardianships')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['guardian_id', 'student_id'])
          .doUpdateSet((eb) => ({ relation: eb.ref('excluded.relation') })),
      )
      .execute()
  }

  await recordAudit(trx, {
    schoolId,
    userId,
    action: 'roster-imported',
    entity: 'school',
    entityId: schoolId,
    detail: {
      newPupils: plan.newPupils.length,
      updatedPupils: plan.updatedPupils.length,
      unchanged: plan.unchanged,
      guardiansCreated: created.length,
      links: links.length,
    },
  })
  return {
    plan,
    createdGuardians: created.map((c) => ({ ...c, pupils: pupilsOfPhone.get(c.phone) ?? [] })),
  }
}

// ─── Export ───────────────────────────────────────────────────────────────────────────────────

/** Active pupils of current classes, one row per guardian (or one without), in class order. */
export async function listRosterExport(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('guardianships', 'guardianships.student_id', 'students.id')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'guardianships.guardian_id').on('users.school_id', '=', schoolId),
    )
    .select([
      'students.id as studentId',
      'students.student_number as studentNumber',
      'students.name',
      'classes.name as className',
      'users.display_name as guardianName',
      'users.phone as guardianPhone',
      'guardianships.relation',
    ])
    .where('students.school_id', '=', schoolId)
    .where('students.active', '=', 1)
    .where('classes.archived_at', 'is', null)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .orderBy('students.student_number')
    .orderBy('guardianships.id')
    .execute()
}

// ─── One pupil ────────────────────────────────────────────────────────────────────────────────

export async function isStudentNumberTaken(
  db: Executor,
  { schoolId, studentNumber, exceptId }: { schoolId: number; studentNumber: string; exceptId?: number },
): Promise<boolean> {
  let query = db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('student_number', '=', studentNumber)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return !!(await query.executeTakeFirst())
}

export async function insertPupil(
  db: Executor,
  p: { schoolId: number; classId: number; studentNumber: string; name: string },
): Promise<number> {
  const row = await db
    .insertInto('students')
    .values({ school_id: p.schoolId, class_id: p.classId, student_number: p.studentNumber, name: p.name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Saves a pupil; reactivating one clears a graduation or leaving date, as they are back in school.
 * A pupil who stops being active without graduating left `today`: retention counts from that day.
 * An anonymised pupil is never changed back.
 */
export async function updatePupil(
  db: Executor,
  p: {
    schoolId: number
    id: number
    classId: number
    studentNumber: string
    name: string
    active: boolean
    today: string
  },
): Promise<void> {
  await db
    .updateTable('students')
    .set({
      class_id: p.classId,
      student_number: p.studentNumber,
      name: p.name,
      active: p.active ? 1 : 0,
      ...(p.active
        ? { graduated_on: null, left_on: null }
        : {
            left_on: sql<
              string | null
            >`case when graduated_on is null then coalesce(left_on, ${p.today}) end`,
          }),
    })
    .where('school_id', '=', p.schoolId)
    .where('id', '=', p.id)
    .where('anonymised_at', 'is', null)
    .execute()
}

export async function findParent(
  db: Executor,
  { schoolId, username, phone }: { schoolId: number; username?: string; phone?: string },
) {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'display_name as displayName'])
    .where('school_id', '=', schoolId)
    .where('role', '=', 'parent')
  if (username !== undefined) query = query.where('username', '=', username)
  if (phone !== undefined) query = query.where('phone', '=', phone)
  return query.orderBy('id').executeTakeFirst()
}

/** Links a guardian to a pupil, or updates the relation of an existing link. */
export async function linkGuardian(
  db: Executor,
  { guardianId, studentId, relation }: { guardianId: number; studentId: number; relation: Relation },
): Promise<void> {
  await db
    .insertInto('guardianships')
    .values({ guardian_id: guardianId, student_id: studentId, relation })
    .onConflict((oc) => oc.columns(['guardian_id', 'student_id']).doUpdateSet({ relation }))
    .execute()
}

export async function unlinkGuardian(
  db: Executor,
  { guardianId, studentId }: { guardianId: number; studentId: number },
): Promise<number> {
  const result = await db
    .deleteFrom('guardianships')
    .where('guardian_id', '=', guardianId)
    .where('student_id', '=', studentId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

// ─── Year rollover ────────────────────────────────────────────────────────────────────────────

const ROLLOVER_ACTION = 'roster-rolled-over'

export async function lastRolloverYearId(db: Executor, schoolId: number): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('detail')
    .where('school_id', '=', schoolId)
    .where('action', '=', ROLLOVER_ACTION)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const toYearId = row?.detail ? (JSON.parse(row.detail) as { toYearId?: unknown }).toYearId : null
  return typeof toYearId === 'number' ? toYearId : null
}

async function listRolloverClasses(db: Executor, schoolId: number): Promise<RolloverClass[]> {
  const rows = await db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select((eb) => [
      'classes.id',
      'classes.name',
      'classes.number',
      'classes.head_teacher_id as headTeacherId',
      'grades.level as gradeLevel',
      eb
        .selectFrom('students')
        .whereRef('students.class_id', '=', 'classes.id')
        .where('students.active', '=', 1)
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('pupils'),
    ])
    .where('classes.school_id', '=', schoolId)
    .where('classes.archived_at', 'is', null)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
  return rows.map((r) => ({ ...r, pupils: Number(r.pupils ?? 0) }))
}

export type RolloverProblem =
  | { messageKey: 'roster.rollover.noYears' }
  | { messageKey: 'roster.rollover.noNextYear'; params: { year: string } }
  | { messageKey: 'roster.rollover.noClasses' }
  | { messageKey: 'roster.rollover.missingGrades'; params: { levels: number[] } }

export type RolloverPreview = {
  from: YearRange | null
  to: YearRange | null
  plan: RolloverPlan
  problem: RolloverProblem | null
}

/** What a rollover would do today: from which year into which, and every class's move. */
export async function previewRollover(
  db: Executor,
  { schoolId, kind, today }: { schoolId: number; kind: SchoolKind; today: string },
): Promise<RolloverPreview> {
  const [years, grades, classes, lastYearId] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listGrades(db, { schoolId }),
    listRolloverClasses(db, schoolId),
    lastRolloverYearId(db, schoolId),
  ])
  const plan = planClassMoves(kind, grades, classes)
  const from = rosterYear(years, { today, lastRolloverYearId: lastYearId }) ?? null
  const to = from ? (followingYear(years, from) ?? null) : null
  let problem: RolloverProblem | null = null
  if (!from) problem = { messageKey: 'roster.rollover.noYears' }
  else if (!to) problem = { messageKey: 'roster.rollover.noNextYear', params: { year: from.name } }
  else if (classes.length === 0) problem = { messageKey: 'roster.rollover.noClasses' }
  else if (plan.missingLevels.length) {
    problem = { messageKey: 'roster.rollover.missingGrades', params: { levels: plan.missingLevels } }
  }
  return { from, to, plan, problem }
}

export type RolloverOutcome =
  | { ok: true; to: YearRange; classes: number; moved: number; graduated: number }
  | {
      ok: false
      problem:
        | RolloverProblem
        | { messageKey: 'roster.rollover.alreadyDone'; params: { year: string } }
        | { messageKey: 'roster.rollover.changed' }
    }

/**
 * Moves every current class up a grade into the next academic year, in the caller's transaction.
 * `toYearId` is the year the admin confirmed: when the roster has moved on since (a second click,
 * another admin), nothing is written. Old classes are archived, not changed, so participations
 * and activity targets still name the class as it was.
 */
export async function applyRollover(
  trx: Transaction<Database>,
  {
    schoolId,
    userId,
    kind,
    today,
    toYearId,
    now,
  }: { schoolId: number; userId: number; kind: SchoolKind; today: string; toYearId: number; now: string },
): Promise<RolloverOutcome> {
  const preview = await previewRollover(trx, { schoolId, kind, today })
  if (preview.from?.id === toYearId) {
    return {
      ok: false,
      problem: { messageKey: 'roster.rollover.alreadyDone', params: { year: preview.from.name } },
    }
  }
  if (preview.problem) return { ok: false, problem: preview.problem }
  const { from, to, plan } = preview
  if (!from || !to || to.id !== toYearId) {
    // The confirmed year is not the next one any more (the years were edited): review the new preview.
    return { ok: false, problem: { messageKey: 'roster.rollover.changed' } }
  }

  const oldIds = [...plan.moves.map((m) => m.from.id), ...plan.graduating.map((c) => c.id)]
  for (const part of chunks(oldIds)) {
    await trx
      .updateTable('classes')
      .set({ archived_at: now })
      .where('school_id', '=', schoolId)
      .where('id', 'in', part)
      .execute()
  }

  let moved = 0
  // A few dozen classes: one insert, then one update of the pupils per batch of classes.
  for (const part of chunks(plan.moves, 200)) {
    const created = await trx
      .insertInto('classes')
      .values(
        part.map((m) => ({
          school_id: schoolId,
          grade_id: m.toGradeId,
          number: m.from.number,
          name: m.toName,
          head_teacher_id: m.from.headTeacherId,
        })),
      )
      .returning(['id', 'grade_id', 'number'])
      .execute()
    const newIdOf = new Map(created.map((c) => [`${c.grade_id}:${c.number}`, c.id]))
    const result = await trx
      .updateTable('students')
      .set({
        class_id: sql<number>`case class_id ${sql.join(
          part.map((m) => sql`when ${m.from.id} then ${newIdOf.get(`${m.toGradeId}:${m.from.number}`)}`),
          sql` `,
        )} else class_id end`,
      })
      .where('school_id', '=', schoolId)
      .where('active', '=', 1)
      .where(
        'class_id',
        'in',
        part.map((m) => m.from.id),
      )
      .executeTakeFirst()
    moved += Number(result.numUpdatedRows)
  }

  let graduated = 0
  for (const part of chunks(plan.graduating.map((c) => c.id))) {
    const result = await trx
      .updateTable('students')
      .set({ active: 0, graduated_on: to.startsOn })
      .where('school_id', '=', schoolId)
      .where('active', '=', 1)
      .where('class_id', 'in', part)
      .executeTakeFirst()
    graduated += Number(result.numUpdatedRows)
  }

  await recordAudit(trx, {
    schoolId,
    userId,
    action: ROLLOVER_ACTION,
    entity: 'school',
    entityId: schoolId,
    detail: {
      fromYearId: from.id,
      toYearId: to.id,
      classes: plan.moves.length,
      graduatingClasses: plan.graduating.length,
      moved,
      graduated,
    },
  })
  return { ok: true, to, classes: plan.moves.length, moved, graduated }
}
