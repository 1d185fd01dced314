import { shiftActivityDay } from '../app/domain/season-copy'
import type { ActivityKind, PartnerCategory, PartnerRole, PlanStatus, PracticeCategory } from '../db/schema'
import {
  type DemoCalendar,
  earlierDay,
  laterDay,
  nextSchoolWeeks,
  observanceKey,
  plusDays,
  type SchoolDays,
  schoolDayAhead,
} from './demo-calendar'
import {
  createActivity,
  createNotification,
  createPartner,
  createReview,
  createSeason,
  createStrand,
  createUser,
  type Db,
  shanghaiInstant,
} from './factories'

/**
 * The planning part of the demo: each school's talent pool, the seasons the source articles
 * describe (FACTS.md), written for spring 2026 and moved by the demo calendar to its spring, and
 * each school's routine of the weeks ahead (flag-raising, class meetings, 纪王's follow-up visit to
 * 银杏社区), placed from the day of seeding so that every grade has something coming up.
 */

type PartnerSpec = {
  name: string
  category: PartnerCategory
  offers: string
  patrioticBase?: boolean
  contactName: string
  contactPhone: string
  notes?: string
}

/** [title, owner's username, due day, day done] */
type TaskSpec = [title: string, owner: string, dueOn: string, doneOn?: string]

type ActivitySpec = {
  /** Index into the season's strands */
  strand: number | null
  title: string
  kind: ActivityKind
  lesson?: string
  day: string
  from: string
  to: string
  venue: string
  offCampus?: boolean
  needsConsent?: boolean
  capacity?: number
  description: string
  practiceCategory?: PracticeCategory
  practiceHours?: number
  observance?: string
  transport?: string
  contactPhone?: string
  consentDueOn?: string
  /** Grade levels targeted as a whole */
  grades?: number[]
  /** Class names targeted singly */
  classes?: string[]
  organiser: string
  staff: string[]
  partners?: { name: string; role: PartnerRole }[]
  tasks: TaskSpec[]
}

type SeasonSpec = {
  year: string
  title: string
  slogan: string
  description: string
  startsOn: string
  endsOn: string
  owner: string
  strands: { title: string; slogan: string; grades: number[] }[]
  activities: ActivitySpec[]
}

type History = {
  status: PlanStatus
  createdAt: string
  reviews: { action: 'submitted' | 'approved' | 'published'; actor: string; at: string }[]
}

type Lookup = {
  schoolId: number
  users: Map<string, number>
  grades: Map<number, number>
  classes: Map<string, number>
  years: Map<string, number>
  partners: Map<string, number>
  yearRanges: { name: string; startsOn: string; endsOn: string }[]
  schoolDays: SchoolDays
}

export type PlanningSeedSummary = { accounts: number; partners: number; seasons: number; activities: number }

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key)
  if (value === undefined) throw new Error(`Planning demo: no ${what} ${String(key)}`)
  return value
}

// --- Moving dates: to the demo's spring, and a year on for the copy, as the app's season copy does ---

type MoveDay = (day: string, observance?: string | null) => string

/** The season with every day moved; an activity tied to an observance keeps its distance to it. */
function movedSeason(spec: SeasonSpec, move: MoveDay, year: string): SeasonSpec {
  return {
    ...spec,
    year,
    startsOn: move(spec.startsOn),
    endsOn: move(spec.endsOn),
    activities: spec.activities.map((activity) => ({
      ...activity,
      day: move(activity.day, activity.observance),
      tasks: activity.tasks.map(
        ([title, owner, dueOn, doneOn]): TaskSpec =>
          doneOn ? [title, owner, move(dueOn), move(doneOn)] : [title, owner, move(dueOn)],
      ),
    })),
  }
}

/** As the demo calendar has it: the spring season in the anchor spring, its history before it. */
function inDemoSpring(spec: SeasonSpec, history: History, calendar: DemoCalendar): [SeasonSpec, History] {
  return [
    movedSeason(spec, calendar.day, calendar.yearName(spec.year)),
    {
      ...history,
      createdAt: calendar.instant(history.createdAt),
      reviews: history.reviews.map((r) => ({ ...r, at: calendar.instant(r.at) })),
    },
  ]
}

/** The season as a teacher would have it after copying it `years` on: new dates, checklists to do again. */
function copiedSeason(spec: SeasonSpec, years: number, year: string, title: string): SeasonSpec {
  const moved = movedSeason(
    spec,
    (day, observance) => shiftActivityDay(day, years, observanceKey(observance)),
    year,
  )
  return {
    ...moved,
    title,
    activities: moved.activities.map((activity) => ({
      ...activity,
      tasks: activity.tasks.map(([title, owner, dueOn]): TaskSpec => [title, owner, dueOn]),
    })),
  }
}

// --- Writing ---

