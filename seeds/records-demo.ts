import { defaultClosesOn } from '../app/domain/notice-window'
import { localDay } from '../app/domain/school-time'
import type { ParticipationRole } from '../db/schema'
import { DEMO_TIME_ZONE, type DemoCalendar, plusDays } from './demo-calendar'
import {
  createAward,
  createConsent,
  createNoticeWindow,
  createNotification,
  createParticipations,
  type Db,
  type ParticipationSeed,
} from './factories'

/**
 * What happened at the demo schools' published activities, as the articles tell it: the grade-5
 * volunteer team of 40 at 银杏社区 and the care home, the grade-8 speakers, 藻北小学's flag-raisers and
 * pupil docents, the consents for the off-campus activities, and a notice window (公示) for one class.
 * Everyone else in a targeted grade attended, with a few deterministic absences. Only activities that
 * have passed get records; the follow-up visit ahead has its consent requests, still unanswered.
 */

type Pupil = { id: number; classId: number; className: string; gradeLevel: number; seq: number }

type SchoolData = {
  schoolId: number
  pupils: Pupil[]
  users: Map<string, number>
  guardians: Map<number, number[]>
  activities: Map<
    string,
    { id: number; startsAt: string; endsAt: string; hours: number | null; grades: number[] }
  >
}

export type RecordsSeedSummary = {
  participations: number
  consents: number
  noticeWindows: number
  awards: number
}

async function loadSchool(db: Db, schoolId: number): Promise<SchoolData> {
  const [pupils, users, guardianships, activities, activityGrades] = await Promise.all([
    db
      .selectFrom('students')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select([
        'students.id',
        'students.class_id as classId',
        'students.student_number as number',
        'classes.name as className',
        'grades.level as gradeLevel',
      ])
      .where('students.school_id', '=', schoolId)
      .orderBy('students.student_number')
      .execute(),
    db.selectFrom('users').select(['id', 'username']).where('school_id', '=', schoolId).execute(),
    db
      .selectFrom('guardianships')
      .innerJoin('students', 'students.id', 'guardianships.student_id')
      .select(['guardianships.student_id', 'guardianships.guardian_id'])
      .where('students.school_id', '=', schoolId)
      .execute(),
    // Only the published seasons' activities took place; next year's copy has not happened yet.
    db
      .selectFrom('activities')
      .innerJoin('seasons', 'seasons.id', 'activities.season_id')
      .select([
        'activities.id',
        'activities.title',
        'activities.starts_at',
        'activities.ends_at',
        'activities.practice_hours',
      ])
      .where('activities.school_id', '=', schoolId)
      .where('seasons.status', '=', 'published')
      .execute(),
    db
      .selectFrom('activity_grades')
      .innerJoin('activities', 'activities.id', 'activity_grades.activity_id')
      .innerJoin('grades', 'grades.id', 'activity_grades.grade_id')
      .select(['activity_grades.activity_id', 'grades.level'])
      .where('activities.school_id', '=', schoolId)
      .execute(),
  ])
  const guardians = new Map<number, number[]>()
  for (const g of guardianships)
    guardians.set(g.student_id, [...(guardians.get(g.student_id) ?? []), g.guardian_id])
  return {
    schoolId,
    // Student numbers end in the pupil's two-digit seat number within the class.
    pupils: pupils.map((p) => ({ ...p, seq: Number(p.number.slice(-2)) })),
    users: new Map(users.map((u) => [u.username, u.id])),
    guardians,
    activities: new Map(
      activities.map((a) => [
        a.title,
        {
          id: a.id,
          startsAt: a.starts_at,
          endsAt: a.ends_at,
          hours: a.practice_hours,
          grades: activityGrades.filter((g) => g.activity_id === a.id).map((g) => g.level),
        },
      ]),
    ),
  }
}

function activityOf(data: SchoolData, title: string) {
  const activity = data.activities.get(title)
  if (!activity) throw new Error(`Records demo: no published activity ${title}`)
  return activity
}

function userOf(data: SchoolData, username: string): number {
  const id = data.users.get(username)
  if (id === undefined) throw new Error(`Records demo: no user ${username}`)
  return id
}

