import { randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import type { Kysely } from 'kysely'
import { classNameZh } from '../app/domain/grades'
import { proposeHolidays } from '../app/domain/holidays'
import { zh } from '../app/locales/zh'
import { createDb } from '../db/client'
import { migrateToLatest } from '../db/migrate'
import type { Database, SchoolKind } from '../db/schema'
import { type DemoCalendar, demoCalendar, earlierDay, laterDay } from './demo-calendar'
import {
  createAcademicYear,
  createClass,
  createRandom,
  createSchool,
  createStudents,
  createUser,
  type DateRangeInput,
  type DayOffInput,
  hashPassword,
  linkGuardian,
  pick,
  SURNAMES,
} from './factories'
import { seedPlanningDemo } from './planning-demo'
import { seedRecapsDemo } from './recaps-demo'
import { seedRecordsDemo } from './records-demo'

export const DEMO_PASSWORD = 'demo-pass-2026'

/** Fixed so that every demo database carries the same fictional pupils. */
const DEMO_SEED = 20260301

/**
 * Written for the year the source articles happened in (2025-2026, spring 2026) and the next one, as
 * a school would have set it up by now; the demo calendar moves both so that the first holds the
 * most recent spring that has passed. Holidays are the ones Siji proposes for a year (an admin
 * would add the 调休 days); the exam weeks are the school's own.
 */
const ACADEMIC_YEARS: readonly {
  name: string
  startsOn: string
  endsOn: string
  terms: readonly DateRangeInput[]
  examWeeks: readonly DateRangeInput[]
}[] = [
  {
    name: '2025-2026',
    startsOn: '2025-09-01',
    endsOn: '2026-08-31',
    terms: [
      { name: '第一学期', startsOn: '2025-09-01', endsOn: '2026-01-23' },
      { name: '第二学期', startsOn: '2026-02-23', endsOn: '2026-07-03' },
    ],
    examWeeks: [{ name: '期末考试周', startsOn: '2026-06-22', endsOn: '2026-06-26' }],
  },
  {
    name: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
    terms: [
      { name: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-22' },
      { name: '第二学期', startsOn: '2027-02-22', endsOn: '2027-07-02' },
    ],
    examWeeks: [{ name: '期末考试周', startsOn: '2027-01-11', endsOn: '2027-01-15' }],
  },
]

// The names an admin sees proposed on /school/year-start.
const HOLIDAY_NAMES = zh.school.yearStart.holidays

/** The demo's years as of the calendar's day: terms and exam weeks keep week and weekday. */
export function demoAcademicYears(calendar: DemoCalendar) {
  const moved = (range: DateRangeInput): DateRangeInput => ({
    name: range.name,
    startsOn: calendar.day(range.startsOn),
    endsOn: calendar.day(range.endsOn),
  })
  // A year runs 1 September to 31 August whatever the weekday; its terms keep week and weekday,
  // within the year.
  const anniversary = (day: string) => `${Number(day.slice(0, 4)) + calendar.years}${day.slice(4)}`
  return ACADEMIC_YEARS.map((spec) => {
    const year = {
      name: calendar.yearName(spec.name),
      startsOn: anniversary(spec.startsOn),
      endsOn: anniversary(spec.endsOn),
    }
    const inYear = (range: DateRangeInput): DateRangeInput => {
      const term = moved(range)
      return {
        ...term,
        startsOn: laterDay(term.startsOn, year.startsOn),
        endsOn: earlierDay(term.endsOn, year.endsOn),
      }
    }
    const daysOff: DayOffInput[] = [
      ...proposeHolidays(year).map(
        (h): DayOffInput => ({
          name: HOLIDAY_NAMES[h.key],
          kind: 'holiday',
          startsOn: h.startsOn,
          endsOn: h.endsOn,
        }),
      ),
      ...spec.examWeeks.map((e): DayOffInput => ({ ...moved(e), kind: 'exam' })),
    ]
    return { ...year, terms: spec.terms.map(inYear), daysOff }
  })
}

type ClassRef = { level: number; number: number }

type DemoSchoolSpec = {
  slug: string
  name: string
  district: string
  kind: SchoolKind
  foundedYear?: number
  /** Prefix of usernames (jw-admin, jw-t-0101) and, upper-cased, of student numbers (JW2025…). */
  code: string
  classesPerGrade: number
  pupilsPerClass: number
  adminName: string
  teacher: ClassRef & { displayName: string }
  parent: {
    displayName: string
    /** The guardian signs in with it as well as with the username; fictional, unique per school. */
    phone: string
    relation: string
    children: (ClassRef & { seq: number; name: string })[]
  }
}

// Adults named in the articles appear only by role; every person here is fictional.
const DEMO_SCHOOLS: readonly DemoSchoolSpec[] = [
  {
    slug: 'jiwang',
    name: '闵行区纪王学校',
    district: '闵行区',
    kind: 'nine_year',
    code: 'jw',
    classesPerGrade: 4,
    pupilsPerClass: 30,
    adminName: '德育主任陈老师',
    teacher: { level: 5, number: 2, displayName: '周老师' },
    parent: {
      displayName: '张妈妈',
      phone: '13900000001',
      relation: 'mother',
      children: [
        { level: 1, number: 2, seq: 8, name: '张一诺' },
        // Recorded later as a volunteer at 银杏社区.
        { level: 5, number: 2, seq: 12, name: '张思远' },
      ],
    },
  },
  {
    slug: 'zaobei',
    name: '宝山区藻北小学',
    district: '宝山区',
    kind: 'primary',
    foundedYear: 1944,
    code: 'zb',
    classesPerGrade: 3,
    pupilsPerClass: 30,
    adminName: '德育主任吴老师',
    teacher: { level: 3, number: 1, displayName: '徐老师' },
    parent: {
      displayName: '杨爸爸',
      phone: '13900000002',
      relation: 'father',
      children: [{ level: 3, number: 1, seq: 5, name: '杨乐言' }],
    },
  },
  {
    slug: 'huaishao',
    name: '嘉定区怀少幼儿园',
    district: '嘉定区',
    kind: 'kindergarten',
    code: 'hs',
    classesPerGrade: 4,
    pupilsPerClass: 25,
    adminName: '保教主任郭老师',
    teacher: { level: 3, number: 4, displayName: '马老师' },
    parent: {
      displayName: '赵妈妈',
      phone: '13900000003',
      relation: 'mother',
      children: [{ level: 3, number: 4, seq: 10, name: '赵朵朵' }],
    },
  },
]

export type DemoSeedSummary = {
  schools: {
    slug: string
    id: number
    classes: number
    students: number
    accounts: number
    partners: number
    seasons: number
    activities: number
    participations: number
    consents: number
    awards: number
    recaps: number
  }[]
}

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('schools').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** Writes the demo schools and their programmes in one transaction; refuses a database with schools. */
export async function seedDemo(db: Kysely<Database>): Promise<DemoSeedSummary> {
  // Hash outside the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const [demoHash, lockedHash] = await Promise.all([
    hashPassword(DEMO_PASSWORD),
    // Staff other than the demo accounts exist for the roster only; nobody knows their password.
    hashPassword(randomBytes(32).toString('base64url')),
  ])

  const calendar = demoCalendar()
  const years = demoAcademicYears(calendar)

  return db.transaction().execute(async (trx) => {
    if (!(await isDatabaseEmpty(trx))) throw new Error('The demo seed only goes into an empty database.')
    const summary: DemoSeedSummary = { schools: [] }

    for (const [index, spec] of DEMO_SCHOOLS.entries()) {
      // One stream per school, so changing one school does not reshuffle the others.
      const random = createRandom(DEMO_SEED + index)
      const taken = new Set(spec.parent.children.map((c) => c.name))
      const school = await createSchool(trx, spec)
      for (const year of years) await createAcademicYear(trx, { ...year, schoolId: school.id })

      const account = (
        username: string,
        role: 'admin' | 'teacher' | 'parent',
        displayName: string,
        phone?: string,
      ) =>
        createUser(trx, {
          schoolId: school.id,
          role,
          username: `${spec.code}-${username}`,
          displayName,
          passwordHash: demoHash,
          phone,
        })
      await account('admin', 'admin', spec.adminName)
      const teacher = await account('teacher', 'teacher', spec.teacher.displayName)
      const parent = await account('parent', 'parent', spec.parent.displayName, spec.parent.phone)
      let accounts = 3
      let classes = 0
      let students = 0

      for (const grade of school.grades) {
        for (let number = 1; number <= spec.classesPerGrade; number++) {
          const suffix = `${pad2(grade.level)}${pad2(number)}`
          const isDemoClass = grade.level === spec.teacher.level && number === spec.teacher.number
          const headTeacher = isDemoClass
            ? teacher
            : await createUser(trx, {
                schoolId: school.id,
                role: 'teacher',
                username: `${spec.code}-t-${suffix}`,
                displayName: `${pick(random, SURNAMES)}老师`,
                passwordHash: lockedHash,
              })
          if (!isDemoClass) accounts++

          const schoolClass = await createClass(trx, {
            schoolId: school.id,
            gradeId: grade.id,
            number,
            name: classNameZh(spec.kind, grade.level, number),
            headTeacherId: headTeacher.id,
          })
          classes++

          const children = spec.parent.children.filter((c) => c.level === grade.level && c.number === number)
          const names: (string | undefined)[] = []
          for (const child of children) names[child.seq - 1] = child.name
          const pupils = await createStudents(trx, {
            schoolId: school.id,
            classId: schoolClass.id,
            count: spec.pupilsPerClass,
            startNumber: 1,
            numberPrefix: `${spec.code.toUpperCase()}2025${suffix}`,
            random,
            names,
            taken,
          })
          students += pupils.length

          for (const child of children) {
            const pupil = pupils[child.seq - 1]
            if (!pupil) throw new Error(`No pupil ${child.seq} in ${schoolClass.name}`)
            await linkGuardian(trx, {
              guardianId: parent.id,
              studentId: pupil.id,
              relation: spec.parent.relation,
            })
          }
        }
      }

      const planning = await seedPlanningDemo(trx, {
        schoolId: school.id,
        slug: spec.slug,
        lockedHash,
        calendar,
      })
      accounts += planning.accounts
      const { partners, seasons, activities } = planning
      const { participations, consents, awards } = await seedRecordsDemo(trx, {
        schoolId: school.id,
        slug: spec.slug,
        calendar,
      })
      const recaps = await seedRecapsDemo(trx, { schoolId: school.id, slug: spec.slug, calendar })

      await trx
        .insertInto('audit_log')
        .values({
          school_id: school.id,
          user_id: null,
          action: 'seed',
          entity: 'school',
          entity_id: school.id,
          detail: JSON.stringify({
            seed: 'demo',
            classes,
            students,
            accounts,
            partners,
            seasons,
            activities,
            participations,
            consents,
            awards,
            recaps,
          }),
        })
        .execute()
      summary.schools.push({
        slug: school.slug,
        id: school.id,
        classes,
        students,
        accounts,
        partners,
        seasons,
        activities,
        participations,
        consents,
        awards,
        recaps,
      })
    }
    return summary
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const db = createDb()
  try {
    const applied = await migrateToLatest(db)
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`)
    if (await isDatabaseEmpty(db)) {
      const started = performance.now()
      const summary = await seedDemo(db)
      for (const s of summary.schools) {
        console.log(
          `Seeded ${s.slug}: ${s.classes} classes, ${s.students} pupils, ${s.accounts} accounts, ` +
            `${s.partners} partners, ${s.seasons} seasons, ${s.activities} activities, ` +
            `${s.participations} participation records, ${s.consents} consents, ${s.awards} awards, ${s.recaps} recaps`,
        )
      }
      console.log(`Demo password: ${DEMO_PASSWORD} (${Math.round(performance.now() - started)} ms)`)
    } else {
      console.log('Database already has schools; demo seed skipped.')
    }
  } finally {
    await db.destroy()
  }
}