async function insertSeason(
  db: Db,
  lookup: Lookup,
  spec: SeasonSpec,
  history: History,
  copiedFromId: number | null = null,
): Promise<{ seasonId: number; activities: number }> {
  const { schoolId, users } = lookup
  const user = (username: string) => required(users, username, 'user')
  const creator = user(spec.owner)
  const seasonId = await createSeason(db, {
    schoolId,
    academicYearId: required(lookup.years, spec.year, 'academic year'),
    title: spec.title,
    slogan: spec.slogan,
    description: spec.description,
    startsOn: spec.startsOn,
    endsOn: spec.endsOn,
    ownerId: creator,
    status: history.status,
    copiedFromId,
    createdAt: history.createdAt,
    updatedAt: history.reviews.at(-1)?.at ?? history.createdAt,
  })
  const strandIds: number[] = []
  for (const [index, strand] of spec.strands.entries()) {
    strandIds.push(
      await createStrand(db, {
        schoolId,
        seasonId,
        title: strand.title,
        slogan: strand.slogan,
        position: index + 1,
        gradeIds: strand.grades.map((level) => required(lookup.grades, level, 'grade')),
      }),
    )
  }
  const strandOf = new Map(strandIds.entries())
  for (const activity of spec.activities) {
    await createActivity(db, {
      schoolId,
      seasonId,
      strandId: activity.strand === null ? null : required(strandOf, activity.strand, 'strand'),
      title: activity.title,
      kind: activity.kind,
      lesson: activity.lesson,
      startsAt: shanghaiInstant(activity.day, activity.from),
      endsAt: shanghaiInstant(activity.day, activity.to),
      venue: activity.venue,
      offCampus: activity.offCampus,
      needsConsent: activity.needsConsent,
      organiserId: user(activity.organiser),
      capacity: activity.capacity,
      description: activity.description,
      practiceCategory: activity.practiceCategory,
      practiceHours: activity.practiceHours,
      observance: activity.observance,
      transport: activity.transport,
      contactPhone: activity.contactPhone,
      consentDueOn: activity.consentDueOn,
      status: history.status,
      createdBy: creator,
      createdAt: history.createdAt,
      updatedAt: history.reviews.at(-1)?.at ?? history.createdAt,
      gradeIds: (activity.grades ?? []).map((level) => required(lookup.grades, level, 'grade')),
      classIds: (activity.classes ?? []).map((name) => required(lookup.classes, name, 'class')),
      // As in the app, the organiser is not listed again among the staff.
      staffIds: activity.staff.filter((username) => username !== activity.organiser).map(user),
      partners: (activity.partners ?? []).map((p) => ({
        partnerId: required(lookup.partners, p.name, 'partner'),
        role: p.role,
      })),
      tasks: activity.tasks.map(([title, owner, dueOn, doneOn]) => ({
        title,
        ownerId: user(owner),
        dueOn,
        doneAt: doneOn ? shanghaiInstant(doneOn, '17:00') : null,
      })),
    })
  }
  // Snapshots are left null: the demo history predates any decision worth comparing against.
  for (const review of history.reviews) {
    await createReview(db, {
      schoolId,
      entity: 'season',
      entityId: seasonId,
      actorId: user(review.actor),
      action: review.action,
      createdAt: review.at,
    })
  }
  return { seasonId, activities: spec.activities.length }
}

async function loadLookup(db: Db, schoolId: number): Promise<Lookup> {
  const [users, grades, classes, years, terms, daysOff] = await Promise.all([
    db.selectFrom('users').select(['id', 'username']).where('school_id', '=', schoolId).execute(),
    db.selectFrom('grades').select(['id', 'level']).where('school_id', '=', schoolId).execute(),
    db.selectFrom('classes').select(['id', 'name']).where('school_id', '=', schoolId).execute(),
    db
      .selectFrom('academic_years')
      .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
      .where('school_id', '=', schoolId)
      .execute(),
    db
      .selectFrom('terms')
      .select(['starts_on as startsOn', 'ends_on as endsOn'])
      .where('school_id', '=', schoolId)
      .execute(),
    db
      .selectFrom('school_days_off')
      .select(['starts_on as startsOn', 'ends_on as endsOn'])
      .where('school_id', '=', schoolId)
      .execute(),
  ])
  return {
    schoolId,
    users: new Map(users.map((u) => [u.username, u.id])),
    grades: new Map(grades.map((g) => [g.level, g.id])),
    classes: new Map(classes.map((c) => [c.name, c.id])),
    years: new Map(years.map((y) => [y.name, y.id])),
    partners: new Map(),
    yearRanges: years,
    schoolDays: { terms, daysOff },
  }
}

async function insertPartners(db: Db, lookup: Lookup, partners: readonly PartnerSpec[]): Promise<void> {
  for (const partner of partners) {
    lookup.partners.set(partner.name, await createPartner(db, { schoolId: lookup.schoolId, ...partner }))
  }
}

// --- The weeks ahead, in every school ---

type RoutineSpec = {
  /** The school's name for its programme of the year */
  title: string
  slogan: string
  description: string
  owner: string
  organiser: string
  meeting: { title: string; description: string; venue: string }
}

