import type { Kysely, Transaction } from 'kysely'
import { isVisibleToFamilies } from '~/domain/approval'
import { isAwardVisibleToFamilies } from '~/domain/award-records'
import { localDay } from '~/domain/school-time'
import {
  creditedHours,
  type EntryState,
  entryState,
  type Stage,
  stageOfLevel,
  summarisePractice,
} from '~/domain/social-practice'
import type {
  ActivityKind,
  AttendanceStatus,
  Database,
  ParticipationRole,
  PracticeCategory,
} from '../../db/schema'
import { listAwardsOfPupil, type PupilAward } from './award-records.server'
import { getPupil, listGuardiansOfPupil } from './pupils.server'
import { listAcademicYears, listTerms } from './school.server'

type Executor = Kysely<Database> | Transaction<Database>

/** Every participation of the pupil with what the record shows of its activity, newest first, in one query. */
async function listParticipationsOfPupil(
  db: Executor,
  { schoolId, studentId }: { schoolId: number; studentId: number },
) {
  const rows = await db
    .selectFrom('participations')
    .innerJoin('activities', 'activities.id', 'participations.activity_id')
    .innerJoin('seasons', 'seasons.id', 'activities.season_id')
    .leftJoin('strands', 'strands.id', 'activities.strand_id')
    // The class the pupil was in at the time, not today's.
    .innerJoin('classes', 'classes.id', 'participations.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('notice_windows', 'notice_windows.id', 'participations.notice_window_id')
    .select((eb) => [
      'participations.id',
      'participations.status',
      'participations.role',
      'participations.hours',
      'participations.note',
      'participations.excuse_reason as excuseReason',
      'activities.id as activityId',
      'activities.title',
      'activities.kind',
      'activities.status as activityStatus',
      'activities.starts_at as startsAt',
      'activities.ends_at as endsAt',
      'activities.practice_category as practiceCategory',
      'activities.practice_hours as practiceHours',
      'seasons.title as seasonTitle',
      'strands.title as strandTitle',
      'classes.number as classNumber',
      'classes.name as className',
      'grades.level as gradeLevel',
      'notice_windows.opens_on as windowOpensOn',
      'notice_windows.closes_on as windowClosesOn',
      eb
        .exists(
          eb
            .selectFrom('activity_partners')
            .innerJoin('partners', 'partners.id', 'activity_partners.partner_id')
            .select('activity_partners.partner_id')
            .whereRef('activity_partners.activity_id', '=', 'activities.id')
            .where('partners.patriotic_base', '=', 1),
        )
        .as('patrioticBase'),
      eb
        .exists(
          eb
            .selectFrom('notice_disputes')
            .select('notice_disputes.id')
            .whereRef('notice_disputes.participation_id', '=', 'participations.id')
            .where('notice_disputes.status', '=', 'open'),
        )
        .as('openDispute'),
    ])
    .where('participations.school_id', '=', schoolId)
    .where('participations.student_id', '=', studentId)
    .orderBy('activities.starts_at', 'desc')
    .orderBy('participations.id', 'desc')
    .execute()
  // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
  return rows.map((row) => ({
    ...row,
    patrioticBase: Boolean(row.patrioticBase),
    openDispute: Boolean(row.openDispute),
  }))
}

/**
 * Which of these activities a parent may open from the record: the activity page admits published
 * activities aimed at the child's current grade or class, so only those are linked.
 */
async function listActivitiesAimedAt(
  db: Executor,
  {
    schoolId,
    activityIds,
    gradeId,
    classId,
  }: { schoolId: number; activityIds: number[]; gradeId: number; classId: number },
): Promise<Set<number>> {
  if (activityIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('activities')
    .select('activities.id')
    .where('activities.school_id', '=', schoolId)
    .where('activities.id', 'in', activityIds)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('activity_grades')
            .select('activity_grades.activity_id')
            .whereRef('activity_grades.activity_id', '=', 'activities.id')
            .where('activity_grades.grade_id', '=', gradeId),
        ),
        eb.exists(
          eb
            .selectFrom('activity_classes')
            .select('activity_classes.activity_id')
            .whereRef('activity_classes.activity_id', '=', 'activities.id')
            .where('activity_classes.class_id', '=', classId),
        ),
      ]),
    )
    .execute()
  return new Set(rows.map((row) => row.id))
}

export type RecordAudience = 'staff' | 'family'

export type TimelineEntry = {
  id: number
  activityId: number
  title: string
  kind: ActivityKind
  startsAt: string
  endsAt: string
  seasonTitle: string
  strandTitle: string | null
  status: AttendanceStatus | null
  role: ParticipationRole
  /** 课时 credited to the pupil; null when they did not attend */
  hours: number | null
  practiceCategory: PracticeCategory | null
  stage: Stage
  classNumber: number
  className: string
  gradeLevel: number
  patrioticBase: boolean
  /** Where the entry stands in the 公示; only attended entries go on notice */
  state: EntryState
  /** Staff only: empty for families */
  note: string
  excuseReason: string
  /** Whether the reader may open the activity's page */
  linked: boolean
}

