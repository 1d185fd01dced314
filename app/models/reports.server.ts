import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely'
import { PRACTICE_CATEGORIES } from '~/domain/social-practice'
import type { AwardScope, Database, PlanStatus, PracticeCategory } from '../../db/schema'

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

/*
 * One report is a grouping (grade, class, strand, season, activity, award level or scope) × a measure
 * (attendance, social-practice hours, consents, awards); countReport builds any pair in one statement.
 * A measure brings the rows it counts (joined as a = activity, s = season, and for most c = class,
 * g = grade) and its aggregate columns; a grouping brings its columns, GROUP BY and ORDER BY.
 */

// The grouping and measure parts compose over different row sources, so the builder is untyped inside;
// countReport's result type says what comes out.
type AnyQuery = SelectQueryBuilder<any, any, any>

/** Activities of the year (and season) in scope that went ahead, with their season as s. */
function scoped(query: AnyQuery, scope: ReportScope): AnyQuery {
  let scopedQuery = query
    .innerJoin('seasons as s', 's.id', 'a.season_id')
    .where('a.school_id', '=', scope.schoolId)
    .where('s.academic_year_id', '=', scope.academicYearId)
    .where('a.status', 'in', REPORTED_STATUSES)
  if (scope.seasonId) scopedQuery = scopedQuery.where('a.season_id', '=', scope.seasonId)
  return scopedQuery
}

/** The class counted (a column, or a join condition) as c and its grade as g, narrowed to the grade in scope. */
function withClassAndGrade(
  query: AnyQuery,
  classRef: string | ((join: any) => any),
  scope: ReportScope,
): AnyQuery {
  const withClass =
    typeof classRef === 'string'
      ? query.innerJoin('classes as c', 'c.id', classRef)
      : query.innerJoin('classes as c', classRef)
  const joined = withClass.innerJoin('grades as g', 'g.id', 'c.grade_id')
  return scope.gradeId ? joined.where('c.grade_id', '=', scope.gradeId) : joined
}

type Measure = {
  /** The rows counted, scoped (school, year, season, grade) */
  rows: (db: Executor, scope: ReportScope) => AnyQuery
  /** For a measure whose rows hold no class: how to reach the grade when grouping by it */
  joinGrade?: (query: AnyQuery) => AnyQuery
  columns: (eb: any) => any[]
  /** SUM and COUNT come back as strings or bigints on some drivers; the app works in plain numbers */
  toCounts: (row: any) => any
}

export type AttendanceCounts = { attended: number; absent: number; excused: number }
export type CategoryHours = { hours: number; pupils: number }
export type PracticeHours = { byCategory: Record<PracticeCategory, CategoryHours>; total: CategoryHours }
export type ConsentCounts = { requested: number; given: number; refused: number }
export type AwardCounts = {
  pupilAwards: number
  teamAwards: number
  classAwards: number
  awards: number
  pupils: number
}

function numbers<T extends object>(row: any, keys: readonly (keyof T & string)[]): T {
  const out = { ...row }
  for (const key of keys) out[key] = Number(row[key])
  return out
}

