import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely'
import { PRACTICE_CATEGORIES } from '~/domain/social-practice'
import type { Database, PlanStatus, PracticeCategory } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** What every report counts: one school, one academic year, optionally one season and one grade. */
export type ReportScope = {
  schoolId: number
  academicYearId: number
  seasonId: number | null
  gradeId: number | null
}

/** Activities that went ahead as planned: drafts and programmes still under review are not history yet. */
export const REPORTED_STATUSES: readonly PlanStatus[] = ['approved', 'published', 'closed']

/** The years, seasons and grades the filter form offers: three statements, whatever the school's size. */
export async function listReportFilterOptions(db: Executor, { schoolId }: { schoolId: number }) {
  const [years, seasons, grades] = await Promise.all([
    db
      .selectFrom('academic_years')
      .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
      .where('school_id', '=', schoolId)
      .orderBy('starts_on', 'desc')
      .execute(),
    db
      .selectFrom('seasons')
      .select(['id', 'title', 'academic_year_id as academicYearId'])
      .where('school_id', '=', schoolId)
      .orderBy('starts_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('grades')
      .select(['id', 'level', 'name'])
      .where('school_id', '=', schoolId)
      .orderBy('level')
      .execute(),
  ])
  return { years, seasons, grades }
}

/** The academic years with attendance recorded, for the year /reports opens on. */
export async function listYearIdsWithRecords(db: Executor, { schoolId }: { schoolId: number }) {
  const rows = await db
    .selectFrom('participation_tallies as t')
    .innerJoin('activities as a', 'a.id', 't.activity_id')
    .innerJoin('seasons as s', 's.id', 'a.season_id')
    .select('s.academic_year_id as yearId')
    .distinct()
    .where('t.school_id', '=', schoolId)
    .where('t.attended', '>', 0)
    .execute()
  return new Set(rows.map((row) => row.yearId))
}

/**
 * Marked participation rows (attended, absent or excused) of the activities in scope, with the grade
 * of the class the pupil was in at the time. Unmarked rows (status null) are not counted at all.
 */
function markedParticipations(db: Executor, scope: ReportScope) {
  let query = db
    .selectFrom('participations as p')
    .innerJoin('activities as a', 'a.id', 'p.activity_id')
    .innerJoin('seasons as s', 's.id', 'a.season_id')
    .innerJoin('classes as c', 'c.id', 'p.class_id')
    .innerJoin('grades as g', 'g.id', 'c.grade_id')
    .where('p.school_id', '=', scope.schoolId)
    .where('a.school_id', '=', scope.schoolId)
    .where('s.academic_year_id', '=', scope.academicYearId)
    .where('a.status', 'in', REPORTED_STATUSES)
    .where('p.status', 'is not', null)
  if (scope.seasonId) query = query.where('a.season_id', '=', scope.seasonId)
  if (scope.gradeId) query = query.where('c.grade_id', '=', scope.gradeId)
  return query
}

/**
 * Attendance tallies (marked rows per activity and class, kept by triggers) of the activities in
 * scope, with the grade of the class. Adding up a few thousand tallies instead of a year's
 * participation rows keeps the reports page fast on a big school.
 */
function attendanceTallies(db: Executor, scope: ReportScope) {
  let query = db
    .selectFrom('participation_tallies as t')
    .innerJoin('activities as a', 'a.id', 't.activity_id')
    .innerJoin('seasons as s', 's.id', 'a.season_id')
    .innerJoin('classes as c', 'c.id', 't.class_id')
    .innerJoin('grades as g', 'g.id', 'c.grade_id')
    .where('t.school_id', '=', scope.schoolId)
    .where('a.school_id', '=', scope.schoolId)
    .where('s.academic_year_id', '=', scope.academicYearId)
    .where('a.status', 'in', REPORTED_STATUSES)
  if (scope.seasonId) query = query.where('a.season_id', '=', scope.seasonId)
  if (scope.gradeId) query = query.where('c.grade_id', '=', scope.gradeId)
  return query
}

type TallyRows = ExpressionBuilder<Database & { t: Database['participation_tallies'] }, 't'>

/** The attendance tally of a group: counts of each status; their sum is the rate's denominator. */
function attendanceCounts(eb: TallyRows) {
  return [
    eb.fn.sum<number>('t.attended').as('attended'),
    eb.fn.sum<number>('t.absent').as('absent'),
    eb.fn.sum<number>('t.excused').as('excused'),
  ] as const
}

export type AttendanceCounts = { attended: number; absent: number; excused: number }

function toCounts<T extends AttendanceCounts>(row: T): T {
  // SUM is a string or bigint on some drivers; the app works in plain numbers.
  return { ...row, attended: Number(row.attended), absent: Number(row.absent), excused: Number(row.excused) }
}

export async function participationByGrade(db: Executor, scope: ReportScope) {
  const rows = await attendanceTallies(db, scope)
    .select((eb) => ['g.id', 'g.level', 'g.name', ...attendanceCounts(eb)])
    .groupBy(['g.id', 'g.level', 'g.name'])
    .orderBy('g.level')
    .execute()
  return rows.map(toCounts)
}

export async function participationByClass(db: Executor, scope: ReportScope) {
  const rows = await attendanceTallies(db, scope)
    .select((eb) => ['c.id', 'c.number', 'c.name', 'g.level as gradeLevel', ...attendanceCounts(eb)])
    .groupBy(['c.id', 'c.number', 'c.name', 'g.level'])
    .orderBy('g.level')
    .orderBy('c.number')
    .orderBy('c.id')
    .execute()
  return rows.map(toCounts)
}

/** Per strand of each season; activities outside any strand make one row per season (strandId null). */
export async function participationByStrand(db: Executor, scope: ReportScope) {
  const rows = await attendanceTallies(db, scope)
    .leftJoin('strands as st', 'st.id', 'a.strand_id')
    .select((eb) => [
      'a.strand_id as strandId',
      'st.title as strandTitle',
      's.id as seasonId',
      's.title as seasonTitle',
      ...attendanceCounts(eb),
    ])
    .groupBy(['a.strand_id', 'st.title', 'st.position', 's.id', 's.title', 's.starts_on'])
    .orderBy('s.starts_on')
    .orderBy('s.id')
    // Strands in their planned order, the unassigned row last.
    .orderBy(sql`st.position is null`)
    .orderBy('st.position')
    .execute()
  return rows.map(toCounts)
}

export async function participationBySeason(db: Executor, scope: ReportScope) {
  const rows = await attendanceTallies(db, scope)
    .select((eb) => ['s.id', 's.title', ...attendanceCounts(eb)])
    .groupBy(['s.id', 's.title', 's.starts_on'])
    .orderBy('s.starts_on')
    .orderBy('s.id')
    .execute()
  return rows.map(toCounts)
}

export type CategoryHours = { hours: number; pupils: number }

/**
 * Social-practice 课时 per grade: attended rows of activities credited to a category, each worth its
 * own recorded hours or else the activity's practice hours. Pupils are counted once per category and
 * once in the total, however many activities they attended.
 */
export async function practiceHoursByGrade(db: Executor, scope: ReportScope) {
  const rows = await markedParticipations(db, scope)
    .where('p.status', '=', 'attended')
    .where('a.practice_category', 'is not', null)
    .select((eb) => {
      const credited = eb.fn.coalesce('p.hours', 'a.practice_hours', sql.lit(0))
      const perCategory = PRACTICE_CATEGORIES.flatMap((category) => [
        eb.fn
          .sum<number>(eb.case().when('a.practice_category', '=', category).then(credited).else(0).end())
          .as(`hours_${category}`),
        eb.fn
          .count<number>(
            eb.case().when('a.practice_category', '=', category).then(eb.ref('p.student_id')).end(),
          )
          .distinct()
          .as(`pupils_${category}`),
      ])
      return [
        'g.id',
        'g.level',
        'g.name',
        ...perCategory,
        eb.fn.sum<number>(credited).as('totalHours'),
        eb.fn.count<number>('p.student_id').distinct().as('totalPupils'),
      ]
    })
    .groupBy(['g.id', 'g.level', 'g.name'])
    .orderBy('g.level')
    .execute()
  return rows.map((row) => {
    const byCategory = Object.fromEntries(
      PRACTICE_CATEGORIES.map((category) => {
        const cells = row as unknown as Record<string, number | string>
        return [
          category,
          { hours: Number(cells[`hours_${category}`]), pupils: Number(cells[`pupils_${category}`]) },
        ]
      }),
    ) as Record<PracticeCategory, CategoryHours>
    return {
      id: row.id,
      level: row.level,
      name: row.name,
      byCategory,
      total: { hours: Number(row.totalHours), pupils: Number(row.totalPupils) },
    }
  })
}

/**
 * Consent requests of the activities in scope. A pupil's grade is that of the class they attended
 * the activity with when they are on its sheet, else their current class.
 */
function consentsInScope(db: Executor, scope: ReportScope) {
  let query = db
    .selectFrom('consents as k')
    .innerJoin('activities as a', 'a.id', 'k.activity_id')
    .innerJoin('seasons as s', 's.id', 'a.season_id')
    .innerJoin('students as st', 'st.id', 'k.student_id')
    .leftJoin('participations as p', (join) =>
      join.onRef('p.activity_id', '=', 'k.activity_id').onRef('p.student_id', '=', 'k.student_id'),
    )
    .innerJoin('classes as c', (join) =>
      join.on((eb) => eb('c.id', '=', eb.fn.coalesce('p.class_id', 'st.class_id'))),
    )
    .innerJoin('grades as g', 'g.id', 'c.grade_id')
    .where('k.school_id', '=', scope.schoolId)
    .where('a.school_id', '=', scope.schoolId)
    .where('s.academic_year_id', '=', scope.academicYearId)
    .where('a.status', 'in', REPORTED_STATUSES)
  if (scope.seasonId) query = query.where('a.season_id', '=', scope.seasonId)
  if (scope.gradeId) query = query.where('c.grade_id', '=', scope.gradeId)
  return query
}

type ConsentRows = ExpressionBuilder<Database & { k: Database['consents'] }, 'k'>

function consentCounts(eb: ConsentRows) {
  const countOf = (status: 'given' | 'refused') =>
    eb.fn.sum<number>(eb.case().when('k.status', '=', status).then(1).else(0).end())
  return [
    eb.fn.count<number>('k.id').as('requested'),
    countOf('given').as('given'),
    countOf('refused').as('refused'),
  ]
}

export type ConsentCounts = { requested: number; given: number; refused: number }

function toConsentCounts<T extends ConsentCounts>(row: T): T {
  return { ...row, requested: Number(row.requested), given: Number(row.given), refused: Number(row.refused) }
}

export async function consentsByActivity(db: Executor, scope: ReportScope) {
  const rows = await consentsInScope(db, scope)
    .select((eb) => ['a.id', 'a.title', 'a.starts_at as startsAt', ...consentCounts(eb)])
    .groupBy(['a.id', 'a.title', 'a.starts_at'])
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute()
  return rows.map(toConsentCounts)
}

export async function consentsByGrade(db: Executor, scope: ReportScope) {
  const rows = await consentsInScope(db, scope)
    .select((eb) => ['g.id', 'g.level', 'g.name', ...consentCounts(eb)])
    .groupBy(['g.id', 'g.level', 'g.name'])
    .orderBy('g.level')
    .execute()
  return rows.map(toConsentCounts)
}

/**
 * Each award of the activities in scope once per place it reached: one row per named pupil (with the
 * grade of their class at the time), one row for a class award (its class's grade). Counting distinct
 * awards and distinct pupils over these rows makes a class award count once as an award and name no
 * pupil, and a team shared by two grades count once in each.
 */
function awardsInScope(db: Executor, scope: ReportScope) {
  const places = db
    .selectFrom('award_recipients as r')
    .innerJoin('classes as rc', 'rc.id', 'r.class_id')
    .select((eb) => [
      'r.award_id as awardId',
      'rc.grade_id as gradeId',
      eb.ref('r.student_id').$castTo<number | null>().as('studentId'),
    ])
    .unionAll(
      db
        .selectFrom('awards as ca')
        .innerJoin('classes as cc', 'cc.id', 'ca.class_id')
        .select(['ca.id as awardId', 'cc.grade_id as gradeId', sql<number | null>`null`.as('studentId')])
        .where('ca.recipient_kind', '=', 'class'),
    )
  let query = db
    .selectFrom('awards as w')
    .innerJoin('activities as a', 'a.id', 'w.activity_id')
    .innerJoin('seasons as s', 's.id', 'a.season_id')
    .leftJoin(places.as('ag'), 'ag.awardId', 'w.id')
    .where('w.school_id', '=', scope.schoolId)
    .where('a.school_id', '=', scope.schoolId)
    .where('s.academic_year_id', '=', scope.academicYearId)
    .where('a.status', 'in', REPORTED_STATUSES)
  if (scope.seasonId) query = query.where('a.season_id', '=', scope.seasonId)
  if (scope.gradeId) query = query.where('ag.gradeId', '=', scope.gradeId)
  return query
}

type AwardRows = ExpressionBuilder<
  Database & { w: Database['awards']; ag: { awardId: number; gradeId: number; studentId: number | null } },
  'w' | 'ag'
>

/** Distinct awards by recipient kind, and distinct pupils named in them. */
function awardCountColumns(eb: AwardRows) {
  const awardsOf = (kind: 'pupil' | 'team' | 'class') =>
    eb.fn.count<number>(eb.case().when('w.recipient_kind', '=', kind).then(eb.ref('w.id')).end()).distinct()
  return [
    awardsOf('pupil').as('pupilAwards'),
    awardsOf('team').as('teamAwards'),
    awardsOf('class').as('classAwards'),
    eb.fn.count<number>('w.id').distinct().as('awards'),
    eb.fn.count<number>('ag.studentId').distinct().as('pupils'),
  ] as const
}

export type AwardCounts = {
  pupilAwards: number
  teamAwards: number
  classAwards: number
  awards: number
  pupils: number
}

function toAwardCounts<T extends AwardCounts>(row: T): T {
  return {
    ...row,
    pupilAwards: Number(row.pupilAwards),
    teamAwards: Number(row.teamAwards),
    classAwards: Number(row.classAwards),
    awards: Number(row.awards),
    pupils: Number(row.pupils),
  }
}

export async function awardsByGrade(db: Executor, scope: ReportScope) {
  const rows = await awardsInScope(db, scope)
    .innerJoin('grades as g', 'g.id', 'ag.gradeId')
    .select((eb) => ['g.id', 'g.level', 'g.name', ...awardCountColumns(eb)])
    .groupBy(['g.id', 'g.level', 'g.name'])
    .orderBy('g.level')
    .execute()
  return rows.map(toAwardCounts)
}

/** Per strand of each season, as participationByStrand; awards outside any strand make one row per season. */
export async function awardsByStrand(db: Executor, scope: ReportScope) {
  const rows = await awardsInScope(db, scope)
    .leftJoin('strands as st', 'st.id', 'a.strand_id')
    .select((eb) => [
      'a.strand_id as strandId',
      'st.title as strandTitle',
      's.id as seasonId',
      's.title as seasonTitle',
      ...awardCountColumns(eb),
    ])
    .groupBy(['a.strand_id', 'st.title', 'st.position', 's.id', 's.title', 's.starts_on'])
    .orderBy('s.starts_on')
    .orderBy('s.id')
    .orderBy(sql`st.position is null`)
    .orderBy('st.position')
    .execute()
  return rows.map(toAwardCounts)
}

/** Per level (a standard key or a contest's own label); the caller puts them in order. */
export async function awardsByLevel(db: Executor, scope: ReportScope) {
  const rows = await awardsInScope(db, scope)
    .select((eb) => ['w.level', ...awardCountColumns(eb)])
    .groupBy('w.level')
    .execute()
  return rows.map(toAwardCounts)
}

export async function awardsByScope(db: Executor, scope: ReportScope) {
  const rows = await awardsInScope(db, scope)
    .select((eb) => ['w.scope', ...awardCountColumns(eb)])
    .groupBy('w.scope')
    .execute()
  return rows.map(toAwardCounts)
}