/** An award on the record: the pupil's own, their team's, or their class's */
export type RecordAward = Omit<PupilAward, 'activityStatus'> & {
  /** Whether the reader may open the activity's page */
  linked: boolean
}

export type TimelinePeriod = {
  key: string
  yearName: string | null
  termName: string | null
  entries: TimelineEntry[]
}

type DayRange = { startsOn: string; endsOn: string }
const within = (day: string) => (range: DayRange) => range.startsOn <= day && day <= range.endsOn

/** Entries (already newest first) grouped by the term they fell in, else the academic year, else none. */
function groupByPeriod(
  entries: TimelineEntry[],
  timeZone: string,
  years: (DayRange & { id: number; name: string })[],
  terms: (DayRange & { id: number; name: string; academicYearId: number })[],
): TimelinePeriod[] {
  const periods = new Map<string, TimelinePeriod>()
  for (const entry of entries) {
    const day = localDay(entry.startsAt, timeZone)
    const year = years.find(within(day))
    const term = year ? terms.find((t) => t.academicYearId === year.id && within(day)(t)) : undefined
    const key = term ? `term-${term.id}` : year ? `year-${year.id}` : 'none'
    let period = periods.get(key)
    if (!period) {
      period = { key, yearName: year?.name ?? null, termName: term?.name ?? null, entries: [] }
      periods.set(key, period)
    }
    period.entries.push(entry)
  }
  return [...periods.values()]
}

/**
 * A pupil's record: who they are, their awards, their activities grouped by term, and their
 * social-practice totals against the junior-stage requirements. Families get no guardians' list and no staff notes. A
 * constant number of queries, however long the record.
 */
export async function getPupilRecord(
  db: Executor,
  {
    schoolId,
    studentId,
    audience,
    timeZone,
    today,
  }: { schoolId: number; studentId: number; audience: RecordAudience; timeZone: string; today: string },
) {
  const pupil = await getPupil(db, { schoolId, id: studentId })
  if (!pupil) return undefined
  const [rows, awardRows, years, terms, guardians] = await Promise.all([
    listParticipationsOfPupil(db, { schoolId, studentId }),
    listAwardsOfPupil(db, { schoolId, studentId, currentClassId: pupil.classId }),
    listAcademicYears(db, { schoolId }),
    listTerms(db, { schoolId }),
    audience === 'staff' ? listGuardiansOfPupil(db, { schoolId, studentId }) : Promise.resolve([]),
  ])
  // Families read an award once it has been given, for an activity they may see.
  const awards =
    audience === 'family' ? awardRows.filter((award) => isAwardVisibleToFamilies(award, today)) : awardRows
  const openable =
    audience === 'family'
      ? await listActivitiesAimedAt(db, {
          schoolId,
          activityIds: [...new Set([...rows, ...awards].map((row) => row.activityId))],
          gradeId: pupil.gradeId,
          classId: pupil.classId,
        })
      : null
  const entries = rows.map(
    (row): TimelineEntry => ({
      id: row.id,
      activityId: row.activityId,
      title: row.title,
      kind: row.kind,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      seasonTitle: row.seasonTitle,
      strandTitle: row.strandTitle,
      status: row.status,
      role: row.role,
      hours: creditedHours(row),
      practiceCategory: row.practiceCategory,
      stage: stageOfLevel(row.gradeLevel),
      classNumber: row.classNumber,
      className: row.className,
      gradeLevel: row.gradeLevel,
      patrioticBase: row.patrioticBase,
      state: entryState(
        {
          window:
            row.windowOpensOn && row.windowClosesOn
              ? { opensOn: row.windowOpensOn, closesOn: row.windowClosesOn }
              : null,
          openDispute: row.openDispute,
        },
        today,
      ),
      note: audience === 'staff' ? row.note : '',
      excuseReason: audience === 'staff' ? row.excuseReason : '',
      linked: openable ? isVisibleToFamilies(row.activityStatus) && openable.has(row.activityId) : true,
    }),
  )
  return {
    pupil,
    guardians: guardians.map(({ displayName, relation }) => ({ name: displayName, relation })),
    practice: summarisePractice(pupil.schoolKind, rows),
    periods: groupByPeriod(entries, timeZone, years, terms),
    entryCount: entries.length,
    awards: awards.map(
      ({ activityStatus, ...award }): RecordAward => ({
        ...award,
        linked: openable ? isVisibleToFamilies(activityStatus) && openable.has(award.activityId) : true,
      }),
    ),
  }
}

export type PupilRecord = NonNullable<Awaited<ReturnType<typeof getPupilRecord>>>