const MEASURES = {
  /**
   * Attendance tallies (marked rows per activity and class, kept by triggers): counts of each
   * status, their sum the rate's denominator. Adding up a few thousand tallies instead of a year's
   * participation rows keeps the reports page fast on a big school.
   */
  attendance: {
    rows: (db, scope) =>
      withClassAndGrade(
        scoped(
          db
            .selectFrom('participation_tallies as t')
            .innerJoin('activities as a', 'a.id', 't.activity_id')
            .where('t.school_id', '=', scope.schoolId),
          scope,
        ),
        't.class_id',
        scope,
      ),
    columns: (eb) => [
      eb.fn.sum('t.attended').as('attended'),
      eb.fn.sum('t.absent').as('absent'),
      eb.fn.sum('t.excused').as('excused'),
    ],
    toCounts: (row) => numbers<AttendanceCounts>(row, ['attended', 'absent', 'excused']),
  },
  /**
   * Social-practice 课时: attended rows of activities credited to a category (with the grade of the
   * class the pupil was in at the time), each worth its own recorded hours or else the activity's
   * practice hours. Pupils are counted once per category and once in the total, however many
   * activities they attended.
   */
  practiceHours: {
    rows: (db, scope) =>
      withClassAndGrade(
        scoped(
          db
            .selectFrom('participations as p')
            .innerJoin('activities as a', 'a.id', 'p.activity_id')
            .where('p.school_id', '=', scope.schoolId)
            .where('p.status', '=', 'attended')
            .where('a.practice_category', 'is not', null),
          scope,
        ),
        'p.class_id',
        scope,
      ),
    columns: (eb) => {
      const credited = eb.fn.coalesce('p.hours', 'a.practice_hours', sql.lit(0))
      return [
        ...PRACTICE_CATEGORIES.flatMap((category) => [
          eb.fn
            .sum(eb.case().when('a.practice_category', '=', category).then(credited).else(0).end())
            .as(`hours_${category}`),
          eb.fn
            .count(eb.case().when('a.practice_category', '=', category).then(eb.ref('p.student_id')).end())
            .distinct()
            .as(`pupils_${category}`),
        ]),
        eb.fn.sum(credited).as('totalHours'),
        eb.fn.count('p.student_id').distinct().as('totalPupils'),
      ]
    },
    toCounts: (row) => {
      const { totalHours, totalPupils, ...group } = row
      const byCategory = Object.fromEntries(
        PRACTICE_CATEGORIES.map((category) => {
          delete group[`hours_${category}`]
          delete group[`pupils_${category}`]
          return [
            category,
            { hours: Number(row[`hours_${category}`]), pupils: Number(row[`pupils_${category}`]) },
          ]
        }),
      )
      return { ...group, byCategory, total: { hours: Number(totalHours), pupils: Number(totalPupils) } }
    },
  },
  /**
   * Consent requests. A pupil's grade is that of the class they attended the activity with when
   * they are on its sheet, else their current class.
   */
  consents: {
    rows: (db, scope) =>
      withClassAndGrade(
        scoped(
          db
            .selectFrom('consents as k')
            .innerJoin('activities as a', 'a.id', 'k.activity_id')
            .innerJoin('students as pupil', 'pupil.id', 'k.student_id')
            .leftJoin('participations as p', (join) =>
              join.onRef('p.activity_id', '=', 'k.activity_id').onRef('p.student_id', '=', 'k.student_id'),
            )
            .where('k.school_id', '=', scope.schoolId),
          scope,
        ),
        (join) => join.on((eb: any) => eb('c.id', '=', eb.fn.coalesce('p.class_id', 'pupil.class_id'))),
        scope,
      ),
    columns: (eb) => {
      const countOf = (status: 'given' | 'refused') =>
        eb.fn.sum(eb.case().when('k.status', '=', status).then(1).else(0).end())
      return [
        eb.fn.count('k.id').as('requested'),
        countOf('given').as('given'),
        countOf('refused').as('refused'),
      ]
    },
    toCounts: (row) => numbers<ConsentCounts>(row, ['requested', 'given', 'refused']),
  },
  /**
   * Each award once per place it reached: one row per named pupil (with the grade of their class at
   * the time), one row for a class award (its class's grade). Counting distinct awards and distinct
   * pupils over these rows makes a class award count once as an award and name no pupil, and a team
   * shared by two grades count once in each.
   */
  awards: {
    rows: (db, scope) => {
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
      const query = scoped(
        db
          .selectFrom('awards as w')
          .innerJoin('activities as a', 'a.id', 'w.activity_id')
          .leftJoin(places.as('ag'), 'ag.awardId', 'w.id')
          .where('w.school_id', '=', scope.schoolId),
        scope,
      )
      return scope.gradeId ? query.where('ag.gradeId', '=', scope.gradeId) : query
    },
    joinGrade: (query) => query.innerJoin('grades as g', 'g.id', 'ag.gradeId'),
    columns: (eb) => {
      const awardsOf = (kind: 'pupil' | 'team' | 'class') =>
        eb.fn.count(eb.case().when('w.recipient_kind', '=', kind).then(eb.ref('w.id')).end()).distinct()
      return [
        awardsOf('pupil').as('pupilAwards'),
        awardsOf('team').as('teamAwards'),
        awardsOf('class').as('classAwards'),
        eb.fn.count('w.id').distinct().as('awards'),
        eb.fn.count('ag.studentId').distinct().as('pupils'),
      ]
    },
    toCounts: (row) =>
      numbers<AwardCounts>(row, ['pupilAwards', 'teamAwards', 'classAwards', 'awards', 'pupils']),
  },
} satisfies Record<string, Measure>

