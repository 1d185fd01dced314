import type { Kysely, Transaction } from 'kysely'
import { chunks } from '../../db/query'
import type { Database, ParticipationRole } from '../../db/schema'
import { classLabel, gradeLabel, type SchoolKind } from '../domain/grades'
import type { Locale } from '../domain/locale'
import {
  isNamedRole,
  NAMED_ROLES,
  type RecapActivityFacts,
  type RecapAwardFacts,
  type RecapFacts,
  type RecapRoleFacts,
} from '../domain/recap-draft'

export type { RecapFacts }

type Executor = Kysely<Database> | Transaction<Database>

type ClassRow = { classId: number; className: string; classNumber: number; gradeLevel: number }

/** Grade, then class number: the order a school lists its classes in. */
function byClass(a: ClassRow, b: ClassRow): number {
  return a.gradeLevel - b.gradeLevel || a.classNumber - b.classNumber
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key)
  if (values) values.push(value)
  else map.set(key, [value])
}

/** Runs one statement per chunk of ids (one for any realistic recap) and concatenates the rows. */
async function inChunks<T>(ids: readonly number[], query: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const parts = await Promise.all(chunks(ids).map(query))
  return parts.flat()
}

/**
 * What the records say about the activities a recap covers, for draftRecap: the school, the season,
 * and for each activity of this school among `activityIds` (others are ignored) its strand, time,
 * place, targets, partners and guests, attendance, roles, hours and awards, labelled in `locale`.
 * Ten statements at most, whatever the number of activities and pupils.
 */
export async function loadRecapFacts(
  db: Executor,
  {
    schoolId,
    activityIds,
    seasonId,
    locale,
  }: { schoolId: number; activityIds: number[]; seasonId: number | null; locale: Locale },
): Promise<RecapFacts> {
  const school = await db
    .selectFrom('schools as s')
    .select((eb) => [
      's.name',
      's.kind',
      's.time_zone as timeZone',
      // An activity for all of them is for the whole school (全校).
      eb
        .selectFrom('grades as g')
        .select(eb.fn.countAll<number>().as('grades'))
        .whereRef('g.school_id', '=', 's.id')
        .as('gradeCount'),
    ])
    .where('s.id', '=', schoolId)
    .executeTakeFirstOrThrow()
  const season =
    seasonId === null
      ? undefined
      : await db
          .selectFrom('seasons')
          .select(['title', 'slogan', 'starts_on as startsOn', 'ends_on as endsOn'])
          .where('school_id', '=', schoolId)
          .where('id', '=', seasonId)
          .executeTakeFirst()
  const base = {
    locale,
    timeZone: school.timeZone,
    schoolName: school.name,
    schoolKind: school.kind,
    season: season ?? null,
  }

  const requested = [...new Set(activityIds)]
  const rows = requested.length
    ? await inChunks(requested, (part) =>
        db
          .selectFrom('activities as a')
          .leftJoin('strands as s', 's.id', 'a.strand_id')
          .select([
            'a.id',
            'a.title',
            'a.kind',
            'a.lesson',
            'a.starts_at as startsAt',
            'a.ends_at as endsAt',
            'a.venue',
            'a.off_campus as offCampus',
            'a.practice_category as practiceCategory',
            's.id as strandId',
            's.title as strandTitle',
            's.slogan as strandSlogan',
            's.position as strandPosition',
          ])
          .where('a.school_id', '=', schoolId)
          .where('a.id', 'in', part)
          .execute(),
      )
    : []
  if (rows.length === 0) return { ...base, activities: [] }
  rows.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id)
  const ids = rows.map((row) => row.id)

  const [targets, partners, participation, names, awards, recipients] = await Promise.all([
    loadTargets(db, schoolId, ids, locale, school.kind),
    loadPartners(db, schoolId, ids),
    loadParticipation(db, schoolId, ids),
    loadNamedPupils(db, schoolId, ids),
    loadAwards(db, schoolId, ids),
    loadAwardRecipients(db, schoolId, ids),
  ])

  const gradeCount = Number(school.gradeCount ?? 0)
  const label = (c: ClassRow) =>
    classLabel(locale, school.kind, { gradeLevel: c.gradeLevel, number: c.classNumber, name: c.className })

  const activities = rows.map((row): RecapActivityFacts => {
    const entries = participation.get(row.id) ?? []
    const attendedEntries = entries.filter((e) => e.status === 'attended')
    const roles = new Map<ParticipationRole, { count: number; classes: ClassRow[] }>()
    for (const entry of attendedEntries) {
      if (entry.role === 'participant') continue
      const role = roles.get(entry.role) ?? { count: 0, classes: [] }
      role.count += entry.pupils
      if (!role.classes.some((c) => c.classId === entry.classId)) role.classes.push(entry)
      roles.set(entry.role, role)
    }
    const namesOf = names.get(row.id) ?? []
    const credited = attendedEntries.filter((e) => e.credited > 0)
    const pupilsCredited = credited.reduce((sum, e) => sum + e.credited, 0)
    const least = Math.min(...credited.map((e) => e.leastHours))
    const most = Math.max(...credited.map((e) => e.mostHours))
    return {
      id: row.id,
      title: row.title,
      kind: row.kind,
      lesson: row.lesson,
      strand:
        row.strandId === null
          ? null
          : {
              id: row.strandId,
              title: row.strandTitle ?? '',
              slogan: row.strandSlogan ?? '',
              position: row.strandPosition ?? 0,
            },
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      venue: row.venue,
      offCampus: row.offCampus === 1,
      grades: targets.grades.get(row.id) ?? [],
      wholeSchool: gradeCount > 1 && (targets.grades.get(row.id)?.length ?? 0) === gradeCount,
      classes: targets.classes.get(row.id) ?? [],
      partners: partners.get(row.id)?.partner ?? [],
      guests: partners.get(row.id)?.guest ?? [],
      attended: entries.length ? attendedEntries.reduce((sum, e) => sum + e.pupils, 0) : null,
      roles: [...roles].map(
        ([role, { count, classes }]): RecapRoleFacts => ({
          role,
          count,
          classes: classes.sort(byClass).map(label),
          names: isNamedRole(role) ? namesOf.filter((n) => n.role === role).map((n) => n.name) : [],
        }),
      ),
      hours: pupilsCredited
        ? {
            category: row.practiceCategory,
            pupils: pupilsCredited,
            total: attendedEntries.reduce((sum, e) => sum + e.hours, 0),
            each: least === most ? least : null,
          }
        : null,
      awards: (awards.get(row.id) ?? []).map(
        (award): RecapAwardFacts => ({
          id: award.id,
          title: award.title,
          level: award.level,
          recipientKind: award.recipientKind,
          pupils: award.recipientKind === 'class' ? [] : (recipients.get(award.id) ?? []),
          teamName: award.teamName,
          className:
            award.classId === null || award.className === null
              ? null
              : label({
                  classId: award.classId,
                  className: award.className,
                  classNumber: award.classNumber ?? 0,
                  gradeLevel: award.gradeLevel ?? 0,
                }),
          presenterName: award.presenterName,
          presenterTitle: award.presenterTitle,
        }),
      ),
    }
  })
  return { ...base, activities }
}