const ROUTINES: Record<string, RoutineSpec> = {
  jiwang: {
    title: '校园四季活动',
    slogan: '学科融合·全域育人',
    description: '纪王学校一年的德育节奏：每周一升旗仪式，每周五主题班会，四季各有主题活动。',
    owner: 'jw-admin',
    organiser: 'jw-admin',
    meeting: {
      title: '主题班会',
      description: '各班围绕本周德育主题开展班会，由班主任主持。',
      venue: '各班教室',
    },
  },
  zaobei: {
    title: '常规德育活动',
    slogan: '铭记藻北历史，传承红色基因',
    description: '藻北小学每周的常规德育安排：周一升旗仪式，周五主题班会。',
    owner: 'zb-admin',
    organiser: 'zb-admin',
    meeting: {
      title: '主题班会',
      description: '各班围绕本周德育主题开展班会，由班主任主持。',
      venue: '各班教室',
    },
  },
  huaishao: {
    title: '园所常规活动',
    slogan: '看见·理解·共生',
    description: '怀少幼儿园每周的常规活动：周一升旗仪式，周五「我的一周」分享。',
    owner: 'hs-admin',
    organiser: 'hs-admin',
    meeting: {
      title: '「我的一周」分享',
      description: '各班孩子围坐分享这一周的游戏和发现，老师记录下来与家长交流。',
      venue: '各班活动室',
    },
  },
}

/** How many school weeks ahead the routine is planned. */
const ROUTINE_WEEKS = 3

/**
 * The school's published programme of the year with its weekly flag-raising (each school week's
 * first school day) and class meeting (its last) for every grade, those still to come in this and
 * the next school weeks; in a holiday, the first weeks of the next term. At 纪王, also the follow-up of the 学雷锋 service.
 */
async function insertRoutine(
  db: Db,
  lookup: Lookup,
  calendar: DemoCalendar,
  slug: string,
): Promise<{ seasonId: number; activities: number }> {
  const routine = ROUTINES[slug]
  if (!routine) throw new Error(`Planning demo: no routine for ${slug}`)
  const { today } = calendar
  const weeks = nextSchoolWeeks(today, lookup.schoolDays, ROUTINE_WEEKS)
  const first = weeks[0]
  if (!first) throw new Error(`Planning demo: no school week after ${today}`)
  const year = lookup.yearRanges.find((y) => y.startsOn <= first.last && first.last <= y.endsOn)
  if (!year) throw new Error(`Planning demo: no academic year holds ${first.last}`)
  const grades = [...lookup.grades.keys()].sort((a, b) => a - b)
  const weekly = (day: string, meeting: boolean): ActivitySpec =>
    meeting
      ? {
          strand: null,
          title: routine.meeting.title,
          kind: 'class_meeting',
          day,
          from: '15:40',
          to: '16:20',
          venue: routine.meeting.venue,
          description: routine.meeting.description,
          grades,
          organiser: routine.organiser,
          staff: [],
          tasks: [],
        }
      : {
          strand: null,
          title: '升旗仪式',
          kind: 'ceremony',
          day,
          from: '08:00',
          to: '08:30',
          venue: '操场',
          description:
            '全体师生在操场举行升旗仪式，升旗手、护旗手由各班轮流推选，国旗下讲话围绕本周德育主题。',
          grades,
          organiser: routine.organiser,
          staff: [],
          tasks: [],
        }
  // What is still to come: today's flag-raising is over by mid-morning, its class meeting later.
  const ahead = (activity: ActivitySpec) =>
    shanghaiInstant(activity.day, activity.from) > calendar.now.toISOString()
  const activities = weeks
    .flatMap((week) => [weekly(week.first, false), weekly(week.last, true)])
    .filter(ahead)
  if (slug === 'jiwang') activities.push(followUpVisit(calendar, lookup.schoolDays))

  // Published before its year began (or, in a summer holiday, a week ago), as a school would have.
  const base = earlierDay(year.startsOn, today)
  const at = (days: number, time: string) => shanghaiInstant(plusDays(base, days), time)
  return insertSeason(
    db,
    lookup,
    {
      year: year.name,
      title: routine.title,
      slogan: routine.slogan,
      description: routine.description,
      startsOn: year.startsOn,
      endsOn: year.endsOn,
      owner: routine.owner,
      strands: [],
      activities,
    },
    {
      status: 'published',
      createdAt: at(-14, '10:00'),
      reviews: [
        { action: 'submitted', actor: routine.owner, at: at(-12, '10:00') },
        { action: 'approved', actor: routine.owner, at: at(-10, '10:00') },
        { action: 'published', actor: routine.owner, at: at(-7, '09:00') },
      ],
    },
  )
}

/**
 * 回头看 (the follow-up of the community articles' closed loop) after the 学雷锋 service: the grade-5
 * team goes back to 银杏社区 about two weeks from now. Its consent requests wait for answers.
 */
function followUpVisit(calendar: DemoCalendar, schoolDays: SchoolDays): ActivitySpec {
  const day = schoolDayAhead(calendar.today, schoolDays, 10, 21)
  const dueOn = laterDay(plusDays(day, -3), calendar.today)
  return {
    strand: null,
    title: '学雷锋志愿服务回头看：再访银杏社区',
    kind: 'service',
    day,
    from: '13:30',
    to: '15:30',
    venue: '银杏社区',
    offCampus: true,
    needsConsent: true,
    capacity: 40,
    practiceCategory: 'public_service',
    practiceHours: 2,
    transport: '步行前往，教师和家长志愿者护送',
    contactPhone: '138 0000 2605',
    consentDueOn: dueOn,
    description:
      '春季学雷锋志愿服务的回头看：五年级志愿服务小队再到银杏社区，看看宣传栏和绿地是否保持整洁，' +
      '回访独居老人，并和居委会商定下一次服务的岗位。',
    grades: [5],
    organiser: 'jw-teacher',
    staff: ['jw-teacher', 'jw-t-0501'],
    partners: [
      { name: '银杏社区', role: 'partner' },
      { name: '刘先生（五(2)班家长）', role: 'partner' },
    ],
    tasks: [
      ['与银杏社区确认回访岗位和人数', 'jw-t-0501', plusDays(day, -5)],
      ['回收家长知情同意书', 'jw-teacher', dueOn],
    ],
  }
}

