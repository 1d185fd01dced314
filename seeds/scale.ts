import { createHash } from 'node:crypto'
import { existsSync, rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely'
import { classNameZh, gradeNameZh } from '../app/domain/grades'
import { createDb, DEFAULT_DATABASE_PATH, databasePathFromEnv, refreshPlannerStatistics } from '../db/client'
import { migrateToLatest } from '../db/migrate'
import { chunks } from '../db/query'
import type {
  ActivityKind,
  AttendanceStatus,
  ConsentStatus,
  Database,
  ParticipationRole,
  PartnerCategory,
  PhotoConsent,
  PlanStatus,
  PracticeCategory,
  RecapAudience,
  RecapStatus,
} from '../db/schema'
import { DEMO_PASSWORD } from './demo'
import {
  createAcademicYear,
  createActivity,
  createAward,
  createClass,
  createDispute,
  createNoticeWindow,
  createNotification,
  createPartner,
  createPhoto,
  createRandom,
  createRecap,
  createReview,
  createSchool,
  createSeason,
  createStrand,
  type DateRangeInput,
  type DayOffInput,
  type Db,
  fictionalName,
  hashPassword,
  pick,
  type Random,
  SURNAMES,
  shanghaiInstant,
} from './factories'

/**
 * `npm run seed:scale`: a large generated school (or district) in a separate database file, for
 * benchmarks. The same options give the same database: every random choice comes from seeded
 * streams and every timestamp from the fixed "today" below, never from the clock. (The one password
 * hash has a random salt; pass a hash in through ScaleHooks to compare two runs byte for byte.)
 */

/** The seed's "today": late in the school year, so the year has a past to report on and a future to plan. */
export const SCALE_TODAY = '2026-06-15'

export type ScaleOptions = {
  schools: number
  classesPerGrade: number
  pupilsPerClass: number
  seed: number
}

export const DEFAULT_SCALE_OPTIONS: ScaleOptions = {
  schools: 1,
  classesPerGrade: 8,
  pupilsPerClass: 42,
  seed: 1,
}

export const DEFAULT_SCALE_OUT = 'data/scale.db'

const LIMITS: Record<keyof ScaleOptions, [min: number, max: number]> = {
  schools: [1, 999],
  // Class numbers and seats are two digits in usernames and student numbers.
  classesPerGrade: [1, 99],
  pupilsPerClass: [1, 99],
  seed: [0, 2 ** 32 - 1],
}

export const SCALE_USAGE = `Usage: npm run seed:scale -- [options]

Writes a deterministic large nine-year school (or several) into a separate SQLite file for benchmarks.
Every account's password is the demo password, ${DEMO_PASSWORD}.

Options:
  --schools N             schools to generate, slugs scale-1, scale-2, … (default ${DEFAULT_SCALE_OPTIONS.schools})
  --classes-per-grade N   classes in each of grades 1-9 (default ${DEFAULT_SCALE_OPTIONS.classesPerGrade})
  --pupils-per-class N    pupils in each class (default ${DEFAULT_SCALE_OPTIONS.pupilsPerClass})
  --seed N                seed of the random generator (default ${DEFAULT_SCALE_OPTIONS.seed})
  --out FILE              database file to write (default ${DEFAULT_SCALE_OUT}); never the app's own database
  --force                 replace FILE if it exists
  --help                  show this text`

export type ScaleArgs =
  | { kind: 'run'; options: ScaleOptions; out: string; force: boolean }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

/** Reads the command line; `fileExists` is injected so the refusal to overwrite can be tested without files. */
export function parseScaleArgs(
  argv: readonly string[],
  fileExists: (path: string) => boolean = existsSync,
): ScaleArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        schools: { type: 'string' },
        'classes-per-grade': { type: 'string' },
        'pupils-per-class': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    return { kind: 'error', message: (error as Error).message }
  }
  if (values.help) return { kind: 'help' }

  const options = { ...DEFAULT_SCALE_OPTIONS }
  const flags: [keyof ScaleOptions, string][] = [
    ['schools', 'schools'],
    ['classesPerGrade', 'classes-per-grade'],
    ['pupilsPerClass', 'pupils-per-class'],
    ['seed', 'seed'],
  ]
  for (const [key, flag] of flags) {
    const text = values[flag]
    if (typeof text !== 'string') continue
    const [min, max] = LIMITS[key]
    const value = Number(text)
    if (!/^\d+$/.test(text) || value < min || value > max) {
      return {
        kind: 'error',
        message: `--${flag} must be a whole number from ${min} to ${max}, not "${text}"`,
      }
    }
    options[key] = value
  }

  const out = typeof values.out === 'string' && values.out !== '' ? values.out : DEFAULT_SCALE_OUT
  const force = values.force === true
  // The app's database holds real work; no flag makes the scale seed write there.
  const protectedFiles = new Set([resolve(DEFAULT_DATABASE_PATH), resolve(databasePathFromEnv())])
  if (protectedFiles.has(resolve(out))) {
    return { kind: 'error', message: `${out} is the app's database; choose another file with --out` }
  }
  if (!force && fileExists(out)) {
    return { kind: 'error', message: `${out} exists; pass --force to replace it` }
  }
  return { kind: 'run', options, out, force }
}

// --- The school year (the demo's 2025-2026, as the demo seed sets it up) ---

const YEAR: DateRangeInput & { terms: readonly DateRangeInput[]; daysOff: readonly DayOffInput[] } = {
  name: '2025-2026',
  startsOn: '2025-09-01',
  endsOn: '2026-08-31',
  terms: [
    { name: '第一学期', startsOn: '2025-09-01', endsOn: '2026-01-23' },
    { name: '第二学期', startsOn: '2026-02-23', endsOn: '2026-07-03' },
  ],
  daysOff: [
    { name: '国庆节', kind: 'holiday', startsOn: '2025-10-01', endsOn: '2025-10-08' },
    { name: '元旦', kind: 'holiday', startsOn: '2026-01-01', endsOn: '2026-01-03' },
    { name: '清明节', kind: 'holiday', startsOn: '2026-04-04', endsOn: '2026-04-06' },
    { name: '劳动节', kind: 'holiday', startsOn: '2026-05-01', endsOn: '2026-05-05' },
    { name: '端午节', kind: 'holiday', startsOn: '2026-06-19', endsOn: '2026-06-21' },
    { name: '期末考试周', kind: 'exam', startsOn: '2026-06-22', endsOn: '2026-06-26' },
  ],
}

const DAY_MS = 86_400_000

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY_MS
}

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

function addDays(day: string, days: number): string {
  return dayOf(dayNumber(day) + days)
}

/** 0 Sunday … 6 Saturday (1 January 1970 was a Thursday). */
function weekday(day: string): number {
  return (dayNumber(day) + 4) % 7
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(dayOf(n))
  return out
}

function isWithin(day: string, range: { startsOn: string; endsOn: string }): boolean {
  return day >= range.startsOn && day <= range.endsOn
}

const isWeekday = (day: string) => weekday(day) >= 1 && weekday(day) <= 5

/** Weekdays of the terms that are not days off; exam days are school days that hold no activities. */
function schoolCalendar() {
  const off = YEAR.daysOff.filter((d) => d.kind !== 'exam')
  const exams = YEAR.daysOff.filter((d) => d.kind === 'exam')
  const schoolDays = YEAR.terms.flatMap((term) =>
    daysBetween(term.startsOn, term.endsOn).filter(
      (day) => isWeekday(day) && !off.some((d) => isWithin(day, d)),
    ),
  )
  const activityDays = schoolDays.filter((day) => !exams.some((d) => isWithin(day, d)))
  return { schoolDays, activityDays: new Set(activityDays) }
}

// --- What a year holds: seasons, strands, weekly themes, events ---

/** Grade groups, one per strand: 低年级, 中高年级, 预初·初一, 初二·初三. */
const GRADE_GROUPS: readonly (readonly number[])[] = [
  [1, 2],
  [3, 4, 5],
  [6, 7],
  [8, 9],
]

type SeasonSpec = {
  title: string
  slogan: string
  startsOn: string
  endsOn: string
  status: PlanStatus
  /** Per grade group */
  strands: readonly [title: string, slogan: string][]
}

const SEASONS: readonly SeasonSpec[] = [
  {
    title: '秋·启航季',
    slogan: '新学期 新起点 新希望',
    startsOn: '2025-09-01',
    endsOn: '2025-11-07',
    status: 'published',
    strands: [
      ['习惯养成', '好习惯 伴成长'],
      ['红色足迹', '红领巾心向党'],
      ['青春启航', '悦纳自我 向阳而行'],
      ['法治担当', '学法懂法 守法用法'],
    ],
  },
  {
    title: '冬·向暖季',
    slogan: '温暖同行 向阳生长',
    startsOn: '2025-11-10',
    endsOn: '2026-01-23',
    status: 'published',
    strands: [
      ['绿色生活', '小手拉大手 垃圾分类我先行'],
      ['温暖传递', '敬老爱老 冬日送暖'],
      ['科学探索', '探索未知 创新未来'],
      ['职业启蒙', '走近职业 规划人生'],
    ],
  },
  {
    title: '春·感恩季',
    slogan: '春风化雨 感恩同行',
    startsOn: '2026-02-23',
    endsOn: '2026-04-24',
    status: 'published',
    strands: [
      ['感恩自然', '植绿护绿 与自然共生'],
      ['学雷锋', '雷锋精神代代传'],
      ['红色寻访', '追寻红色足迹'],
      ['生命教育', '珍爱生命 自护自救'],
    ],
  },
  {
    title: '夏·担当季',
    slogan: '青春担当 逐梦前行',
    startsOn: '2026-04-27',
    endsOn: '2026-07-03',
    status: 'published',
    strands: [
      ['快乐童年', '童心向党 快乐成长'],
      ['劳动实践', '劳动创造美好生活'],
      ['志愿服务', '奉献社区 争做好少年'],
      ['青春有为', '不负韶华 勇担使命'],
    ],
  },
  {
    // Planned in June for the holidays and waiting for the admin: the review queue has something.
    title: '暑期社会实践·行走的课堂',
    slogan: '把课堂搬进社会',
    startsOn: '2026-07-06',
    endsOn: '2026-08-28',
    status: 'submitted',
    strands: [
      ['亲子阅读', '书香伴假期'],
      ['科技探秘', '仰望星空 脚踏实地'],
      ['社区小管家', '我为社区出份力'],
      ['职业初体验', '走进企业 看见未来'],
    ],
  },
]