/** Target grades and classes of the activities, labelled: two statements. */
async function loadTargets(db: Executor, schoolId: number, ids: number[], locale: Locale, kind: SchoolKind) {
  const [gradeRows, classRows] = await Promise.all([
    inChunks(ids, (part) =>
      db
        .selectFrom('activity_grades as ag')
        .innerJoin('grades as g', 'g.id', 'ag.grade_id')
        .select(['ag.activity_id as activityId', 'g.level', 'g.name'])
        .where('g.school_id', '=', schoolId)
        .where('ag.activity_id', 'in', part)
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom('activity_classes as ac')
        .innerJoin('classes as c', 'c.id', 'ac.class_id')
        .innerJoin('grades as g', 'g.id', 'c.grade_id')
        .select([
          'ac.activity_id as activityId',
          'c.id as classId',
          'c.name as className',
          'c.number as classNumber',
          'g.level as gradeLevel',
        ])
        .where('c.school_id', '=', schoolId)
        .where('ac.activity_id', 'in', part)
        .execute(),
    ),
  ])
  const grades = new Map<number, string[]>()
  for (const row of gradeRows.sort((a, b) => a.level - b.level)) {
    push(grades, row.activityId, gradeLabel(locale, kind, row))
  }
  const classes = new Map<number, string[]>()
  for (const row of classRows.sort(byClass)) {
    push(
      classes,
      row.activityId,
      classLabel(locale, kind, { ...row, number: row.classNumber, name: row.className }),
    )
  }
  return { grades, classes }
}

/** Partners and guests of the activities by name: one statement. */
async function loadPartners(db: Executor, schoolId: number, ids: number[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('activity_partners as ap')
      .innerJoin('partners as p', 'p.id', 'ap.partner_id')
      .select(['ap.activity_id as activityId', 'ap.role', 'p.name'])
      .where('p.school_id', '=', schoolId)
      .where('ap.activity_id', 'in', part)
      .orderBy('p.id')
      .execute(),
  )
  const byActivity = new Map<number, { partner: string[]; guest: string[] }>()
  for (const row of rows) {
    const entry = byActivity.get(row.activityId) ?? { partner: [], guest: [] }
    entry[row.role].push(row.name)
    byActivity.set(row.activityId, entry)
  }
  return byActivity
}