/** One row per pupil in `pupils`; `detail` sets role, status, hours or note for particular pupils. */
function rowsFor(
  pupils: readonly Pupil[],
  detail: (pupil: Pupil, index: number) => Partial<ParticipationSeed> = () => ({}),
): ParticipationSeed[] {
  return pupils.map((pupil, index) => ({
    studentId: pupil.id,
    classId: pupil.classId,
    ...detail(pupil, index),
  }))
}

/** A few pupils of a whole-grade activity were away: every 29th absent, every 41st excused. */
function ordinaryAttendance(index: number): Partial<ParticipationSeed> {
  if (index % 41 === 17) return { status: 'excused', excuseReason: '病假' }
  if (index % 29 === 11) return { status: 'absent' }
  return {}
}

async function recordWholeGrades(
  db: Db,
  data: SchoolData,
  title: string,
  recordedBy: number,
  roles: (pupil: Pupil) => ParticipationRole | undefined = () => undefined,
): Promise<number> {
  const activity = activityOf(data, title)
  const pupils = data.pupils.filter((p) => activity.grades.includes(p.gradeLevel))
  await createParticipations(db, {
    schoolId: data.schoolId,
    activityId: activity.id,
    recordedBy,
    recordedAt: activity.endsAt,
    rows: rowsFor(pupils, (pupil, index) => {
      const role = roles(pupil)
      // Pupils with a part to play were there.
      return role ? { role } : ordinaryAttendance(index)
    }),
  })
  return pupils.length
}

/**
 * Consent requests went to every pupil of the targeted grades when the season was approved. The
 * team's guardians all agreed; of the rest most answered, on paper or in Siji.
 */
async function recordConsents(
  db: Db,
  data: SchoolData,
  activity: { id: number; startsAt: string; grades: number[] },
  team: ReadonlySet<number>,
  requestedAt: string,
): Promise<number> {
  const pupils = data.pupils.filter((p) => activity.grades.includes(p.gradeLevel))
  const answeredAt = new Date(Date.parse(requestedAt) + 2 * 86_400_000).toISOString()
  for (const [index, pupil] of pupils.entries()) {
    const guardianId = data.guardians.get(pupil.id)?.[0] ?? null
    const status =
      team.has(pupil.id) || index % 5 !== 4 ? 'given' : index % 10 === 4 ? 'refused' : 'requested'
    await createConsent(db, {
      schoolId: data.schoolId,
      activityId: activity.id,
      studentId: pupil.id,
      status,
      guardianId: status === 'requested' ? null : guardianId,
      // Without a guardian account in the demo, the class teacher entered the paper slip.
      note: status !== 'requested' && guardianId === null ? '纸质回执' : '',
      requestedAt,
      answeredAt: status === 'requested' ? null : answeredAt,
    })
  }
  return pupils.length
}

/**
 * The speech contest ended with an award ceremony, the school's Party secretary presenting. The
 * article does not say who won what: the levels here are the demo's own; every speaker is recognised.
 */
async function recordContestAwards(db: Db, data: SchoolData): Promise<number> {
  const contest = activityOf(data, '国防热点TED演讲及颁奖仪式')
  const speakers = data.pupils
    .filter((p) => contest.grades.includes(p.gradeLevel) && p.seq <= 2)
    .sort((a, b) => a.className.localeCompare(b.className) || a.seq - b.seq)
  // Speakers in class order; the levels are spread so no class takes the top prizes.
  const levels = ['third', 'second', 'merit', 'first', 'third', 'merit', 'second', 'third']
  const rank = (level: string) => ['merit', 'third', 'second', 'first'].indexOf(level)
  if (speakers.length !== levels.length) throw new Error(`Records demo: ${speakers.length} speakers, not 8`)
  // Presenting order: the lower levels first, the first prize last, as a ceremony builds up.
  const order = [...speakers.keys()].sort(
    (a, b) => rank(levels[a] as string) - rank(levels[b] as string) || a - b,
  )
  for (const [position, index] of order.entries()) {
    const speaker = speakers[index] as Pupil
    await createAward(db, {
      schoolId: data.schoolId,
      activityId: contest.id,
      title: '国防热点TED演讲',
      level: levels[index] as string,
      recipientKind: 'pupil',
      presenterName: '孙老师',
      presenterTitle: '校党支部书记',
      awardedOn: localDay(contest.startsAt, DEMO_TIME_ZONE),
      createdBy: userOf(data, 'jw-t-0801'),
      position: position + 1,
      recipients: [{ studentId: speaker.id, classId: speaker.classId }],
    })
  }
  return speakers.length
}