/** Weekly themes of 主题班会 and the Monday flag-raising speech, week by week of each term. */
const WEEKLY_THEMES: readonly (readonly string[])[] = [
  [
    '新学期 新目标',
    '尊师重教 感恩有你',
    '文明礼仪伴我行',
    '珍惜粮食 光盘行动',
    '迎国庆 颂祖国',
    '节后收心 规范养成',
    '红领巾心向党',
    '网络文明 从我做起',
    '重阳敬老 孝亲感恩',
    '防范欺凌 友善相处',
    '消防安全 牢记心间',
    '诚信考试 诚实做人',
    '垃圾分类 绿色生活',
    '宪法伴我成长',
    '勿忘国耻 振兴中华',
    '冬季安全 健康过冬',
    '心理健康 阳光成长',
    '辞旧迎新 展望未来',
    '我的一学期：成长回顾',
    '复习有方 自信迎考',
    '寒假安全 过好春节',
  ],
  [
    '新春开学 马到成功',
    '学习雷锋 志愿同行',
    '感恩母亲 致敬女性',
    '植树护绿 爱护家园',
    '节约用水 珍爱资源',
    '缅怀先烈 清明寄思',
    '全民国家安全教育',
    '阅读点亮生活',
    '爱护眼睛 科学用眼',
    '劳动最光荣',
    '青春心向党',
    '防灾减灾 安全自护',
    '5·25 我爱我',
    '快乐童年 感恩成长',
    '防溺水 安全记心间',
    '诚信迎考 勤学善思',
    '端午传承 家国情怀',
    '期末复习 查漏补缺',
    '暑假安全 快乐假期',
  ],
]

type PartnerSpec = { name: string; category: PartnerCategory; offers: string; patrioticBase?: boolean }

// Every generated school's talent pool: the places its classes go out to. Contacts are made up.
const PARTNERS = [
  {
    name: '街道社区党群服务中心',
    category: 'community',
    offers: '志愿服务岗位、垃圾分类宣传',
    patrioticBase: true,
  },
  { name: '区第一敬老院', category: 'care_home', offers: '敬老志愿服务、节日慰问演出' },
  { name: '消防救援站', category: 'venue', offers: '消防站开放日、逃生演练指导' },
  { name: '区红十字会培训基地', category: 'venue', offers: '应急救护培训' },
  { name: '职业体验基地', category: 'venue', offers: '职业体验课程、企业参访' },
  { name: '区图书馆', category: 'venue', offers: '亲子阅读、图书管理员体验' },
  { name: '共青森林公园', category: 'venue', offers: '自然观察、植树护绿' },
  { name: '上海动物园', category: 'venue', offers: '动物科普研学' },
  { name: '上海科技馆', category: 'museum', offers: '科技研学' },
  { name: '上海自然博物馆', category: 'museum', offers: '自然科普研学' },
  { name: '上海天文馆', category: 'museum', offers: '天文科普研学' },
  { name: '上海博物馆', category: 'museum', offers: '历史文化研学' },
  { name: '龙华烈士陵园', category: 'museum', offers: '红色寻访、清明祭扫', patrioticBase: true },
  { name: '中共一大纪念馆', category: 'museum', offers: '红色研学、小小讲解员培训', patrioticBase: true },
  { name: '中共四大纪念馆', category: 'museum', offers: '红色研学', patrioticBase: true },
] as const satisfies readonly PartnerSpec[]

type PartnerName = (typeof PARTNERS)[number]['name']

/** Which of the pupils of a class have a part in an activity; the rest take part. */
type RoleRule = {
  role: ParticipationRole
  count: number | 'all'
  /** Only in the activity's host class (the class on duty for a ceremony) */
  hostClassOnly?: boolean
}

type AwardRule =
  /** Pupils with `role` (or any who attended) get levels by rank within their grade */
  | { kind: 'pupils'; role?: ParticipationRole; perClass: number }
  /** A team per class of the pupils with `role` */
  | { kind: 'teams'; role: ParticipationRole }
  /** First, second and third place in each grade */
  | { kind: 'classes' }

type EventSpec = {
  title: string
  kind: ActivityKind
  grades: readonly number[]
  /** A team of this many classes per grade instead of whole grades (volunteers) */
  classesPerGrade?: number
  /** Tried first; otherwise a day of `window` (the season when absent) */
  on?: string
  window?: { startsOn: string; endsOn: string }
  slots: readonly string[]
  minutes: number
  venue: string
  /** Off campus at this partner's, with consent */
  partner?: PartnerName
  practice?: [PracticeCategory, number]
  roles?: readonly RoleRule[]
  awards?: readonly AwardRule[]
}

const ALL_GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9]
const FULL_DAY = ['08:30']
const HOSTS: RoleRule = { role: 'host', count: 2, hostClassOnly: true }
const DOCENTS: RoleRule[] = [{ role: 'docent', count: 2 }]
const speakers = (count: number): RoleRule[] => [{ role: 'speaker', count }]

type Extra = Partial<EventSpec>

/** An event at school for whole grades. */
function atSchool(
  title: string,
  kind: ActivityKind,
  grades: readonly number[],
  venue: string,
  slots: readonly string[],
  minutes: number,
  extra: Extra = {},
): EventSpec {
  return { title, kind, grades, venue, slots, minutes, ...extra }
}

/** A day out at a partner's for whole grades, with consent and social-practice hours. */
function outing(
  title: string,
  kind: ActivityKind,
  grades: readonly number[],
  partner: PartnerName,
  practice: [PracticeCategory, number],
  extra: Extra = {},
): EventSpec {
  return { title, kind, grades, venue: partner, partner, practice, slots: FULL_DAY, minutes: 390, ...extra }
}

/** An afternoon of volunteering by one class of each grade, every pupil a volunteer with hours. */
function volunteering(
  title: string,
  grades: readonly number[],
  partner: PartnerName,
  hours: number,
  extra: Extra = {},
): EventSpec {
  return {
    title,
    kind: 'service',
    grades,
    classesPerGrade: 1,
    venue: partner,
    partner,
    practice: ['public_service', hours],
    slots: ['13:00'],
    minutes: 150,
    roles: [{ role: 'volunteer', count: 'all' }],
    ...extra,
  }
}

const opening = (on: string): Extra => ({ on, roles: [HOSTS, { role: 'class_representative', count: 1 }] })

/** Grade and school events of each season (talks come from TALKS, one per grade). */
const EVENTS: readonly (readonly EventSpec[])[] = [
  [
    atSchool('开学典礼暨开学第一课', 'ceremony', ALL_GRADES, '操场', ['08:30'], 60, opening('2025-09-01')),
    atSchool('「红领巾心向党」一年级入队仪式', 'ceremony', [1], '操场', ['09:00', '10:00'], 60, {
      on: '2025-10-13',
      roles: [{ role: 'flag_guard', count: 2, hostClassOnly: true }],
    }),
    atSchool('秋季田径运动会', 'contest', ALL_GRADES, '操场', FULL_DAY, 390, {
      on: '2025-10-23',
      roles: [HOSTS, { role: 'class_representative', count: 4 }],
      awards: [{ kind: 'classes' }, { kind: 'pupils', role: 'class_representative', perClass: 1 }],
    }),
    atSchool('「我爱祖国」演讲比赛', 'contest', [3, 4, 5], '报告厅', ['13:00', '15:00'], 60, {
      roles: speakers(2),
      awards: [{ kind: 'pupils', role: 'speaker', perClass: 2 }],
    }),
    atSchool('消防安全疏散演练', 'other', ALL_GRADES, '操场', ['10:00'], 30, {
      on: '2025-11-07',
      practice: ['safety', 0.5],
    }),
    outing('上海动物园秋季研学', 'study_tour', [1, 2], '上海动物园', ['investigation', 4]),
    outing('龙华烈士陵园红色寻访', 'study_tour', [3, 4, 5], '龙华烈士陵园', ['investigation', 4], {
      roles: DOCENTS,
    }),
    outing('上海科技馆研学', 'study_tour', [6, 7], '上海科技馆', ['investigation', 4]),
    volunteering('「美丽家园 清洁行动」社区志愿服务', [8, 9], '街道社区党群服务中心', 3, { minutes: 180 }),
  ],
  [
    atSchool('硬笔书法比赛', 'contest', [1, 2], '多功能厅', ['13:00', '15:00'], 50, {
      awards: [{ kind: 'pupils', perClass: 2 }],
    }),
    atSchool('科技节·科技小发明比赛', 'contest', [6, 7], '创新实验室', ['13:00', '09:00'], 120, {
      roles: [{ role: 'class_representative', count: 3 }],
      awards: [{ kind: 'teams', role: 'class_representative' }],
    }),
    atSchool('「青春思辨」辩论赛', 'contest', [8, 9], '报告厅', ['13:00', '09:00'], 120, {
      roles: speakers(4),
      awards: [{ kind: 'teams', role: 'speaker' }],
    }),
    atSchool('元旦迎新文艺汇演', 'ceremony', ALL_GRADES, '体育馆', ['13:00'], 150, {
      on: '2025-12-31',
      roles: [HOSTS, { role: 'performer', count: 3 }],
    }),
    outing('消防救援站开放日参观', 'study_tour', [1, 2], '消防救援站', ['safety', 2], {
      slots: ['08:30', '13:00'],
      minutes: 180,
    }),
    volunteering('「冬日送温暖」敬老院志愿服务', [3, 4, 5], '区第一敬老院', 2),
    outing('上海博物馆研学', 'study_tour', [6, 7], '上海博物馆', ['investigation', 4]),
    outing('职业体验日', 'workshop', [8, 9], '职业体验基地', ['career', 3]),
  ],
  [
    atSchool('春季开学典礼', 'ceremony', ALL_GRADES, '操场', ['08:30'], 60, opening('2026-02-23')),
    atSchool('经典诵读比赛', 'contest', [3, 4, 5], '报告厅', ['13:00'], 120, {
      roles: [{ role: 'performer', count: 'all' }],
      awards: [{ kind: 'classes' }],
    }),
    atSchool('「雷锋精神在身边」演讲比赛', 'contest', [6, 7], '报告厅', ['13:00', '15:00'], 90, {
      roles: speakers(2),
      awards: [{ kind: 'pupils', role: 'speaker', perClass: 2 }],
    }),
    atSchool('十四岁集体生日仪式', 'ceremony', [8], '体育馆', ['09:00', '13:00'], 90, {
      on: '2026-04-10',
      roles: [HOSTS, { role: 'speaker', count: 1, hostClassOnly: true }],
    }),
    outing('植树节·共青森林公园自然研学', 'study_tour', [1, 2], '共青森林公园', ['investigation', 3], {
      window: { startsOn: '2026-03-09', endsOn: '2026-03-20' },
      minutes: 360,
    }),
    volunteering('学雷锋社区志愿服务', [3, 4, 5], '街道社区党群服务中心', 2, { on: '2026-03-05' }),
    outing('中共一大纪念馆红色研学', 'study_tour', [6, 7], '中共一大纪念馆', ['investigation', 4], {
      roles: DOCENTS,
    }),
    outing('应急救护安全实训', 'workshop', [8, 9], '区红十字会培训基地', ['safety', 3], { minutes: 360 }),
  ],
  [
    atSchool('防灾减灾日应急疏散演练', 'other', ALL_GRADES, '操场', ['10:00'], 30, {
      on: '2026-05-12',
      practice: ['safety', 0.5],
    }),
    atSchool('「五四」青年节入团仪式', 'ceremony', [8], '报告厅', ['09:00', '13:00'], 60, {
      on: '2026-05-06',
      roles: [{ role: 'speaker', count: 1, hostClassOnly: true }],
    }),
    atSchool('校园艺术节·班级合唱比赛', 'contest', [1, 2, 3, 4, 5], '体育馆', ['13:00'], 150, {
      on: '2026-05-20',
      roles: [{ role: 'performer', count: 'all' }],
      awards: [{ kind: 'classes' }],
    }),
    atSchool('「绘本故事大王」比赛', 'contest', [1, 2], '多功能厅', ['13:00', '15:00'], 60, {
      roles: speakers(1),
      awards: [{ kind: 'pupils', role: 'speaker', perClass: 1 }],
    }),
    atSchool('「快乐六一」游园会', 'other', [1, 2, 3, 4, 5], '操场', ['09:00'], 150, {
      on: '2026-06-01',
      roles: [{ role: 'volunteer', count: 2, hostClassOnly: true }],
    }),
    atSchool('九年级毕业典礼', 'ceremony', [9], '体育馆', ['09:00'], 90, {
      on: '2026-06-30',
      roles: [HOSTS, { role: 'speaker', count: 1, hostClassOnly: true }],
    }),
    outing('上海自然博物馆研学', 'study_tour', [1, 2], '上海自然博物馆', ['investigation', 3], {
      window: { startsOn: '2026-05-06', endsOn: '2026-05-29' },
      minutes: 360,
    }),
    outing('职业体验「小小银行家」', 'workshop', [3, 4, 5], '职业体验基地', ['career', 3], {
      window: { startsOn: '2026-05-06', endsOn: '2026-06-12' },
      slots: ['08:30', '13:00'],
      minutes: 180,
    }),
    // After "today": its consent requests are still being answered.
    volunteering('社区垃圾分类志愿服务', [6, 7], '街道社区党群服务中心', 2, {
      window: { startsOn: '2026-06-16', endsOn: '2026-07-03' },
    }),
    outing('中共四大纪念馆红色研学', 'study_tour', [8], '中共四大纪念馆', ['investigation', 4], {
      window: { startsOn: '2026-04-27', endsOn: '2026-05-29' },
      roles: DOCENTS,
    }),
  ],
  [
    outing('「书香伴假期」亲子阅读', 'workshop', [1, 2], '区图书馆', ['investigation', 2], {
      window: { startsOn: '2026-07-06', endsOn: '2026-07-17' },
      slots: ['09:00'],
      minutes: 150,
    }),
    outing('上海天文馆科技研学', 'study_tour', [3, 4, 5], '上海天文馆', ['investigation', 4], {
      window: { startsOn: '2026-07-06', endsOn: '2026-07-24' },
    }),
    volunteering('「社区小管家」暑期志愿服务', [6, 7], '街道社区党群服务中心', 3, {
      window: { startsOn: '2026-07-06', endsOn: '2026-08-14' },
      slots: ['09:00'],
      minutes: 180,
    }),
    outing('「职业初体验」企业参访', 'workshop', [8], '职业体验基地', ['career', 4], {
      window: { startsOn: '2026-07-13', endsOn: '2026-08-14' },
      minutes: 360,
    }),
  ],
]