// --- 闵行区纪王学校 ---

// Contacts and phone numbers are fictional; 汪洁 is a public guest named in the article.
const JIWANG_PARTNERS: readonly PartnerSpec[] = [
  {
    name: '银杏社区',
    category: 'community',
    offers: '学雷锋志愿服务岗位：清理宣传栏、捡拾垃圾、陪伴独居老人',
    contactName: '居委会陆主任',
    contactPhone: '021-5488 0316',
    notes: '步行约15分钟；服务前一周与居委会确认岗位和人数。',
  },
  {
    name: '纪王敬老院',
    category: 'care_home',
    offers: '助老劳动：整理活动室、打扫院落、陪老人聊天、表演小节目',
    contactName: '钱院长',
    contactPhone: '021-5488 0752',
    notes: '每批接待不超过20名学生，需提前三天预约。',
  },
  {
    name: '汪洁',
    category: 'expert',
    offers: '科普电影映后交流、科普讲座',
    contactName: '邵女士（出品方联络人）',
    contactPhone: '021-6418 0520',
    notes: '《寻秘自然》导演、系列片编剧、科普作家；公开嘉宾。',
  },
  {
    name: '张女士（一(2)班家长）',
    category: 'parent_volunteer',
    offers: '陶艺课助教、活动摄影',
    contactName: '张女士',
    contactPhone: '138 0000 1208',
  },
  {
    name: '刘先生（五(2)班家长）',
    category: 'parent_volunteer',
    offers: '校外活动护送；持红十字救护员证',
    contactName: '刘先生',
    contactPhone: '138 0000 3471',
  },
  {
    name: '中国共产党第一次全国代表大会纪念馆',
    category: 'museum',
    offers: '红色研学参观、青少年讲解员培训',
    patrioticBase: true,
    contactName: '社教部团体预约',
    contactPhone: '021-5300 0921',
    notes: '爱国主义教育基地；团体参观提前两周预约。',
  },
]

const GRADE_HEADS = (level: number) => [1, 2, 3, 4].map((n) => `jw-t-0${level}0${n}`)