async function seedJiwangRecords(
  db: Db,
  data: SchoolData,
  calendar: DemoCalendar,
): Promise<RecordsSeedSummary> {
  const { today } = calendar
  const teacher = userOf(data, 'jw-teacher')
  let participations = 0

  // The volunteer team: ten pupils from each grade-5 class, 张思远 (五(2)班, seat 12) among them.
  const service = activityOf(data, '学雷锋志愿服务：走进银杏社区和敬老院')
  const team = data.pupils.filter(
    (p) => p.gradeLevel === 5 && (p.className === '五(2)班' ? p.seq >= 3 && p.seq <= 12 : p.seq <= 10),
  )
  if (team.length !== 40)
    throw new Error(`Records demo: the volunteer team has ${team.length} pupils, not 40`)
  await createParticipations(db, {
    schoolId: data.schoolId,
    activityId: service.id,
    recordedBy: teacher,
    recordedAt: service.endsAt,
    rows: rowsFor(team, (_pupil, index) => ({
      role: 'volunteer',
      hours: service.hours,
      added: true,
      // Six of every ten served at 银杏社区; the others worked at the care home.
      note: index % 10 < 6 ? '银杏社区' : '纪王敬老院',
    })),
  })
  participations += team.length
  const consents = await recordConsents(
    db,
    data,
    service,
    new Set(team.map((p) => p.id)),
    calendar.instant('2026-02-12T02:10:00.000Z'),
  )
  const followUp = await requestFollowUpConsents(db, data, calendar)

  // Two representatives of each grade-8 class spoke; the rest of the grade was the audience.
  participations += await recordWholeGrades(
    db,
    data,
    '国防热点TED演讲及颁奖仪式',
    userOf(data, 'jw-t-0801'),
    (p) => (p.seq <= 2 ? 'speaker' : undefined),
  )
  const awards = await recordContestAwards(db, data)
  for (const [title, recorder] of [
    ['陶艺感恩花束', 'jw-t-0101'],
    ['爱心手串', 'jw-t-0601'],
    ['「遇见独一无二的我」专题讲座', 'jw-t-0201'],
    ['「绘制我的高光时刻」团体辅导', 'jw-t-0701'],
    ['科普电影《寻觅自然：地磁倒转》观影与映后交流', 'jw-t-0202'],
    ['我为校园绿树穿新衣', 'jw-t-0401'],
  ] as const) {
    participations += await recordWholeGrades(db, data, title, userOf(data, recorder))
  }

  // 五(2)班's recorded hours are on notice now: opened two days ago.
  const opensOn = plusDays(today, -2)
  // As the app proposes: five school days after it opens (days off counted out), so today or later.
  const daysOff = await db
    .selectFrom('school_days_off')
    .select(['starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', data.schoolId)
    .execute()
  const closesOn = defaultClosesOn(opensOn, daysOff)
  const windowClass = team.find((p) => p.className === '五(2)班')
  if (!windowClass) throw new Error('Records demo: no 五(2)班 volunteers')
  const windowId = await createNoticeWindow(db, {
    schoolId: data.schoolId,
    classId: windowClass.classId,
    opensOn,
    closesOn,
    createdBy: userOf(data, 'jw-admin'),
  })
  const covered = await db
    .updateTable('participations')
    .set({ notice_window_id: windowId })
    .where('school_id', '=', data.schoolId)
    .where('class_id', '=', windowClass.classId)
    .where('status', '=', 'attended')
    .where('hours', '>', 0)
    .returning('student_id')
    .execute()
  const notified = new Set(covered.flatMap((row) => data.guardians.get(row.student_id) ?? []))
  for (const guardianId of notified) {
    await createNotification(db, {
      schoolId: data.schoolId,
      userId: guardianId,
      kind: 'notice-opened',
      entity: 'notice',
      entityId: windowId,
      params: { classId: windowClass.classId, closesOn },
      createdAt: `${opensOn}T01:00:00.000Z`,
    })
  }
  return { participations, consents: consents + followUp, noticeWindows: 1, awards }
}

async function seedZaobeiRecords(
  db: Db,
  data: SchoolData,
  calendar: DemoCalendar,
): Promise<RecordsSeedSummary> {
  let participations = 0
  // The flag party came from 五(1)班; the host of the call-and-response was a teacher.
  participations += await recordWholeGrades(
    db,
    data,
    '清明主题升旗仪式·微思政课',
    userOf(data, 'zb-admin'),
    (p) => {
      if (p.className !== '五(1)班') return undefined
      if (p.seq === 1) return 'flag_raiser'
      return p.seq <= 3 ? 'flag_guard' : undefined
    },
  )
  participations += await recordWholeGrades(db, data, '「红色宣讲员」行动启动', userOf(data, 'zb-teacher'))
  // Two trained pupil docents per class of grades 4 and 5 told the memorial's story.
  participations += await recordWholeGrades(
    db,
    data,
    '纪念广场师生讲解与《光荣的藻北 战斗的藻北》主题演讲',
    userOf(data, 'zb-t-0401'),
    (p) => (p.seq === 4 || p.seq === 5 ? 'docent' : undefined),
  )
  participations += await recordWholeGrades(db, data, '「红色数字探秘」研学', userOf(data, 'zb-t-0501'))

  // Five Young Pioneer representatives per grade-5 class joined the Party day study tour.
  const tour = activityOf(data, '「追寻红色足迹·凝聚网格合力」主题党日红色研学')
  const representatives = data.pupils.filter((p) => p.gradeLevel === 5 && p.seq >= 6 && p.seq <= 10)
  await createParticipations(db, {
    schoolId: data.schoolId,
    activityId: tour.id,
    recordedBy: userOf(data, 'zb-t-0501'),
    recordedAt: tour.endsAt,
    rows: rowsFor(representatives, () => ({ added: true })),
  })
  participations += representatives.length
  const consents = await recordConsents(
    db,
    data,
    tour,
    new Set(representatives.map((p) => p.id)),
    calendar.instant('2026-03-20T03:00:00.000Z'),
  )
  return { participations, consents, noticeWindows: 0, awards: 0 }
}

/**
 * The follow-up visit was published a few days ago: every grade-5 guardian has been asked, and
 * nobody has answered yet (jw-parent among them, for 张思远).
 */
async function requestFollowUpConsents(db: Db, data: SchoolData, calendar: DemoCalendar): Promise<number> {
  const visit = activityOf(data, '学雷锋志愿服务回头看：再访银杏社区')
  const pupils = data.pupils.filter((p) => visit.grades.includes(p.gradeLevel))
  for (const pupil of pupils) {
    await createConsent(db, {
      schoolId: data.schoolId,
      activityId: visit.id,
      studentId: pupil.id,
      requestedAt: calendar.fromToday(-2, '16:00'),
    })
  }
  return pupils.length
}

/** The calendar's `today` is the school-local day the demo is seeded, so the notice window is open when people look. */
export async function seedRecordsDemo(
  db: Db,
  { schoolId, slug, calendar }: { schoolId: number; slug: string; calendar: DemoCalendar },
): Promise<RecordsSeedSummary> {
  switch (slug) {
    case 'jiwang':
      return seedJiwangRecords(db, await loadSchool(db, schoolId), calendar)
    case 'zaobei':
      return seedZaobeiRecords(db, await loadSchool(db, schoolId), calendar)
    default:
      return { participations: 0, consents: 0, noticeWindows: 0, awards: 0 }
  }
}