/** One talk per grade of each group, each season: [title, kind]. */
const TALKS: readonly (readonly [string, ActivityKind][])[] = [
  [
    ['「安全小卫士」交通安全讲座', 'lecture'],
    ['「红领巾心向党」队史讲座', 'lecture'],
    ['「青春期心理调适」专题讲座', 'counselling'],
    ['「法治进校园」专题讲座', 'lecture'],
  ],
  [
    ['「垃圾分类小能手」科普讲座', 'lecture'],
    ['「网络安全伴我行」专题讲座', 'lecture'],
    ['「预防校园欺凌」专题讲座', 'lecture'],
    ['「宪法伴我成长」宪法日讲座', 'lecture'],
  ],
  [
    ['「爱眼护眼」健康讲座', 'lecture'],
    ['「学习雷锋好榜样」主题讲座', 'lecture'],
    ['「珍爱生命 远离毒品」禁毒讲座', 'lecture'],
    ['「生涯规划第一课」讲座', 'lecture'],
  ],
  [
    ['「防溺水 保安全」安全教育课', 'lecture'],
    ['科普电影《地球脉动》观影', 'screening'],
    ['「情绪管理小妙招」团体辅导', 'counselling'],
    ['「平安暑假」安全教育讲座', 'lecture'],
  ],
]

const EXCUSES = ['病假', '事假', '就医复诊', '参加区级比赛', '家中有事']
const DISTRICTS = [
  '浦东新区',
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
]

// --- Writing many rows fast ---

type TableName = keyof Database & string
type Row<T extends TableName> = Insertable<Database[T]>

/** SQLite's limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const MAX_PARAMETERS = 32_766
/** Measured: bigger statements cost more to prepare than they save in round trips. */
const MAX_ROWS_PER_STATEMENT = 500

const statementText = new Map<string, string>()

/**
 * Multi-row INSERTs of rows that all have the same columns, as raw SQL: Kysely's builder makes an
 * object per bound value, which at a quarter of a million rows costs more than SQLite's own work.
 */