const SPRING_2026: SeasonSpec = {
  year: '2025-2026',
  title: '春·播感恩季',
  slogan: '策马笃行启新章，感恩润心伴成长',
  description:
    '以感恩教育为主线，把德育融进陶艺、劳技、心理等课堂：一、六年级感恩父母，二、七年级感恩生命，' +
    '二、四年级感恩自然，五、八年级感恩社会。学生在动手创作、观影交流、志愿服务和演讲中体会感恩，' +
    '涵养责任意识与家国情怀。',
  startsOn: '2026-03-02',
  endsOn: '2026-03-31',
  owner: 'jw-teacher',
  strands: [
    { title: '感恩父母', slogan: '感恩父母·指尖传爱·孝暖庭闱', grades: [1, 6] },
    { title: '感恩生命', slogan: '感恩生命·心绘韶光·向阳而生', grades: [2, 7] },
    { title: '感恩自然', slogan: '探微知宏，艺护共生', grades: [2, 4] },
    { title: '感恩社会', slogan: '心怀国之大者，勇担时代使命', grades: [5, 8] },
  ],
  activities: [
    {
      strand: 0,
      title: '陶艺感恩花束',
      kind: 'workshop',
      lesson: '陶艺课',
      day: '2026-03-06',
      from: '13:00',
      to: '14:30',
      venue: '陶艺室',
      observance: 'womens-day',
      description: '一年级学生在陶艺课上制作陶艺感恩花束，赶在“三八”国际妇女节前带回家送给妈妈。',
      grades: [1],
      organiser: 'jw-t-0101',
      staff: GRADE_HEADS(1),
      partners: [{ name: '张女士（一(2)班家长）', role: 'partner' }],
      tasks: [
        ['采购陶泥、釉料和包装纸', 'jw-t-0101', '2026-02-27', '2026-02-26'],
        ['预约陶艺室和窑炉烧制时段', 'jw-t-0102', '2026-03-02', '2026-03-02'],
        ['在班级群提醒家长：花束周五带回家', 'jw-t-0103', '2026-03-05', '2026-03-05'],
        ['收集作品照片，用于活动回顾', 'jw-t-0104', '2026-03-09'],
      ],
    },
    {
      strand: 0,
      title: '爱心手串',
      kind: 'workshop',
      lesson: '劳技课',
      day: '2026-03-04',
      from: '13:30',
      to: '15:00',
      venue: '劳技教室',
      description: '六年级学生在劳技课上用彩珠串成爱心手串，送给父母，表达感恩与祝福。',
      grades: [6],
      organiser: 'jw-t-0601',
      staff: GRADE_HEADS(6),
      tasks: [
        ['清点彩珠和弹力线，按班分装', 'jw-t-0601', '2026-03-02', '2026-03-02'],
        ['准备手串制作步骤图', 'jw-t-0602', '2026-03-03', '2026-03-03'],
      ],
    },
    {
      strand: 1,
      title: '「遇见独一无二的我」专题讲座',
      kind: 'lecture',
      day: '2026-03-10',
      from: '13:30',
      to: '14:30',
      venue: '报告厅',
      description: '心理老师带领二年级全体学生认识自我、欣赏自我、接纳自我。',
      grades: [2],
      organiser: 'jw-psychology',
      staff: ['jw-psychology', ...GRADE_HEADS(2)],
      tasks: [
        ['调试报告厅投影和话筒', 'jw-t-0201', '2026-03-09', '2026-03-09'],
        ['准备“我的独特之处”小卡片', 'jw-psychology', '2026-03-09', '2026-03-06'],
      ],
    },
    {
      strand: 1,
      title: '「绘制我的高光时刻」团体辅导',
      kind: 'counselling',
      lesson: '心理课',
      day: '2026-03-11',
      from: '13:30',
      to: '15:00',
      venue: '心理辅导室',
      description: '七年级学生在心理课上用画笔记录成长中的闪光瞬间，在小组分享中发现自身亮点。',
      grades: [7],
      organiser: 'jw-psychology',
      staff: ['jw-psychology', ...GRADE_HEADS(7)],
      tasks: [
        ['准备彩笔和绘画纸', 'jw-psychology', '2026-03-10', '2026-03-10'],
        ['排定分享环节的小组名单', 'jw-t-0701', '2026-03-10', '2026-03-09'],
      ],
    },
    {
      strand: 2,
      title: '科普电影《寻觅自然：地磁倒转》观影与映后交流',
      kind: 'screening',
      day: '2026-03-13',
      from: '13:30',
      to: '15:30',
      venue: '报告厅',
      description: '二年级全体学生观看科普电影，映后由《寻秘自然》导演、科普作家汪洁与孩子们面对面交流。',
      grades: [2],
      organiser: 'jw-t-0202',
      staff: ['jw-admin', ...GRADE_HEADS(2)],
      partners: [{ name: '汪洁', role: 'guest' }],
      tasks: [
        ['确认汪洁导演到校时间和接待安排', 'jw-admin', '2026-03-06', '2026-03-05'],
        ['确认影片片源和放映授权', 'jw-t-0202', '2026-03-09', '2026-03-09'],
        ['每班收集3个想问导演的问题', 'jw-t-0203', '2026-03-12', '2026-03-12'],
      ],
    },
    {
      strand: 2,
      title: '我为校园绿树穿新衣',
      kind: 'workshop',
      day: '2026-03-12',
      from: '13:30',
      to: '15:00',
      venue: '校园绿地',
      observance: 'tree-planting-day',
      description: '植树节当天，四年级学生以小组为单位为校园树木装扮“新衣”，在劳动中树立护绿意识。',
      grades: [4],
      organiser: 'jw-t-0401',
      staff: GRADE_HEADS(4),
      tasks: [
        ['准备麻布、彩绳和安全剪刀', 'jw-t-0401', '2026-03-10', '2026-03-10'],
        ['划分各班负责的树木', 'jw-t-0402', '2026-03-10', '2026-03-11'],
        ['两周后回头看：检查树衣是否影响树木生长', 'jw-t-0403', '2026-03-26'],
      ],
    },
    {
      strand: 3,
      title: '学雷锋志愿服务：走进银杏社区和敬老院',
      kind: 'service',
      day: '2026-03-05',
      from: '13:30',
      to: '15:30',
      venue: '银杏社区、纪王敬老院',
      offCampus: true,
      needsConsent: true,
      capacity: 40,
      practiceCategory: 'public_service',
      practiceHours: 2,
      observance: 'lei-feng-day',
      description:
        '五年级40名学生组成志愿服务小队，在银杏社区擦拭宣传栏、清理白色垃圾、陪伴独居老人，' +
        '并到敬老院劳动，践行“奉献、友爱、互助、进步”的志愿服务精神。',
      grades: [5],
      organiser: 'jw-teacher',
      staff: ['jw-teacher', 'jw-t-0501', 'jw-t-0503'],
      partners: [
        { name: '银杏社区', role: 'partner' },
        { name: '纪王敬老院', role: 'partner' },
        { name: '刘先生（五(2)班家长）', role: 'partner' },
      ],
      tasks: [
        ['校外活动安全预案', 'jw-teacher', '2026-02-27', '2026-02-26'],
        ['发放并回收家长知情同意书', 'jw-teacher', '2026-03-03', '2026-03-03'],
        ['与银杏社区确认服务岗位和人数', 'jw-t-0501', '2026-03-02', '2026-03-02'],
        ['与纪王敬老院确认到访时段', 'jw-t-0501', '2026-03-02', '2026-03-03'],
        ['准备志愿者马甲、手套和垃圾夹', 'jw-t-0503', '2026-03-04', '2026-03-04'],
        ['登记每位志愿者的公益劳动课时', 'jw-teacher', '2026-03-12'],
      ],
    },
    {
      strand: 3,
      title: '国防热点TED演讲及颁奖仪式',
      kind: 'contest',
      day: '2026-03-27',
      from: '13:30',
      to: '15:30',
      venue: '报告厅',
      capacity: 8,
      description:
        '八年级围绕“智能时代的国防新边界”“动荡世界里的中国国防”两大主题开展国防热点TED演讲，' +
        '8位班级代表依次登台；演讲后举行颁奖仪式，由校党支部书记为获奖同学颁奖。',
      grades: [8],
      organiser: 'jw-t-0801',
      staff: ['jw-secretary', ...GRADE_HEADS(8)],
      tasks: [
        ['每班推选2名演讲代表', 'jw-t-0801', '2026-03-13', '2026-03-13'],
        ['组建评委组，确定评分表', 'jw-t-0802', '2026-03-20', '2026-03-19'],
        ['邀请校党支部书记颁奖', 'jw-t-0801', '2026-03-20', '2026-03-16'],
        ['准备奖状和奖品', 'jw-admin', '2026-03-25', '2026-03-25'],
      ],
    },
  ],
}