type Grouping = {
  join?: (query: AnyQuery, measure: Measure) => AnyQuery
  columns: string[]
  groupBy: string[]
  orderBy: (query: AnyQuery) => AnyQuery
}

const byGrade = (query: AnyQuery) => query.orderBy('g.level')
const bySeason = (query: AnyQuery) => query.orderBy('s.starts_on').orderBy('s.id')

const GROUPINGS = {
  grade: {
    join: (query, measure) => measure.joinGrade?.(query) ?? query,
    columns: ['g.id', 'g.level', 'g.name'],
    groupBy: ['g.id', 'g.level', 'g.name'],
    orderBy: byGrade,
  },
  class: {
    columns: ['c.id', 'c.number', 'c.name', 'g.level as gradeLevel'],
    groupBy: ['c.id', 'c.number', 'c.name', 'g.level'],
    orderBy: (query) => byGrade(query).orderBy('c.number').orderBy('c.id'),
  },
  /** Per strand of each season; rows outside any strand make one group per season (strandId null). */
  strand: {
    join: (query) => query.leftJoin('strands as st', 'st.id', 'a.strand_id'),
    columns: [
      'a.strand_id as strandId',
      'st.title as strandTitle',
      's.id as seasonId',
      's.title as seasonTitle',
    ],
    groupBy: ['a.strand_id', 'st.title', 'st.position', 's.id', 's.title', 's.starts_on'],
    // Strands in their planned order, the unassigned group last.
    orderBy: (query) => bySeason(query).orderBy(sql`st.position is null`).orderBy('st.position'),
  },
  season: {
    columns: ['s.id', 's.title'],
    groupBy: ['s.id', 's.title', 's.starts_on'],
    orderBy: bySeason,
  },
  activity: {
    columns: ['a.id', 'a.title', 'a.starts_at as startsAt'],
    groupBy: ['a.id', 'a.title', 'a.starts_at'],
    orderBy: (query) => query.orderBy('a.starts_at').orderBy('a.id'),
  },
  /** An award's level (a standard key or a contest's own label); the caller puts them in order. */
  level: { columns: ['w.level'], groupBy: ['w.level'], orderBy: (query) => query },
  scope: { columns: ['w.scope'], groupBy: ['w.scope'], orderBy: (query) => query },
} satisfies Record<string, Grouping>

export type ReportMeasure = keyof typeof MEASURES
export type ReportGrouping = keyof typeof GROUPINGS

export type GroupFields = {
  grade: { id: number; level: number; name: string }
  class: { id: number; number: number; name: string; gradeLevel: number }
  strand: { strandId: number | null; strandTitle: string | null; seasonId: number; seasonTitle: string }
  season: { id: number; title: string }
  activity: { id: number; title: string; startsAt: string }
  level: { level: string }
  scope: { scope: AwardScope }
}

export type MeasureCounts = {
  attendance: AttendanceCounts
  practiceHours: PracticeHours
  consents: ConsentCounts
  awards: AwardCounts
}

/** One report's rows: the grouping's fields and the measure's counts, one statement whatever the size. */
export async function countReport<M extends ReportMeasure, G extends ReportGrouping>(
  db: Executor,
  scope: ReportScope,
  { measure, grouping }: { measure: M; grouping: G },
): Promise<(GroupFields[G] & MeasureCounts[M])[]> {
  const counted: Measure = MEASURES[measure]
  const group: Grouping = GROUPINGS[grouping]
  const rows = counted.rows(db, scope)
  const joined = group.join ? group.join(rows, counted) : rows
  const query = group.orderBy(
    joined.select((eb: any) => [...group.columns, ...counted.columns(eb)]).groupBy(group.groupBy),
  )
  return (await query.execute()).map(counted.toCounts)
}