/**
 * Marked entries counted by activity, status, role and class, with the 课时 they credit (recorded
 * hours, else the activity's planned ones; see creditedHours): one statement that reads counts,
 * not pupils.
 */
async function loadParticipation(db: Executor, schoolId: number, ids: number[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('participations as p')
      .innerJoin('activities as a', 'a.id', 'p.activity_id')
      .innerJoin('classes as c', 'c.id', 'p.class_id')
      .innerJoin('grades as g', 'g.id', 'c.grade_id')
      .select((eb) => {
        const credit = eb.fn.coalesce('p.hours', 'a.practice_hours')
        return [
          'p.activity_id as activityId',
          'p.status',
          'p.role',
          'p.class_id as classId',
          'c.name as className',
          'c.number as classNumber',
          'g.level as gradeLevel',
          eb.fn.countAll<number>().as('pupils'),
          eb.fn.count<number>(credit).as('credited'),
          eb.fn.sum<number | null>(credit).as('hours'),
          eb.fn.min<number | null>(credit).as('leastHours'),
          eb.fn.max<number | null>(credit).as('mostHours'),
        ]
      })
      .where('p.school_id', '=', schoolId)
      .where('p.activity_id', 'in', part)
      .where('p.status', 'is not', null)
      .groupBy(['p.activity_id', 'p.status', 'p.role', 'p.class_id', 'c.name', 'c.number', 'g.level'])
      .execute(),
  )
  const byActivity = new Map<
    number,
    (ClassRow & {
      status: string | null
      role: ParticipationRole
      pupils: number
      credited: number
      hours: number
      leastHours: number
      mostHours: number
    })[]
  >()
  for (const row of rows) {
    // PostgreSQL returns counts and sums as strings.
    push(byActivity, row.activityId, {
      ...row,
      pupils: Number(row.pupils),
      credited: Number(row.credited),
      hours: Number(row.hours ?? 0),
      leastHours: Number(row.leastHours ?? 0),
      mostHours: Number(row.mostHours ?? 0),
    })
  }
  return byActivity
}

/** The names of pupils who attended in a named role (speakers, docents…), in class order: one statement. */
async function loadNamedPupils(db: Executor, schoolId: number, ids: number[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('participations as p')
      .innerJoin('students as st', 'st.id', 'p.student_id')
      .innerJoin('classes as c', 'c.id', 'p.class_id')
      .innerJoin('grades as g', 'g.id', 'c.grade_id')
      .select(['p.activity_id as activityId', 'p.role', 'st.name'])
      .where('p.school_id', '=', schoolId)
      .where('st.school_id', '=', schoolId)
      .where('p.activity_id', 'in', part)
      .where('p.status', '=', 'attended')
      .where('p.role', 'in', NAMED_ROLES)
      .orderBy('g.level')
      .orderBy('c.number')
      .orderBy('st.student_number')
      .execute(),
  )
  const byActivity = new Map<number, { role: ParticipationRole; name: string }[]>()
  for (const row of rows) push(byActivity, row.activityId, row)
  return byActivity
}

/** Awards of the activities in presenting order, with a class award's class: one statement. */
async function loadAwards(db: Executor, schoolId: number, ids: number[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('awards as w')
      .leftJoin('classes as c', 'c.id', 'w.class_id')
      .leftJoin('grades as g', 'g.id', 'c.grade_id')
      .select([
        'w.id',
        'w.activity_id as activityId',
        'w.title',
        'w.level',
        'w.recipient_kind as recipientKind',
        'w.team_name as teamName',
        'w.presenter_name as presenterName',
        'w.presenter_title as presenterTitle',
        'w.class_id as classId',
        'c.name as className',
        'c.number as classNumber',
        'g.level as gradeLevel',
      ])
      .where('w.school_id', '=', schoolId)
      .where('w.activity_id', 'in', part)
      .orderBy('w.position')
      .orderBy('w.id')
      .execute(),
  )
  const byActivity = new Map<number, (typeof rows)[number][]>()
  for (const row of rows) push(byActivity, row.activityId, row)
  return byActivity
}

/** The pupils named in the activities' pupil and team awards: one statement. */
async function loadAwardRecipients(db: Executor, schoolId: number, ids: number[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('award_recipients as r')
      .innerJoin('awards as w', 'w.id', 'r.award_id')
      .innerJoin('students as st', 'st.id', 'r.student_id')
      .select(['r.award_id as awardId', 'st.name'])
      .where('w.school_id', '=', schoolId)
      .where('st.school_id', '=', schoolId)
      .where('w.activity_id', 'in', part)
      .orderBy('st.student_number')
      .execute(),
  )
  const byAward = new Map<number, string[]>()
  for (const row of rows) push(byAward, row.awardId, row.name)
  return byAward
}