async function seedJiwang(
  db: Db,
  lookup: Lookup,
  lockedHash: string,
  calendar: DemoCalendar,
): Promise<PlanningSeedSummary> {
  const { schoolId } = lookup
  // Staff the article mentions by role only; nobody knows their password.
  for (const [username, role, displayName] of [
    ['jw-psychology', 'teacher', '心理老师宋老师'],
    ['jw-secretary', 'admin', '党支部书记孙老师'],
  ] as const) {
    const user = await createUser(db, { schoolId, role, username, displayName, passwordHash: lockedHash })
    lookup.users.set(username, user.id)
  }
  await insertPartners(db, lookup, JIWANG_PARTNERS)

  const [season, history] = inDemoSpring(
    SPRING_2026,
    {
      status: 'published',
      createdAt: '2026-02-09T02:00:00.000Z',
      reviews: [
        { action: 'submitted', actor: 'jw-teacher', at: '2026-02-10T07:30:00.000Z' },
        { action: 'approved', actor: 'jw-admin', at: '2026-02-12T02:10:00.000Z' },
        { action: 'published', actor: 'jw-admin', at: '2026-02-13T01:00:00.000Z' },
      ],
    },
    calendar,
  )
  const spring = await insertSeason(db, lookup, season, history)

  // Next spring's copy, submitted by 周老师 two weeks ago and waiting in jw-admin's review queue.
  const title = `春·播感恩季（${calendar.springYear + 1}）`
  const submittedAt = calendar.fromToday(-13, '11:15')
  const next = await insertSeason(
    db,
    lookup,
    copiedSeason(season, 1, calendar.yearName('2026-2027'), title),
    {
      status: 'submitted',
      createdAt: calendar.fromToday(-17, '14:00'),
      reviews: [{ action: 'submitted', actor: 'jw-teacher', at: submittedAt }],
    },
    spring.seasonId,
  )
  // As the app does on submission: every admin of the school hears of it.
  for (const admin of ['jw-admin', 'jw-secretary']) {
    await createNotification(db, {
      schoolId,
      userId: required(lookup.users, admin, 'user'),
      kind: 'season-submitted',
      entity: 'season',
      entityId: next.seasonId,
      params: { title },
      createdAt: submittedAt,
    })
  }
  const routine = await insertRoutine(db, lookup, calendar, 'jiwang')
  return {
    accounts: 2,
    partners: JIWANG_PARTNERS.length,
    seasons: 3,
    activities: spring.activities + next.activities + routine.activities,
  }
}

// --- 宝山区藻北小学 ---

const GUCUN_BRANCHES = ['顾村镇菊泉街区党支部', '顾村镇馨佳园街区党支部', '顾村镇刘行街区党支部']

const ZAOBEI_PARTNERS: readonly PartnerSpec[] = [
  ...GUCUN_BRANCHES.map(
    (name, i): PartnerSpec => ({
      name,
      category: 'party_branch',
      offers: '主题党日联建、红色研学带教、网格志愿服务',
      contactName: `党建联络员${['冯', '潘', '曹'][i]}老师`,
      contactPhone: `021-5602 ${['0418', '0733', '0961'][i]}`,
      // The day of the study tour below; the demo calendar moves it with 清明.
      notes: '{tourDay}与学校党支部联合开展主题党日红色研学。',
    }),
  ),
  {
    name: '上海淞沪抗战纪念馆',
    category: 'museum',
    offers: '爱国主义教育参观、讲解',
    patrioticBase: true,
    contactName: '宣教部团体预约',
    contactPhone: '021-5602 1937',
    notes: '爱国主义教育基地；团体参观提前一周预约。',
  },
]