async function insertRows<T extends TableName>(db: Db, table: T, rows: readonly Row<T>[]): Promise<void> {
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const perStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length))
  for (const part of chunks(rows, perStatement)) {
    const key = `${table}(${columns.join()})×${part.length}`
    let text = statementText.get(key)
    if (!text) {
      const tuple = `(${columns.map(() => '?').join(',')})`
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array(part.length).fill(tuple).join(',')}`
      statementText.set(key, text)
    }
    const parameters: unknown[] = []
    for (const row of part) {
      const values = row as Record<string, unknown>
      for (const column of columns) parameters.push(values[column] ?? null)
    }
    await db.executeQuery(CompiledQuery.raw(text, parameters))
  }
}

/** Ids given out before inserting, so related rows can be written in batches without RETURNING. */
async function nextIds(db: Db, table: 'users' | 'students' | 'activities'): Promise<() => number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('id').as('id'))
    .executeTakeFirst()
  let id = row?.id ?? 0
  return () => ++id
}

// --- Progress ---

export type ScaleProgress = {
  school: number
  schools: number
  phase: string
  /** Rows written by the seed so far, and the expected total (an estimate until the last school) */
  rows: number
  expected: number
}

type Reporter = { add(rows: number): void; phase(name: string): void }

// --- People ---

type Pupil = {
  id: number
  classIndex: number
  name: string
  photoConsent: PhotoConsent
  guardianIds: number[]
}

type SchoolClass = {
  index: number
  id: number
  gradeId: number
  level: number
  number: number
  name: string
  headTeacherId: number
  pupils: Pupil[]
}

type People = {
  adminId: number
  /** The 德育干事 who owns the seasons */
  plannerId: number
  principalName: string
  subjectTeacherIds: number[]
  classes: SchoolClass[]
  grades: Map<number, { id: number; classes: SchoolClass[] }>
  pupils: Pupil[]
  guardians: number
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** A stream per school and purpose, so adding a phase does not reshuffle the others. */
function stream(seed: number, school: number, purpose: number): Random {
  const mixed = createHash('sha256').update(`${seed}:${school}:${purpose}`).digest()
  return createRandom(mixed.readUInt32LE(0))
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

const SEEDED_AT = '2025-08-25T01:00:00.000Z'

async function seedPeople(
  trx: Db,
  input: {
    school: { id: number; code: string; number: number; grades: { id: number; level: number }[] }
    options: ScaleOptions
    passwordHash: string
    report: Reporter
  },
): Promise<People> {
  const { school, options, passwordHash, report } = input
  const random = stream(options.seed, school.number, 1)
  const userId = await nextIds(trx, 'users')
  const users: Row<'users'>[] = []
  const account = (
    role: 'admin' | 'teacher' | 'parent',
    username: string,
    displayName: string,
    phone = '',
  ) => {
    const id = userId()
    users.push({
      id,
      school_id: school.id,
      role,
      username: `${school.code}-${username}`,
      display_name: displayName,
      password_hash: passwordHash,
      locale: 'zh',
      active: 1,
      must_change_password: 0,
      created_at: SEEDED_AT,
      password_changed_at: SEEDED_AT,
      phone,
    })
    return id
  }
  const teacherName = () => `${pick(random, SURNAMES)}老师`

  const adminId = account('admin', 'admin', `德育主任${teacherName()}`)
  const classesPerGrade = options.classesPerGrade
  const grades = [...school.grades].sort((a, b) => a.level - b.level)
  const headTeacherIds = grades.flatMap((grade) =>
    Array.from({ length: classesPerGrade }, (_, i) =>
      account('teacher', `t-${pad(grade.level, 2)}${pad(i + 1, 2)}`, teacherName()),
    ),
  )
  // About 200 staff for 72 classes: head teachers plus as many subject teachers again and three quarters.
  const subjectTeacherIds = Array.from({ length: Math.ceil(headTeacherIds.length * 1.75) }, (_, i) =>
    account('teacher', `t-s${pad(i + 1, 3)}`, teacherName()),
  )

  // Pupils, with names unique within the school.
  const taken = new Set<string>()
  type PlannedPupil = { classIndex: number; seq: number; name: string }
  const planned: PlannedPupil[] = []
  for (let classIndex = 0; classIndex < headTeacherIds.length; classIndex++) {
    for (let seq = 1; seq <= options.pupilsPerClass; seq++) {
      planned.push({ classIndex, seq, name: fictionalName(random, { taken }) })
    }
  }

  // Families: about one in seventeen takes a brother or sister of another grade with the same surname.
  const levelOf = (p: PlannedPupil) => Math.floor(p.classIndex / classesPerGrade) + 1
  const bySurname = new Map<string, PlannedPupil[]>()
  for (const p of planned)
    bySurname.set(p.name[0] as string, [...(bySurname.get(p.name[0] as string) ?? []), p])
  const inFamily = new Set<PlannedPupil>()
  const families: PlannedPupil[][] = []
  for (const p of planned) {
    if (inFamily.has(p)) continue
    inFamily.add(p)
    const family = [p]
    if (random() < 0.058) {
      const candidates = (bySurname.get(p.name[0] as string) ?? []).filter(
        (other) => !inFamily.has(other) && levelOf(other) !== levelOf(p),
      )
      if (candidates.length) {
        const sibling = pick(random, candidates)
        inFamily.add(sibling)
        family.push(sibling)
      }
    }
    families.push(family)
  }

  const guardiansOf = new Map<PlannedPupil, { id: number; relation: string }[]>()
  let guardianSeq = 0
  const phoneOf = (seq: number) => `139${pad(school.number % 1000, 3)}${pad(seq, 5)}`
  for (const family of families) {
    const eldest = family.reduce((a, b) => (levelOf(b) > levelOf(a) ? b : a))
    const motherFirst = random() < 0.6
    const parents: { id: number; relation: string }[] = []
    const addGuardian = (relation: string, word: string) => {
      guardianSeq++
      const id = account('parent', `p-${pad(guardianSeq, 5)}`, `${eldest.name}${word}`, phoneOf(guardianSeq))
      parents.push({ id, relation })
    }
    addGuardian(motherFirst ? 'mother' : 'father', motherFirst ? '妈妈' : '爸爸')
    if (random() < 0.75) {
      if (random() < 0.85) addGuardian(motherFirst ? 'father' : 'mother', motherFirst ? '爸爸' : '妈妈')
      else addGuardian('grandparent', pick(random, ['奶奶', '外婆', '爷爷', '外公']))
    }
    for (const child of family) guardiansOf.set(child, parents)
  }
  await insertRows(trx, 'users', users)
  report.add(users.length)

  const classes: SchoolClass[] = []
  const gradeMap = new Map<number, { id: number; classes: SchoolClass[] }>()
  for (const grade of grades) {
    const inGrade: SchoolClass[] = []
    for (let number = 1; number <= classesPerGrade; number++) {
      const index = classes.length
      const name = classNameZh('nine_year', grade.level, number)
      const headTeacherId = headTeacherIds[index] as number
      const created = await createClass(trx, {
        schoolId: school.id,
        gradeId: grade.id,
        number,
        name,
        headTeacherId,
      })
      const schoolClass: SchoolClass = {
        index,
        id: created.id,
        gradeId: grade.id,
        level: grade.level,
        number,
        name,
        headTeacherId,
        pupils: [],
      }
      classes.push(schoolClass)
      inGrade.push(schoolClass)
    }
    gradeMap.set(grade.level, { id: grade.id, classes: inGrade })
  }
  report.add(classes.length)

  const studentId = await nextIds(trx, 'students')
  const students: Row<'students'>[] = []
  const guardianships: Row<'guardianships'>[] = []
  const pupils: Pupil[] = []
  for (const p of planned) {
    const schoolClass = classes[p.classIndex] as SchoolClass
    const parents = guardiansOf.get(p) ?? []
    // Most families allow photos inside the school, some for the public site, some none at all.
    const draw = random()
    const photoConsent: PhotoConsent = draw < 0.1 ? 'none' : draw < 0.25 ? 'public' : 'school'
    const answeredBy = photoConsent === 'none' && draw < 0.05 ? null : (parents[0]?.id ?? null)
    const pupil: Pupil = {
      id: studentId(),
      classIndex: p.classIndex,
      name: p.name,
      photoConsent,
      guardianIds: parents.map((g) => g.id),
    }
    students.push({
      id: pupil.id,
      school_id: school.id,
      class_id: schoolClass.id,
      student_number: `S${school.number}2025${pad(schoolClass.level, 2)}${pad(schoolClass.number, 2)}${pad(p.seq, 2)}`,
      name: p.name,
      active: 1,
      photo_consent: photoConsent,
      photo_consent_by: answeredBy,
      photo_consent_at:
        answeredBy === null ? null : shanghaiInstant(addDays('2025-09-01', p.seq % 10), '20:15'),
      graduated_on: null,
    })
    for (const parent of parents) {
      guardianships.push({ guardian_id: parent.id, student_id: pupil.id, relation: parent.relation })
    }
    schoolClass.pupils.push(pupil)
    pupils.push(pupil)
  }
  await insertRows(trx, 'students', students)
  await insertRows(trx, 'guardianships', guardianships)
  report.add(students.length + guardianships.length)

  return {
    adminId,
    plannerId: subjectTeacherIds[0] ?? adminId,
    principalName: `${pick(random, SURNAMES)}校长`,
    subjectTeacherIds,
    classes,
    grades: gradeMap,
    pupils,
    guardians: guardianSeq,
  }
}

// --- Programme: seasons, strands and a clash-free timetable of activities ---

type Planned = {
  id: number
  title: string
  kind: ActivityKind
  seasonIndex: number
  strandIndex: number | null
  day: string
  startsAt: string
  endsAt: string
  venue: string
  organiserId: number
  status: PlanStatus
  /** Whole grades targeted, or single classes */
  gradeLevels: number[]
  classIndexes: number[]
  /** Every class whose pupils are expected */
  classes: SchoolClass[]
  offCampus: boolean
  partner: PartnerName | null
  practice: [PracticeCategory, number] | null
  roles: readonly RoleRule[]
  awards: readonly AwardRule[]
  /** The class on duty (hosts, flag party); rotates through the school */
  hostClass: SchoolClass
  /** Where in each class the roles start, so different pupils get them over the year */
  rotation: number
  /** For a class meeting: the week's theme */
  theme: string | null
}

/** Before the seed's today: done, and recorded. */
const isPast = (activity: Pick<Planned, 'day'>) => activity.day < SCALE_TODAY

/** Busy intervals per resource (class, venue, organiser) and day, in minutes since midnight. */
class Timetable {
  private readonly busy = new Map<string, [number, number][]>()

  isFree(resources: readonly string[], day: string, from: number, to: number): boolean {
    return resources.every((resource) =>
      (this.busy.get(`${resource}|${day}`) ?? []).every(([a, b]) => to <= a || b <= from),
    )
  }

  book(resources: readonly string[], day: string, from: number, to: number): void {
    for (const resource of resources) {
      const key = `${resource}|${day}`
      const list = this.busy.get(key)
      if (list) list.push([from, to])
      else this.busy.set(key, [[from, to]])
    }
  }
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const timeOf = (minutes: number) => `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`

/** When a season was drafted, submitted, approved and published, counted back from its first day. */
function seasonTimes(season: SeasonSpec) {
  const at = (daysBefore: number, time: string) =>
    shanghaiInstant(addDays(season.startsOn, -daysBefore), time)
  const submittedAt = at(21, '16:00')
  const publishedAt = at(14, '10:00')
  return {
    createdAt: at(30, '09:00'),
    submittedAt,
    approvedAt: at(18, '10:00'),
    publishedAt,
    updatedAt: season.status === 'published' ? publishedAt : submittedAt,
  }
}

/** A made-up Shanghai landline, different per school. */
function fakePhone(schoolNumber: number, n: number): string {
  return `021-6${pad(schoolNumber % 1000, 3)} ${pad(n % 10_000, 4)}`
}

function strandOfGrades(levels: readonly number[]): number | null {
  const group = GRADE_GROUPS.findIndex((g) => levels.every((level) => g.includes(level)))
  return group === -1 ? null : group
}

type Programme = { activities: Planned[]; seasonIds: number[] }

/**
 * The year's timetable: the calendar's fixed and whole-day events, then Monday's flag-raising and
 * every class's weekly 主题班会, then contests and talks wherever time is left. Nothing clashes for a
 * class, a room or an organiser.
 */
function planTimetable(people: People, random: Random): Omit<Planned, 'id'>[] {
  const { schoolDays, activityDays } = schoolCalendar()
  const timetable = new Timetable()
  const activities: Omit<Planned, 'id'>[] = []
  const allClasses = people.classes
  const classesOfGrades = (levels: readonly number[]) =>
    levels.flatMap((level) => people.grades.get(level)?.classes ?? [])
  const seasonOf = (day: string) => SEASONS.findIndex((s) => isWithin(day, s))
  let ordinal = 0

  const place = (
    spec: {
      title: string
      kind: ActivityKind
      gradeLevels: number[]
      classIndexes: number[]
      slots: readonly string[]
      minutes: number
      venue: string
      organiserId: number
      days: readonly string[]
      offCampus: boolean
      partner: PartnerName | null
      practice: [PracticeCategory, number] | null
      roles: readonly RoleRule[]
      awards: readonly AwardRule[]
      theme?: string | null
    },
    strandIndex: number | null,
  ): boolean => {
    const classes = spec.classIndexes.length
      ? spec.classIndexes.map((i) => allClasses[i] as SchoolClass)
      : classesOfGrades(spec.gradeLevels)
    if (!classes.length) return false
    const resources = [
      ...classes.map((c) => `class:${c.id}`),
      `venue:${spec.venue}`,
      `user:${spec.organiserId}`,
    ]
    for (const day of spec.days) {
      for (const slot of spec.slots) {
        const from = minutesOf(slot)
        const to = from + spec.minutes
        if (!timetable.isFree(resources, day, from, to)) continue
        timetable.book(resources, day, from, to)
        const seasonIndex = seasonOf(day)
        const season = SEASONS[seasonIndex] as SeasonSpec
        ordinal++
        activities.push({
          title: spec.title,
          kind: spec.kind,
          seasonIndex,
          strandIndex,
          day,
          startsAt: shanghaiInstant(day, slot),
          endsAt: shanghaiInstant(day, timeOf(to)),
          venue: spec.venue,
          organiserId: spec.organiserId,
          status: season.status,
          gradeLevels: spec.gradeLevels,
          classIndexes: spec.classIndexes,
          classes,
          offCampus: spec.offCampus,
          partner: spec.partner,
          practice: spec.practice,
          roles: spec.roles,
          awards: spec.awards,
          hostClass: classes[(ordinal * 7) % classes.length] as SchoolClass,
          rotation: ordinal,
          theme: spec.theme ?? null,
        })
        return true
      }
    }
    return false
  }

  /** The days to try for an event: its fixed day first, then the window's days from a random one on. */
  const candidateDays = (spec: EventSpec, seasonIndex: number): string[] => {
    const season = SEASONS[seasonIndex] as SeasonSpec
    const window = spec.window ?? season
    const inTerm = season.status === 'published'
    const days = daysBetween(window.startsOn, window.endsOn).filter((day) =>
      inTerm ? activityDays.has(day) : isWeekday(day),
    )
    const start = Math.floor(random() * days.length)
    const rotated = [...days.slice(start), ...days.slice(0, start)]
    return spec.on ? [spec.on, ...rotated.filter((day) => day > spec.on!), ...rotated] : rotated
  }

  const organisers = shuffled(random, people.subjectTeacherIds)
  let organiserCursor = 0
  const nextOrganiser = () => organisers[organiserCursor++ % Math.max(1, organisers.length)] ?? people.adminId

  const placeEvent = (spec: EventSpec, seasonIndex: number) => {
    const classIndexes = spec.classesPerGrade
      ? spec.grades.flatMap((level) =>
          shuffled(random, people.grades.get(level)?.classes ?? [])
            .slice(0, spec.classesPerGrade)
            .map((c) => c.index),
        )
      : []
    const schoolWide = spec.grades.length === ALL_GRADES.length
    const placed = place(
      {
        title: spec.title,
        kind: spec.kind,
        gradeLevels: spec.classesPerGrade ? [] : [...spec.grades],
        classIndexes,
        slots: spec.slots,
        minutes: spec.minutes,
        venue: spec.venue,
        organiserId: schoolWide ? people.adminId : nextOrganiser(),
        days: candidateDays(spec, seasonIndex),
        offCampus: spec.partner !== undefined,
        partner: spec.partner ?? null,
        practice: spec.practice ?? null,
        roles: spec.roles ?? [],
        awards: spec.awards ?? [],
      },
      strandOfGrades(spec.grades),
    )
    // A school calendar without one of its events would skew every benchmark built on it.
    if (!placed) throw new Error(`Scale seed: no free time for ${spec.title}`)
  }

  // The fixed and whole-day events first: weekly routines move out of their way, as in a real school.
  const events = EVENTS.flatMap((list, seasonIndex) => list.map((spec) => ({ spec, seasonIndex })))
  const firstPass = events.filter(({ spec }) => spec.on || spec.slots === FULL_DAY)
  for (const { spec, seasonIndex } of firstPass) placeEvent(spec, seasonIndex)

  // Weekly: Monday's flag-raising for the whole school, and each class's 主题班会 on its grade's day.
  const weeks = new Map<string, string[]>()
  for (const day of schoolDays) {
    const monday = addDays(day, -(weekday(day) - 1))
    weeks.set(monday, [...(weeks.get(monday) ?? []), day])
  }
  const termWeek = new Map<string, { term: number; week: number }>()
  for (const [term, range] of YEAR.terms.entries()) {
    let week = 0
    for (const monday of weeks.keys())
      if (isWithin(monday, { ...range, startsOn: addDays(range.startsOn, -6) })) {
        termWeek.set(monday, { term, week: week++ })
      }
  }
  for (const [monday, days] of weeks) {
    const position = termWeek.get(monday) ?? { term: 0, week: 0 }
    const themes = WEEKLY_THEMES[position.term] ?? []
    const theme = themes[position.week % themes.length] ?? '主题班会'
    if (activityDays.has(monday)) {
      place(
        {
          title: `升旗仪式·国旗下讲话「${theme}」`,
          kind: 'ceremony',
          gradeLevels: ALL_GRADES,
          classIndexes: [],
          slots: ['07:50'],
          minutes: 30,
          venue: '操场',
          organiserId: people.adminId,
          days: [monday],
          offCampus: false,
          partner: null,
          practice: null,
          roles: [
            { role: 'speaker', count: 1, hostClassOnly: true },
            { role: 'flag_raiser', count: 1, hostClassOnly: true },
            { role: 'flag_guard', count: 2, hostClassOnly: true },
            HOSTS,
          ],
          awards: [],
        },
        null,
      )
    }
    const open = days.filter((day) => activityDays.has(day))
    for (const schoolClass of allClasses) {
      // Grades 1-5 on Monday to Friday, 6-9 on Monday to Thursday; a holiday moves it later in the week.
      const preferred = ((schoolClass.level - 1) % 5) + 1
      const ordered = [
        ...open.filter((d) => weekday(d) >= preferred),
        ...open.filter((d) => weekday(d) < preferred),
      ]
      place(
        {
          title: `主题班会：${theme}`,
          kind: 'class_meeting',
          gradeLevels: [],
          classIndexes: [schoolClass.index],
          slots: ['14:10', '15:00'],
          minutes: schoolClass.level <= 5 ? 35 : 40,
          venue: `${schoolClass.name}教室`,
          organiserId: schoolClass.headTeacherId,
          days: ordered,
          offCampus: false,
          partner: null,
          practice: null,
          roles: [{ role: 'host', count: 2 }],
          awards: [],
          theme,
        },
        strandOfGrades([schoolClass.level]),
      )
    }
  }

  // Then the flexible events: contests, talks and the rest, into whatever time is left.
  for (const { spec, seasonIndex } of events.filter((e) => !firstPass.includes(e)))
    placeEvent(spec, seasonIndex)
  for (const [seasonIndex, talks] of TALKS.entries()) {
    for (const [group, [title, kind]] of talks.entries()) {
      for (const level of GRADE_GROUPS[group] ?? []) {
        placeEvent(
          {
            title,
            kind,
            grades: [level],
            slots: ['09:00', '10:00', '13:00', '15:00'],
            minutes: level <= 5 ? 40 : 45,
            venue: '报告厅',
          },
          seasonIndex,
        )
      }
    }
  }
  return activities.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title))
}

async function seedProgramme(
  trx: Db,
  input: {
    schoolId: number
    yearId: number
    options: ScaleOptions
    schoolNumber: number
    people: People
    report: Reporter
  },
): Promise<Programme> {
  const { schoolId, yearId, options, schoolNumber, people, report } = input
  const random = stream(options.seed, schoolNumber, 2)
  const activities = planTimetable(people, random)

  // Seasons and strands, with the review history that brought them where they are.
  const seasonIds: number[] = []
  const strandIds: number[][] = []
  for (const season of SEASONS) {
    const { createdAt, submittedAt, approvedAt, publishedAt, updatedAt } = seasonTimes(season)
    const published = season.status === 'published'
    const seasonId = await createSeason(trx, {
      schoolId,
      academicYearId: yearId,
      title: season.title,
      slogan: season.slogan,
      description: `${season.title}：${season.slogan}。德育处按年级分主线组织主题班会、讲座、比赛与社会实践。`,
      startsOn: season.startsOn,
      endsOn: season.endsOn,
      ownerId: people.plannerId,
      status: season.status,
      createdAt,
      updatedAt,
    })
    seasonIds.push(seasonId)
    const history: [action: 'submitted' | 'approved' | 'published', actorId: number, at: string][] = [
      ['submitted', people.plannerId, submittedAt],
    ]
    if (published)
      history.push(['approved', people.adminId, approvedAt], ['published', people.adminId, publishedAt])
    for (const [action, actorId, at] of history) {
      await createReview(trx, {
        schoolId,
        entity: 'season',
        entityId: seasonId,
        actorId,
        action,
        createdAt: at,
      })
    }
    report.add(1 + history.length)
    const ids: number[] = []
    for (const [position, [title, slogan]] of season.strands.entries()) {
      const levels = GRADE_GROUPS[position] ?? []
      ids.push(
        await createStrand(trx, {
          schoolId,
          seasonId,
          title,
          slogan,
          position: position + 1,
          gradeIds: levels.map((level) => people.grades.get(level)?.id as number),
        }),
      )
      report.add(1 + levels.length)
    }
    strandIds.push(ids)
  }
  const strandIdOf = (a: Pick<Planned, 'seasonIndex' | 'strandIndex'>) =>
    a.strandIndex === null ? null : (strandIds[a.seasonIndex]?.[a.strandIndex] ?? null)

  const partnerIds = new Map<PartnerName, number>()
  for (const [index, partner] of PARTNERS.entries()) {
    const id = await createPartner(trx, {
      schoolId,
      name: partner.name,
      category: partner.category,
      offers: partner.offers,
      patrioticBase: 'patrioticBase' in partner,
      contactName: `${pick(random, SURNAMES)}老师`,
      contactPhone: fakePhone(schoolNumber, 100 + index),
    })
    partnerIds.set(partner.name, id)
  }
  report.add(PARTNERS.length)

  // Events (a hundred or so) through the factory, with their staff, partners and checklists…
  const planned: Planned[] = []
  const classMeetings: Planned[] = []
  for (const activity of activities) {
    if (activity.kind === 'class_meeting') {
      classMeetings.push({ ...activity, id: 0 })
      continue
    }
    const past = isPast(activity)
    // Planned with the season, and decided with it.
    const times = seasonTimes(SEASONS[activity.seasonIndex] as SeasonSpec)
    // Head teachers go out with their classes; at school-wide events they are with them anyway.
    const staffIds = activity.offCampus
      ? activity.classes.map((c) => c.headTeacherId).filter((staffId) => staffId !== activity.organiserId)
      : []
    const tasks = [
      {
        title: activity.offCampus ? '发送外出知情同意书' : '确认场地与设备',
        ownerId: activity.organiserId,
        dueOn: addDays(activity.day, -7),
        doneAt: past || activity.offCampus ? shanghaiInstant(addDays(activity.day, -8), '16:30') : null,
      },
      {
        title: activity.offCampus ? '安全预案与带队分工' : '活动通知与分工',
        ownerId: activity.organiserId,
        dueOn: addDays(activity.day, -3),
        doneAt: past ? shanghaiInstant(addDays(activity.day, -3), '17:00') : null,
      },
    ]
    const id = await createActivity(trx, {
      schoolId,
      seasonId: seasonIds[activity.seasonIndex] as number,
      strandId: strandIdOf(activity),
      title: activity.title,
      kind: activity.kind,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      venue: activity.venue,
      offCampus: activity.offCampus,
      needsConsent: activity.offCampus,
      organiserId: activity.organiserId,
      description: `${activity.title}，面向${describeTargets(activity)}。`,
      practiceCategory: activity.practice?.[0] ?? null,
      practiceHours: activity.practice?.[1] ?? null,
      transport: activity.offCampus ? '学校统一安排大巴，07:50 校门口集合，活动结束后返校' : '',
      contactPhone: activity.offCampus ? fakePhone(schoolNumber, activity.rotation) : '',
      consentDueOn: activity.offCampus ? addDays(activity.day, -5) : null,
      status: activity.status,
      createdBy: people.plannerId,
      createdAt: times.createdAt,
      updatedAt: times.updatedAt,
      gradeIds: activity.gradeLevels.map((level) => people.grades.get(level)?.id as number),
      classIds: activity.classIndexes.map((i) => (people.classes[i] as SchoolClass).id),
      staffIds,
      partners:
        activity.partner === null
          ? []
          : [{ partnerId: partnerIds.get(activity.partner) as number, role: 'partner' as const }],
      tasks,
    })
    planned.push({ ...activity, id })
    report.add(
      1 +
        activity.gradeLevels.length +
        activity.classIndexes.length +
        staffIds.length +
        (activity.partner === null ? 0 : 1) +
        tasks.length,
    )
  }

  // …and the class meetings (thousands) in batches.
  const activityId = await nextIds(trx, 'activities')
  const activityRows: Row<'activities'>[] = []
  const targetRows: Row<'activity_classes'>[] = []
  for (const meeting of classMeetings) {
    const times = seasonTimes(SEASONS[meeting.seasonIndex] as SeasonSpec)
    meeting.id = activityId()
    const schoolClass = meeting.classes[0] as SchoolClass
    activityRows.push({
      id: meeting.id,
      school_id: schoolId,
      season_id: seasonIds[meeting.seasonIndex] as number,
      strand_id: strandIdOf(meeting),
      title: meeting.title,
      kind: 'class_meeting',
      lesson: '班会课',
      starts_at: meeting.startsAt,
      ends_at: meeting.endsAt,
      venue: meeting.venue,
      off_campus: 0,
      needs_consent: 0,
      organiser_id: meeting.organiserId,
      capacity: null,
      description: `本周主题「${meeting.theme}」，由班主任指导、学生主持。`,
      practice_category: null,
      practice_hours: null,
      observance: null,
      transport: '',
      contact_phone: '',
      consent_due_on: null,
      award_levels: null,
      status: meeting.status,
      created_by: schoolClass.headTeacherId,
      created_at: times.createdAt,
      updated_at: times.updatedAt,
    })
    targetRows.push({ activity_id: meeting.id, class_id: schoolClass.id })
  }
  await insertRows(trx, 'activities', activityRows)
  await insertRows(trx, 'activity_classes', targetRows)
  report.add(activityRows.length + targetRows.length)

  return {
    activities: [...planned, ...classMeetings].sort(
      (a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id,
    ),
    seasonIds,
  }
}

function describeTargets(activity: Pick<Planned, 'gradeLevels' | 'classes'>): string {
  if (activity.gradeLevels.length === ALL_GRADES.length) return '全校学生'
  if (activity.gradeLevels.length) {
    return activity.gradeLevels.map((level) => gradeNameZh('nine_year', level)).join('、')
  }
  return activity.classes.map((c) => c.name).join('、')
}

// --- What happened: consents, participation, awards ---

type Attendance = { pupil: Pupil; schoolClass: SchoolClass; role: ParticipationRole }

/** The role of the `index`th pupil of a class: parts rotate through the class from activity to activity. */
function roleOf(activity: Planned, schoolClass: SchoolClass, index: number): ParticipationRole {
  const size = schoolClass.pupils.length
  const position = (index - ((activity.rotation * 2) % size) + size) % size
  let cursor = 0
  for (const rule of activity.roles) {
    if (rule.hostClassOnly && schoolClass !== activity.hostClass) continue
    if (rule.count === 'all' || position < cursor + rule.count) return rule.role
    cursor += rule.count
  }
  return 'participant'
}

/** Afterwards nearly every family had answered; ahead of the day many have not yet. */
function consentAnswer(draw: number, past: boolean): ConsentStatus {
  const given = past ? 0.92 : 0.55
  if (draw < given) return 'given'
  return draw < given + 0.04 ? 'refused' : 'requested'
}

function laterInstant(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString()
}

async function seedRecords(
  trx: Db,
  input: {
    schoolId: number
    options: ScaleOptions
    schoolNumber: number
    programme: Programme
    report: Reporter
  },
): Promise<{ participations: number; consents: number; attendance: Map<number, Attendance[]> }> {
  const { schoolId, options, schoolNumber, programme, report } = input
  const random = stream(options.seed, schoolNumber, 3)

  // Consent requests went out when the season was published; the answers decide who went out.
  const consentOf = new Map<number, Map<number, ConsentStatus>>()
  const consentRows: Row<'consents'>[] = []
  for (const activity of programme.activities) {
    if (!activity.offCampus || activity.status !== 'published') continue
    const requestedAt = seasonTimes(SEASONS[activity.seasonIndex] as SeasonSpec).publishedAt
    const answers = new Map<number, ConsentStatus>()
    for (const schoolClass of activity.classes) {
      for (const pupil of schoolClass.pupils) {
        const draw = random()
        const status = consentAnswer(draw, isPast(activity))
        answers.set(pupil.id, status)
        const answered = status !== 'requested'
        consentRows.push({
          school_id: schoolId,
          activity_id: activity.id,
          student_id: pupil.id,
          status,
          guardian_id: answered
            ? (pupil.guardianIds[Math.floor(draw * 97) % pupil.guardianIds.length] ?? null)
            : null,
          note: status === 'refused' ? pick(random, ['当天家中有事', '孩子晕车', '已另行安排', '']) : '',
          requested_at: requestedAt,
          answered_at: answered ? laterInstant(requestedAt, 60 * 8 + Math.floor(draw * 60 * 24 * 5)) : null,
        })
      }
    }
    consentOf.set(activity.id, answers)
  }
  await insertRows(trx, 'consents', consentRows)
  report.add(consentRows.length)

  const attendance = new Map<number, Attendance[]>()
  let participations = 0
  let buffer: Row<'participations'>[] = []
  const flush = async () => {
    await insertRows(trx, 'participations', buffer)
    report.add(buffer.length)
    participations += buffer.length
    buffer = []
  }
  for (const activity of programme.activities) {
    if (!isPast(activity)) continue
    const answers = consentOf.get(activity.id)
    const present: Attendance[] = []
    const recordedAt = laterInstant(activity.endsAt, 40)
    for (const schoolClass of activity.classes) {
      for (const [index, pupil] of schoolClass.pupils.entries()) {
        const role = roleOf(activity, schoolClass, index)
        const consent = answers?.get(pupil.id)
        let status: AttendanceStatus = 'attended'
        let excuseReason = ''
        if (consent !== undefined && consent !== 'given') {
          status = 'excused'
          excuseReason = consent === 'refused' ? '家长未同意参加' : '未交回执'
        } else if (role === 'participant') {
          // Pupils with a part to play were there; of the rest a few were ill or away.
          const draw = random()
          if (draw < 0.012) status = 'absent'
          else if (draw < 0.03) {
            status = 'excused'
            excuseReason = pick(random, EXCUSES)
          }
        }
        const attended = status === 'attended'
        if (attended) present.push({ pupil, schoolClass, role })
        buffer.push({
          school_id: schoolId,
          activity_id: activity.id,
          student_id: pupil.id,
          class_id: schoolClass.id,
          status,
          excuse_reason: excuseReason,
          role: attended ? role : 'participant',
          hours: attended && activity.practice ? activity.practice[1] : null,
          note: '',
          added: 0,
          revision: 1,
          recorded_by: schoolClass.headTeacherId,
          recorded_at: recordedAt,
          notice_window_id: null,
        })
        if (buffer.length >= MAX_ROWS_PER_STATEMENT * 4) await flush()
      }
    }
    attendance.set(activity.id, present)
  }
  await flush()
  return { participations, consents: consentRows.length, attendance }
}

/** Levels by rank: a tenth first prizes, a fifth second, three tenths third, the rest merit. */
function levelByRank(rank: number, count: number): string {
  const share = (rank + 0.5) / count
  if (rank === 0 || share < 0.1) return 'first'
  if (share < 0.3) return 'second'
  if (share < 0.6) return 'third'
  return 'merit'
}

const LEVEL_ORDER = ['merit', 'third', 'second', 'first', 'special']

async function seedAwards(
  trx: Db,
  input: {
    schoolId: number
    options: ScaleOptions
    schoolNumber: number
    programme: Programme
    people: People
    attendance: Map<number, Attendance[]>
    report: Reporter
  },
): Promise<number> {
  const { schoolId, options, schoolNumber, programme, people, attendance, report } = input
  const random = stream(options.seed, schoolNumber, 4)
  let count = 0
  for (const activity of programme.activities) {
    if (!activity.awards.length || !isPast(activity)) continue
    const present = attendance.get(activity.id) ?? []
    type Draft = {
      level: string
      kind: 'pupil' | 'team' | 'class'
      classId?: number
      team?: string
      members: Attendance[]
    }
    const drafts: Draft[] = []
    const levels = [...new Set(activity.classes.map((c) => c.level))]
    for (const rule of activity.awards) {
      for (const level of levels) {
        const classes = activity.classes.filter((c) => c.level === level)
        if (rule.kind === 'classes') {
          // Three places per grade, as a chorus or a sports day gives them.
          shuffled(random, classes)
            .slice(0, 3)
            .forEach((c, rank) => {
              drafts.push({
                level: ['first', 'second', 'third'][rank] as string,
                kind: 'class',
                classId: c.id,
                members: [],
              })
            })
        } else if (rule.kind === 'teams') {
          const teams = classes
            .map((c) => present.filter((a) => a.schoolClass === c && a.role === rule.role))
            .filter((members) => members.length >= 2)
          shuffled(random, teams).forEach((members, rank) => {
            const schoolClass = (members[0] as Attendance).schoolClass
            drafts.push({
              level: levelByRank(rank, teams.length),
              kind: 'team',
              team: `${schoolClass.name}代表队`,
              members,
            })
          })
        } else {
          const entrants = classes.flatMap((c) =>
            shuffled(
              random,
              present.filter((a) => a.schoolClass === c && (rule.role === undefined || a.role === rule.role)),
            ).slice(0, rule.perClass),
          )
          shuffled(random, entrants).forEach((entrant, rank) => {
            drafts.push({ level: levelByRank(rank, entrants.length), kind: 'pupil', members: [entrant] })
          })
        }
      }
    }
    // Presenting order: the lower levels first, the first prizes last, as a ceremony builds up.
    const ordered = drafts
      .map((draft, index) => ({ draft, index }))
      .sort(
        (a, b) =>
          LEVEL_ORDER.indexOf(a.draft.level) - LEVEL_ORDER.indexOf(b.draft.level) || a.index - b.index,
      )
    for (const [position, { draft }] of ordered.entries()) {
      await createAward(trx, {
        schoolId,
        activityId: activity.id,
        title: activity.title,
        level: draft.level,
        recipientKind: draft.kind,
        classId: draft.classId ?? null,
        teamName: draft.team ?? '',
        presenterName: people.principalName,
        presenterTitle: '校长',
        awardedOn: activity.day,
        position: position + 1,
        createdBy: activity.organiserId,
        recipients: draft.members.map((m) => ({ studentId: m.pupil.id, classId: m.schoolClass.id })),
      })
      report.add(1 + draft.members.length)
    }
    count += ordered.length
  }
  return count
}

// --- Recaps, with photo rows ---

const RECAP_LINES: Partial<Record<ActivityKind, readonly string[]>> = {
  class_meeting: [
    '班会由两位同学主持，大家围绕主题分组讨论，再由各组代表发言。',
    '同学们结合自己的经历谈体会，说得真诚，听得认真。',
    '班主任最后作了小结，希望大家把今天的收获落实到每一天的行动中。',
  ],
  ceremony: [
    '仪式庄严隆重，全体师生肃立，齐声高唱国歌。',
    '学生代表发言，分享了自己的成长与收获，赢得了阵阵掌声。',
    '仪式在欢快的乐曲声中结束，同学们满怀期待地回到教室。',
  ],
  study_tour: [
    '一路上，同学们认真听讲解、做记录，把课堂搬进了场馆。',
    '各小组带着研学任务单参观，回校后还要完成研学报告。',
    '带队老师全程陪同，活动安全有序。',
  ],
  service: [
    '志愿者们分工明确，有的清扫，有的宣传，有的陪老人聊天。',
    '忙碌了一个下午，大家虽然有些累，脸上却都挂着笑容。',
    '服务时长已记入综合素质评价的社会实践记录。',
  ],
  contest: [
    '参赛同学精心准备，赛场上沉着自信，展现了良好的风采。',
    '评委老师从内容、表达和台风等方面进行了点评。',
    '经过激烈角逐，各奖项一一揭晓，获奖名单见活动页面。',
  ],
  lecture: [
    '主讲老师用生动的案例和互动问答，把道理讲得深入浅出。',
    '同学们听得专注，提问环节小手举得高高的。',
    '讲座结束后，各班还将在班会课上继续交流感想。',
  ],
}

const GENERIC_LINES = [
  '活动前，老师们精心准备，同学们认真查阅资料、分工合作。',
  '不少家长在班级群里留言，为孩子们的表现点赞。',
  '德育处将继续围绕本季主线，开展形式多样的实践活动。',
]

const CAPTIONS = ['活动现场', '认真聆听', '小组交流', '合影留念', '精彩瞬间', '同学们在行动', '老师指导']

function recapBody(random: Random, activity: Planned, theme: string | null): string {
  const [, month, day] = activity.day.split('-').map(Number) as [number, number, number]
  const lines = RECAP_LINES[activity.kind] ?? RECAP_LINES.lecture ?? []
  const opening = theme
    ? `${month}月${day}日，${describeTargets(activity)}以「${theme}」为主题召开了主题班会。`
    : `${month}月${day}日，${describeTargets(activity)}在${activity.venue}参加了「${activity.title}」。`
  const middle = shuffled(random, lines).slice(0, 2).join('')
  const closing = shuffled(random, GENERIC_LINES)
    .slice(0, 1 + Math.floor(random() * 2))
    .join('')
  return `${opening}\n\n${middle}\n\n${closing}`
}

/** The latest few are still on their way; now and then an older draft was left unfinished. */
function recapStatus(fromLatest: number, random: Random): RecapStatus {
  if (fromLatest === 1) return 'draft'
  if (fromLatest <= 3) return 'in_review'
  if (fromLatest === 4) return 'returned'
  return random() < 0.03 ? 'draft' : 'published'
}

function recapTitle(activity: Planned): string {
  if (activity.theme) return `${activity.classes[0]?.name ?? ''}主题班会「${activity.theme}」`
  if (activity.kind === 'contest') return `${activity.title}落下帷幕`
  if (activity.offCampus) return `走进${activity.venue}：${activity.title}`
  return `${activity.title}侧记`
}

function recapAudience(random: Random, activity: Planned): RecapAudience {
  if (activity.theme) return 'classes'
  if (activity.gradeLevels.length === ALL_GRADES.length) return activity.practice ? 'staff' : 'public'
  if (activity.offCampus) return random() < 0.4 ? 'public' : 'parents'
  return activity.gradeLevels.length ? 'grades' : 'classes'
}

async function seedRecaps(
  trx: Db,
  input: {
    schoolId: number
    options: ScaleOptions
    schoolNumber: number
    programme: Programme
    people: People
    attendance: Map<number, Attendance[]>
    report: Reporter
  },
): Promise<{ recaps: number; photos: number }> {
  const { schoolId, options, schoolNumber, programme, people, attendance, report } = input
  const random = stream(options.seed, schoolNumber, 5)
  const past = programme.activities.filter(isPast)
  // Every event but most flag-raisings gets a recap, and each class one of its class meetings.
  const flags = past.filter((a) => a.title.startsWith('升旗仪式'))
  const chosen = [
    ...past.filter((a) => a.kind !== 'class_meeting' && !flags.includes(a)),
    ...flags.filter((_, i) => i % 4 === 0),
    ...people.classes.flatMap((c) => {
      const meetings = past.filter((a) => a.kind === 'class_meeting' && a.classes[0] === c)
      return meetings.length ? [pick(random, meetings)] : []
    }),
  ].sort((a, b) => a.endsAt.localeCompare(b.endsAt) || a.id - b.id)

  let photos = 0
  for (const [index, activity] of chosen.entries()) {
    const status = recapStatus(chosen.length - index, random)
    const audience = recapAudience(random, activity)
    const authorId = activity.kind === 'class_meeting' ? activity.organiserId : people.plannerId
    const createdAt = laterInstant(activity.endsAt, 120)
    const submittedAt = laterInstant(createdAt, 18 * 60)
    const decidedAt = laterInstant(submittedAt, 120)
    const events: {
      action: 'created' | 'submitted' | 'returned' | 'published'
      actorId: number
      at: string
      comment?: string
    }[] = [{ action: 'created', actorId: authorId, at: createdAt }]
    if (status !== 'draft') events.push({ action: 'submitted', actorId: authorId, at: submittedAt })
    if (status === 'published') events.push({ action: 'published', actorId: people.adminId, at: decidedAt })
    if (status === 'returned') {
      events.push({
        action: 'returned',
        actorId: people.adminId,
        at: decidedAt,
        comment: '请补充活动照片的说明，并核对学生姓名。',
      })
    }
    const recapId = await createRecap(trx, {
      schoolId,
      seasonId: programme.seasonIds[activity.seasonIndex] ?? null,
      title: recapTitle(activity),
      body: recapBody(random, activity, activity.theme),
      authorId,
      status,
      audience,
      reviewerId: status === 'published' || status === 'returned' ? people.adminId : null,
      publishedAt: status === 'published' ? decidedAt : null,
      activityIds: [activity.id],
      gradeIds:
        audience === 'grades'
          ? activity.gradeLevels.map((level) => people.grades.get(level)?.id as number)
          : [],
      classIds: audience === 'classes' ? activity.classes.map((c) => c.id) : [],
      events: events.map(({ action, actorId, comment }) => ({ action, actorId, comment })),
    })
    const updatedAt = (events.at(-1) as { at: string }).at
    await sql`update recaps set created_at = ${createdAt}, updated_at = ${updatedAt} where id = ${recapId}`.execute(
      trx,
    )
    // Each action happens once in a recap's history here, so the action names the event.
    const atOf = sql.join(
      events.map((e) => sql`when ${e.action} then ${e.at}`),
      sql` `,
    )
    await sql`update recap_events set created_at = case action ${atOf} end where recap_id = ${recapId}`.execute(
      trx,
    )
    report.add(1 + events.length + 1)

    // Photo rows only, with made-up file keys: no image files are written, a benchmark does not need them.
    if (status === 'draft' || random() > (activity.kind === 'class_meeting' ? 0.35 : 0.6)) continue
    // Only pupils whose guardians allow it appear, and on the public site only those who allow that.
    const allowed = (attendance.get(activity.id) ?? []).filter((a) =>
      audience === 'public' ? a.pupil.photoConsent === 'public' : a.pupil.photoConsent !== 'none',
    )
    const count = 2 + Math.floor(random() * 5)
    let coverId: number | null = null
    for (let position = 1; position <= count; position++) {
      const shown = random() < 0.7 ? shuffled(random, allowed).slice(0, 1 + Math.floor(random() * 4)) : []
      const fileKey = createHash('sha256')
        .update(`scale:${options.seed}:${schoolNumber}:${recapId}:${position}`)
        .digest('hex')
        .slice(0, 32)
      const photoId = await createPhoto(trx, {
        schoolId,
        recapId,
        fileKey,
        width: 1600,
        height: pick(random, [1200, 1067, 900]),
        bytes: 180_000 + Math.floor(random() * 300_000),
        caption: pick(random, CAPTIONS),
        pupilIds: shown.map((a) => a.pupil.id),
        position,
        createdBy: authorId,
      })
      coverId ??= photoId
      report.add(1 + shown.length)
    }
    await sql`update photos set created_at = ${laterInstant(createdAt, 5)} where recap_id = ${recapId}`.execute(
      trx,
    )
    await sql`update recaps set cover_photo_id = ${coverId} where id = ${recapId}`.execute(trx)
    photos += count
  }
  return { recaps: chosen.length, photos }
}

// --- Notice windows (公示) of recorded hours ---

async function coverPendingEntries(
  trx: Db,
  input: { schoolId: number; classId: number; windowId: number; before: string },
): Promise<number[]> {
  const earlier = trx
    .selectFrom('activities')
    .select('id')
    .where('school_id', '=', input.schoolId)
    .where('ends_at', '<', input.before)
  const rows = await trx
    .updateTable('participations')
    .set({ notice_window_id: input.windowId })
    .where('school_id', '=', input.schoolId)
    .where('class_id', '=', input.classId)
    .where('status', '=', 'attended')
    .where('notice_window_id', 'is', null)
    .where('activity_id', 'in', earlier)
    // What a window covers, as the app's notices model has it: social practice, or hours recorded.
    .where((eb) =>
      eb.or([
        eb('hours', '>', 0),
        eb('activity_id', 'in', earlier.where('practice_category', 'is not', null)),
      ]),
    )
    .returning(['id', 'student_id'])
    .execute()
  return rows.sort((a, b) => a.id - b.id).map((row) => row.student_id)
}

async function seedNotices(
  trx: Db,
  input: { schoolId: number; people: People; report: Reporter },
): Promise<void> {
  const { schoolId, people, report } = input
  const grade = people.grades.get(5)?.classes ?? people.classes
  const closedFor = grade[0] as SchoolClass
  const openFor = (grade[1] ?? grade[0]) as SchoolClass

  // Last term's window for one class has closed; another class's is open now.
  const closedId = await createNoticeWindow(trx, {
    schoolId,
    classId: closedFor.id,
    opensOn: '2026-01-12',
    closesOn: '2026-01-16',
    createdBy: people.adminId,
  })
  await coverPendingEntries(trx, {
    schoolId,
    classId: closedFor.id,
    windowId: closedId,
    before: shanghaiInstant('2026-01-12', '00:00'),
  })
  const opensOn = addDays(SCALE_TODAY, -3)
  const closesOn = addDays(SCALE_TODAY, 3)
  const openId = await createNoticeWindow(trx, {
    schoolId,
    classId: openFor.id,
    opensOn,
    closesOn,
    createdBy: people.adminId,
  })
  const covered = await coverPendingEntries(trx, {
    schoolId,
    classId: openFor.id,
    windowId: openId,
    before: shanghaiInstant(opensOn, '00:00'),
  })

  const guardiansOf = new Map(openFor.pupils.map((p) => [p.id, p.guardianIds]))
  const guardians = [...new Set(covered.flatMap((id) => guardiansOf.get(id) ?? []))]
  for (const [index, guardianId] of guardians.entries()) {
    await createNotification(trx, {
      schoolId,
      userId: guardianId,
      kind: 'notice-opened',
      entity: 'notice',
      entityId: openId,
      params: { classId: openFor.id, closesOn },
      readAt: index % 3 === 0 ? null : shanghaiInstant(opensOn, '20:00'),
      createdAt: shanghaiInstant(opensOn, '09:00'),
    })
  }

  // One family asks for a correction while the window is open.
  const disputed = await trx
    .selectFrom('participations')
    .select(['id', 'student_id'])
    .where('notice_window_id', '=', openId)
    .orderBy('id')
    .executeTakeFirst()
  let disputes = 0
  if (disputed) {
    const guardianId = guardiansOf.get(disputed.student_id)?.[0] ?? null
    await createDispute(trx, {
      schoolId,
      windowId: openId,
      participationId: disputed.id,
      guardianId,
      reason: '孩子当天因病提前离开，记录的课时偏多，请老师核对。',
    })
    await sql`update notice_disputes set created_at = ${shanghaiInstant(addDays(opensOn, 1), '21:10')} where window_id = ${openId}`.execute(
      trx,
    )
    disputes = 1
  }
  report.add(2 + guardians.length + disputes)
}

// --- The whole seed ---

/**
 * Some factories leave created_at to the database clock; the same options must give the same bytes,
 * so those rows get instants of their own story instead. (Recaps, their history and photos are
 * stamped as they are written.)
 */
async function stampCreatedAt(trx: Db, schoolId: number): Promise<void> {
  await sql`update schools set created_at = ${SEEDED_AT} where id = ${schoolId}`.execute(trx)
  await sql`update partners set created_at = ${SEEDED_AT} where school_id = ${schoolId}`.execute(trx)
  await sql`update awards set created_at = awarded_on || 'T08:00:00.000Z' where school_id = ${schoolId}`.execute(
    trx,
  )
  await sql`update notice_windows set created_at = opens_on || 'T00:30:00.000Z' where school_id = ${schoolId}`.execute(
    trx,
  )
}

export type ScaleSchoolSummary = {
  slug: string
  id: number
  classes: number
  pupils: number
  guardians: number
  staff: number
  activities: number
  participations: number
  consents: number
  awards: number
  recaps: number
  photos: number
}

export type ScaleHooks = {
  /** The Argon2 hash of DEMO_PASSWORD every account gets; hashed once here when not given. */
  passwordHash?: string
  onProgress?: (progress: ScaleProgress) => void
}

/** Writes `options.schools` generated schools, one transaction each. */
export async function seedScale(
  db: Kysely<Database>,
  options: ScaleOptions,
  hooks: ScaleHooks = {},
): Promise<ScaleSchoolSummary[]> {
  // Argon2 is slow on purpose: one hash for every account, computed before any transaction.
  const passwordHash = hooks.passwordHash ?? (await hashPassword(DEMO_PASSWORD))
  const summaries: ScaleSchoolSummary[] = []
  let rows = 0
  let rowsBefore = 0
  // About 90 rows per pupil, until the first school's plan gives the real figure.
  let perSchool = 9 * options.classesPerGrade * options.pupilsPerClass * 90
  let current = { school: 0, phase: '' }
  const emit = () =>
    hooks.onProgress?.({
      school: current.school,
      schools: options.schools,
      phase: current.phase,
      rows,
      expected: Math.max(rows, rowsBefore + perSchool * (options.schools - current.school + 1)),
    })
  const report: Reporter & { expect(rowsOfSchool: number): void } = {
    add(n) {
      rows += n
      emit()
    },
    phase(name) {
      current = { ...current, phase: name }
      emit()
    },
    expect(rowsOfSchool) {
      perSchool = rowsOfSchool
    },
  }

  for (let number = 1; number <= options.schools; number++) {
    current = { school: number, phase: 'school' }
    rowsBefore = rows
    const summary = await db.transaction().execute(async (trx) => {
      const code = `scale-${number}`
      const district = DISTRICTS[(number - 1) % DISTRICTS.length] as string
      const round = Math.floor((number - 1) / DISTRICTS.length)
      const school = await createSchool(trx, {
        slug: code,
        name: `${district}四季实验学校${round ? `第${round + 1}分校` : ''}`,
        district,
        kind: 'nine_year',
        foundedYear: 1950 + ((number * 7) % 70),
      })
      const year = await createAcademicYear(trx, {
        ...YEAR,
        schoolId: school.id,
        terms: [...YEAR.terms],
        daysOff: [...YEAR.daysOff],
      })
      report.add(1 + school.grades.length + 1 + year.terms.length + year.daysOff.length)

      report.phase('people')
      const people = await seedPeople(trx, {
        school: { id: school.id, code, number, grades: school.grades },
        options,
        passwordHash,
        report,
      })
      report.phase('programme')
      const programme = await seedProgramme(trx, {
        schoolId: school.id,
        yearId: year.id,
        options,
        schoolNumber: number,
        people,
        report,
      })
      const expectedRecords = programme.activities.reduce(
        (sum, a) =>
          sum +
          a.classes.reduce((n, c) => n + c.pupils.length, 0) *
            ((isPast(a) ? 1 : 0) + (a.offCampus && a.status === 'published' ? 1 : 0)),
        0,
      )
      // Awards, recaps and notices add about one row in fifty.
      report.expect(rows - rowsBefore + Math.round(expectedRecords * 1.02))

      report.phase('participation')
      const records = await seedRecords(trx, {
        schoolId: school.id,
        options,
        schoolNumber: number,
        programme,
        report,
      })
      report.phase('awards')
      const awardInput = { schoolId: school.id, options, schoolNumber: number, programme, people, report }
      const awards = await seedAwards(trx, { ...awardInput, attendance: records.attendance })
      report.phase('recaps')
      const recaps = await seedRecaps(trx, { ...awardInput, attendance: records.attendance })
      report.phase('notices')
      await seedNotices(trx, { schoolId: school.id, people, report })
      await stampCreatedAt(trx, school.id)

      const result: ScaleSchoolSummary = {
        slug: code,
        id: school.id,
        classes: people.classes.length,
        pupils: people.pupils.length,
        guardians: people.guardians,
        staff: 1 + people.classes.length + people.subjectTeacherIds.length,
        activities: programme.activities.length,
        participations: records.participations,
        consents: records.consents,
        awards,
        recaps: recaps.recaps,
        photos: recaps.photos,
      }
      await trx
        .insertInto('audit_log')
        .values({
          school_id: school.id,
          user_id: null,
          action: 'seed',
          entity: 'school',
          entity_id: school.id,
          detail: JSON.stringify({ seed: 'scale', options, ...result }),
          created_at: shanghaiInstant(SCALE_TODAY, '06:00'),
        })
        .execute()
      report.add(1)
      return result
    })
    summaries.push(summary)
  }
  return summaries
}

/** Rows per table, largest first (Kysely's own bookkeeping tables left out). */
export async function countRows(db: Kysely<Database>): Promise<{ table: string; rows: number }[]> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(db)
  const counts: { table: string; rows: number }[] = []
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)
    counts.push({ table: name, rows: Number(rows[0]?.n ?? 0) })
  }
  return counts.sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table))
}

// --- Command line ---

const integer = new Intl.NumberFormat('en-US')

/** One updating line on a terminal; a plain line per phase when the output is a file or a pipe. */
function progressPrinter(stream: NodeJS.WriteStream) {
  let lastDraw = 0
  let lastPhase = ''
  const line = (p: ScaleProgress) => {
    const percent = p.expected ? Math.min(100, Math.floor((100 * p.rows) / p.expected)) : 0
    const where = p.schools > 1 ? `school ${p.school}/${p.schools} ` : ''
    return {
      percent,
      text: `${where}${p.phase.padEnd(13)} ${String(percent).padStart(3)}%  ${integer.format(p.rows)} rows`,
    }
  }
  return {
    update(p: ScaleProgress) {
      const phase = `${p.school}:${p.phase}`
      const now = performance.now()
      if (stream.isTTY) {
        if (phase === lastPhase && now - lastDraw < 100) return
        const { percent, text } = line(p)
        const width = 24
        const filled = Math.round((percent / 100) * width)
        stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`)
      } else if (phase !== lastPhase) {
        stream.write(`${line(p).text}\n`)
      }
      lastDraw = now
      lastPhase = phase
    },
    finish() {
      if (stream.isTTY) stream.write('\n')
    },
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseScaleArgs(argv)
  if (args.kind === 'help') {
    console.log(SCALE_USAGE)
    return 0
  }
  if (args.kind === 'error') {
    console.error(`seed:scale: ${args.message} (see --help)`)
    return 2
  }
  const { options, out } = args
  for (const file of [out, `${out}-wal`, `${out}-shm`]) rmSync(file, { force: true })

  const started = performance.now()
  const db = createDb(out)
  try {
    await migrateToLatest(db)
    // A scratch file that is rebuilt from scratch after a crash: no fsync while seeding, and a page
    // cache big enough to hold the indexes a quarter of a million rows go into. WAL stays the file's
    // mode, as the app expects; the app's own connections set their own (safe) synchronous level.
    await sql`pragma synchronous = off`.execute(db)
    await sql`pragma cache_size = -262144`.execute(db)
    const progress = progressPrinter(process.stderr)
    const schools = await seedScale(db, options, { onProgress: (p) => progress.update(p) })
    progress.finish()
    // The planner's statistics, as the server would make them at its first start.
    await refreshPlannerStatistics(db)
    // Fold the WAL into the file so it stands alone and its size is the real one.
    await sql`pragma wal_checkpoint(truncate)`.execute(db)
    const seconds = (performance.now() - started) / 1000

    const counts = await countRows(db)
    const total = counts.reduce((sum, c) => sum + c.rows, 0)
    const nameWidth = Math.max(...counts.map((c) => c.table.length))
    for (const { table, rows } of counts.filter((c) => c.rows > 0)) {
      console.log(`${table.padEnd(nameWidth)}  ${integer.format(rows).padStart(9)}`)
    }
    for (const s of schools) {
      console.log(
        `${s.slug}: ${s.classes} classes, ${s.pupils} pupils, ${s.guardians} guardians, ${s.staff} staff, ` +
          `${s.activities} activities, ${s.participations} participations, ${s.consents} consents, ` +
          `${s.awards} awards, ${s.recaps} recaps, ${s.photos} photo rows`,
      )
    }
    console.log(
      `${integer.format(total)} rows in ${seconds.toFixed(1)} s (${integer.format(Math.round(total / seconds))} rows/s)`,
    )
    console.log(
      `Wrote ${resolve(out)} (${formatBytes(statSync(out).size)}); every password is ${DEMO_PASSWORD}`,
    )
    console.log(
      'Sign in as scale-1-admin, scale-1-t-0101 (head teacher of 一(1)班) or scale-1-p-00001 (a parent)',
    )
    return 0
  } finally {
    await db.destroy()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2))
}