const QINGMING_2026: SeasonSpec = {
  year: '2025-2026',
  title: '「铭记藻北历史」清明系列主题活动',
  slogan: '铭记藻北历史，传承红色基因',
  description:
    '以清明节为契机，党带团、团带队：党员教师、团员教师、青年教师和少先队员一起走进藻北的红色校史。' +
    '升旗仪式上的微思政课、纪念广场的师生讲解、“红色数字探秘”和课后的主题党日研学，' +
    '让孩子们记住1944年建校、首任校长李西坪和学校为解放上海作出的贡献。',
  startsOn: '2026-03-30',
  endsOn: '2026-04-10',
  owner: 'zb-teacher',
  strands: [
    {
      title: '一堂走心的微思政',
      slogan: '1944年建校·首任校长李西坪·为解放上海作贡献',
      grades: [1, 2, 3, 4, 5],
    },
    { title: '课后延伸践初心', slogan: '党带团、团带队，红色精神落地生根', grades: [5] },
  ],
  activities: [
    {
      strand: 0,
      title: '清明主题升旗仪式·微思政课',
      kind: 'ceremony',
      day: '2026-03-31',
      from: '08:00',
      to: '08:35',
      venue: '操场',
      observance: 'qingming',
      description:
        '全校师生齐聚操场。主持人以互动问答带领大家齐诵碑文，记住三个关键信息：' +
        '1944年建校、首任校长李西坪、为解放上海作出重要贡献。',
      grades: [1, 2, 3, 4, 5],
      organiser: 'zb-admin',
      staff: ['zb-admin', 'zb-teacher'],
      tasks: [
        ['选定升旗手、护旗手和主持人', 'zb-teacher', '2026-03-27', '2026-03-26'],
        ['印制碑文诵读稿', 'zb-admin', '2026-03-30', '2026-03-30'],
      ],
    },
    {
      strand: 0,
      title: '「红色宣讲员」行动启动',
      kind: 'other',
      day: '2026-03-31',
      from: '08:35',
      to: '08:50',
      venue: '操场',
      observance: 'qingming',
      description:
        '鼓励每个孩子回家把藻北的革命故事讲给家人听，让校史从校园走进千家万户，家校共学、红色共育。',
      grades: [1, 2, 3, 4, 5],
      organiser: 'zb-teacher',
      staff: ['zb-teacher'],
      tasks: [
        ['设计宣讲打卡单（家长签名）', 'zb-teacher', '2026-03-30', '2026-03-27'],
        ['一周后回收打卡单并统计', 'zb-teacher', '2026-04-10'],
      ],
    },
    {
      strand: 0,
      title: '纪念广场师生讲解与《光荣的藻北 战斗的藻北》主题演讲',
      kind: 'other',
      day: '2026-03-31',
      from: '09:00',
      to: '09:40',
      venue: '学校纪念广场',
      observance: 'qingming',
      description: '师生讲解员在学校纪念广场讲述纪念碑的历史意义；主题演讲追忆首任校长李西坪的革命事迹。',
      grades: [4, 5],
      organiser: 'zb-t-0401',
      staff: ['zb-t-0401', 'zb-t-0402', 'zb-t-0501'],
      tasks: [
        ['培训学生讲解员（每班2名）', 'zb-t-0401', '2026-03-27', '2026-03-27'],
        ['审定主题演讲稿', 'zb-admin', '2026-03-27', '2026-03-25'],
      ],
    },
    {
      strand: 0,
      title: '「红色数字探秘」研学',
      kind: 'other',
      day: '2026-03-31',
      from: '10:00',
      to: '10:40',
      venue: '学校纪念广场',
      observance: 'qingming',
      description: '围绕纪念碑上的关键数字探寻背后的意义：1944年的烽火创校、80余年的风雨兼程、66名共产党员。',
      grades: [4, 5],
      organiser: 'zb-t-0501',
      staff: ['zb-t-0501', 'zb-t-0502', 'zb-t-0503'],
      tasks: [['设计探秘任务单', 'zb-t-0501', '2026-03-27', '2026-03-26']],
    },
    {
      strand: 1,
      title: '「追寻红色足迹·凝聚网格合力」主题党日红色研学',
      kind: 'study_tour',
      day: '2026-04-02',
      from: '13:00',
      to: '16:00',
      venue: '上海淞沪抗战纪念馆',
      offCampus: true,
      needsConsent: true,
      // A Party day for teachers; the Young Pioneers who join it (团带队) are grade-5 representatives.
      capacity: 15,
      observance: 'qingming',
      description:
        '学校党支部联合顾村镇多个街区党支部开展主题党日红色研学，党员教师、团员教师、' +
        '青年教师带领五年级少先队员代表一同参加。',
      grades: [5],
      organiser: 'zb-admin',
      staff: ['zb-admin', 'zb-teacher', 'zb-t-0501'],
      partners: [
        ...GUCUN_BRANCHES.map((name) => ({ name, role: 'partner' as const })),
        { name: '上海淞沪抗战纪念馆', role: 'partner' },
      ],
      tasks: [
        ['校外活动安全预案', 'zb-admin', '2026-03-27', '2026-03-26'],
        ['与各街区党支部确认参加人员', 'zb-admin', '2026-03-30', '2026-03-30'],
        ['预约纪念馆团体参观', 'zb-t-0501', '2026-03-27', '2026-03-24'],
        ['回收少先队员代表的家长同意书', 'zb-t-0501', '2026-04-01', '2026-04-01'],
        ['整理研学照片和小结', 'zb-teacher', '2026-04-09'],
      ],
    },
  ],
}

async function seedZaobei(db: Db, lookup: Lookup, calendar: DemoCalendar): Promise<PlanningSeedSummary> {
  const [, m, d] = calendar.day('2026-04-02', 'qingming').split('-').map(Number)
  const tourDay = `${calendar.year(2026)}年${m}月${d}日`
  return seedOneSeasonSchool(db, lookup, calendar, {
    slug: 'zaobei',
    partners: ZAOBEI_PARTNERS.map((p) => ({ ...p, notes: p.notes?.replace('{tourDay}', tourDay) })),
    season: QINGMING_2026,
    history: {
      status: 'published',
      createdAt: '2026-03-16T02:00:00.000Z',
      reviews: [
        { action: 'submitted', actor: 'zb-teacher', at: '2026-03-18T08:20:00.000Z' },
        { action: 'approved', actor: 'zb-admin', at: '2026-03-20T03:00:00.000Z' },
        { action: 'published', actor: 'zb-admin', at: '2026-03-23T01:30:00.000Z' },
      ],
    },
  })
}

/** A school with its talent pool, one season of the articles' spring and its routine of the weeks ahead. */
async function seedOneSeasonSchool(
  db: Db,
  lookup: Lookup,
  calendar: DemoCalendar,
  {
    slug,
    partners,
    season,
    history,
  }: { slug: string; partners: readonly PartnerSpec[]; season: SeasonSpec; history: History },
): Promise<PlanningSeedSummary> {
  await insertPartners(db, lookup, partners)
  const spring = await insertSeason(db, lookup, ...inDemoSpring(season, history, calendar))
  const routine = await insertRoutine(db, lookup, calendar, slug)
  return {
    accounts: 0,
    partners: partners.length,
    seasons: 2,
    activities: spring.activities + routine.activities,
  }
}

// --- 嘉定区怀少幼儿园 ---

const HUAISHAO_PARTNERS: readonly PartnerSpec[] = [
  {
    name: '嘉定区家委会「嘉家分享社团」',
    category: 'other',
    offers: '家园共育案例分享、家委会驻校办公经验交流',
    contactName: '社团一组联络人董女士',
    contactPhone: '021-5953 0682',
  },
  {
    name: '大四班家委会',
    category: 'parent_volunteer',
    offers: '「伙伴游戏」观察记录、活动拍摄、家长微论坛发言',
    contactName: '赵妈妈（大四班家长）',
    contactPhone: '138 0000 5106',
  },
]

const PARTNER_PLAY_2026: SeasonSpec = {
  year: '2025-2026',
  title: '看见·理解·共生：家园共育交流',
  slogan: '从“看见”到“共生”，读懂幼儿的“游戏力”',
  description:
    '承办嘉定区家委会「嘉家分享社团」一组交流分享会：以大四班“伙伴游戏”实录为案例，' +
    '家长和老师一起经历“看见行为—理解发展—达成共识”，共同形成家园共育公约。',
  startsOn: '2026-04-13',
  endsOn: '2026-04-30',
  owner: 'hs-teacher',
  strands: [{ title: '伙伴游戏', slogan: '看见行为·理解发展·达成共识', grades: [3] }],
  activities: [
    {
      strand: 0,
      title: '「嘉家分享社团」交流分享会·家园育儿共识微论坛',
      kind: 'workshop',
      day: '2026-04-21',
      from: '09:30',
      to: '11:00',
      venue: '多功能厅',
      description:
        '观看大四班“伙伴游戏”实录片段，家委会代表与教师代表围绕《从“看见”到“共生”：读懂幼儿的“游戏力”》对话，' +
        '随后由家教组长作《看见·理解·共生：家委会驻校办公的深度实践》报告。',
      classes: ['大四班'],
      organiser: 'hs-admin',
      staff: ['hs-admin', 'hs-teacher'],
      partners: [
        { name: '嘉定区家委会「嘉家分享社团」', role: 'guest' },
        { name: '大四班家委会', role: 'partner' },
      ],
      tasks: [
        ['剪辑大四班“伙伴游戏”实录片段', 'hs-teacher', '2026-04-17', '2026-04-16'],
        ['邀请家长代表参加微论坛', 'hs-teacher', '2026-04-17', '2026-04-15'],
        ['整理并发布《家园共育公约》', 'hs-admin', '2026-04-28'],
      ],
    },
  ],
}

function seedHuaishao(db: Db, lookup: Lookup, calendar: DemoCalendar): Promise<PlanningSeedSummary> {
  return seedOneSeasonSchool(db, lookup, calendar, {
    slug: 'huaishao',
    partners: HUAISHAO_PARTNERS,
    season: PARTNER_PLAY_2026,
    history: {
      status: 'published',
      createdAt: '2026-04-01T02:00:00.000Z',
      reviews: [
        { action: 'submitted', actor: 'hs-teacher', at: '2026-04-03T06:00:00.000Z' },
        { action: 'approved', actor: 'hs-admin', at: '2026-04-07T02:30:00.000Z' },
        { action: 'published', actor: 'hs-admin', at: '2026-04-08T01:00:00.000Z' },
      ],
    },
  })
}

/** Seeds one demo school's talent pool and seasons; the school's roster, accounts and years must exist. */
export async function seedPlanningDemo(
  db: Db,
  {
    schoolId,
    slug,
    lockedHash,
    calendar,
  }: { schoolId: number; slug: string; lockedHash: string; calendar: DemoCalendar },
): Promise<PlanningSeedSummary> {
  const lookup = await loadLookup(db, schoolId)
  switch (slug) {
    case 'jiwang':
      return seedJiwang(db, lookup, lockedHash, calendar)
    case 'zaobei':
      return seedZaobei(db, lookup, calendar)
    case 'huaishao':
      return seedHuaishao(db, lookup, calendar)
    default:
      return { accounts: 0, partners: 0, seasons: 0, activities: 0 }
  }
}
