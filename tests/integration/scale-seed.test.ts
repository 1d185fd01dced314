import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findAllConflicts } from '../../app/domain/conflicts'
import { hashPassword, verifyPassword } from '../../app/utils/password.server'
import { createDb } from '../../db/client'
import { migrateToLatest } from '../../db/migrate'
import type { Database } from '../../db/schema'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { shanghaiInstant } from '../../seeds/factories'
import { parseScaleArgs, SCALE_TODAY, type ScaleOptions, seedScale } from '../../seeds/scale'

// The scale seed on a small configuration, into files of its own (never the shared test database).
const SMALL: ScaleOptions = { schools: 2, classesPerGrade: 2, pupilsPerClass: 5, seed: 7 }
const TODAY = shanghaiInstant(SCALE_TODAY, '00:00')

let dir: string
let passwordHash: string
let db: Kysely<Database>
const opened: Kysely<Database>[] = []

/** `file` null: in memory, for the runs that are only compared. */
async function seeded(file: string | null, options: ScaleOptions): Promise<Kysely<Database>> {
  const handle = createDb(file === null ? ':memory:' : join(dir, file))
  opened.push(handle)
  await migrateToLatest(handle)
  await seedScale(handle, options, { passwordHash })
  return handle
}

/** A digest of every row of every table, in insertion order. */
async function checksums(handle: Kysely<Database>): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(handle)
  const out: Record<string, string> = {}
  for (const { name } of tables) {
    const { rows } = await sql`select * from ${sql.table(name)} order by rowid`.execute(handle)
    out[name] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`
  }
  return out
}

async function count(query: ReturnType<typeof sql<{ n: number }>>, handle = db): Promise<number> {
  const { rows } = await query.execute(handle)
  return Number(rows[0]?.n)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siji-scale-'))
  // One hash for both runs, as the CLI hashes once: the salt is the only random thing in the seed.
  passwordHash = await hashPassword(DEMO_PASSWORD)
  db = await seeded('a.db', SMALL)
})

afterAll(async () => {
  for (const handle of opened) await handle.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('scale seed', () => {
  it('builds nine-year schools with nine grades, their classes, pupils, staff and guardians', async () => {
    const schools = await db.selectFrom('schools').select(['id', 'slug', 'kind']).orderBy('id').execute()
    expect(schools.map((s) => [s.slug, s.kind])).toEqual([
      ['scale-1', 'nine_year'],
      ['scale-2', 'nine_year'],
    ])
    for (const school of schools) {
      const grades = await db
        .selectFrom('grades')
        .select('level')
        .where('school_id', '=', school.id)
        .orderBy('level')
        .execute()
      expect(grades.map((g) => g.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
      const classes = await db
        .selectFrom('classes')
        .leftJoin('students', 'students.class_id', 'classes.id')
        .select(['classes.id', 'classes.name', (eb) => eb.fn.count<number>('students.id').as('pupils')])
        .where('classes.school_id', '=', school.id)
        .groupBy('classes.id')
        .execute()
      expect(classes).toHaveLength(18)
      expect(classes.every((c) => Number(c.pupils) === 5)).toBe(true)
      expect(classes.map((c) => c.name)).toContain('九(2)班')

      const roles = await db
        .selectFrom('users')
        .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
        .where('school_id', '=', school.id)
        .groupBy('role')
        .orderBy('role')
        .execute()
      // One admin, a head teacher per class and 1.75 subject teachers per class; 1 or 2 guardians per family.
      const byRole = Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]))
      expect(byRole.admin).toBe(1)
      expect(byRole.teacher).toBe(18 + 32)
      expect(byRole.parent).toBeGreaterThan(90)
      expect(byRole.parent).toBeLessThanOrEqual(180)
    }
    // Every pupil has one or two guardians, all parents of the pupil's own school.
    const guardians = await db
      .selectFrom('students')
      .leftJoin('guardianships', 'guardianships.student_id', 'students.id')
      .leftJoin('users', 'users.id', 'guardianships.guardian_id')
      .select([
        'students.id',
        (eb) => eb.fn.count<number>('users.id').as('n'),
        (eb) =>
          eb.fn.sum<number>(sql`users.school_id = students.school_id and users.role = 'parent'`).as('own'),
      ])
      .groupBy('students.id')
      .execute()
    expect(guardians).toHaveLength(180)
    expect(guardians.every((g) => (g.n === 1 || g.n === 2) && Number(g.own) === g.n)).toBe(true)

    const year = await db
      .selectFrom('academic_years')
      .select(['id', 'name'])
      .where('school_id', '=', schools[0]!.id)
      .execute()
    expect(year.map((y) => y.name)).toEqual(['2025-2026'])
    const seasons = await db
      .selectFrom('seasons')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('school_id', '=', schools[0]!.id)
      .groupBy('status')
      .orderBy('status')
      .execute()
    expect(seasons.map((s) => [s.status, Number(s.n)])).toEqual([
      ['published', 4],
      ['submitted', 1],
    ])
  })

  it('gives every account the demo password through one shared hash', async () => {
    const parent = await db
      .selectFrom('users')
      .select(['password_hash', 'role'])
      .where('username', '=', 'scale-2-p-00001')
      .executeTakeFirstOrThrow()
    expect(parent.role).toBe('parent')
    expect(await verifyPassword(parent.password_hash, DEMO_PASSWORD)).toBe(true)
    expect(await verifyPassword(parent.password_hash, 'wrong-pass-2026')).toBe(false)
    expect(await count(sql`select count(distinct password_hash) as n from users`)).toBe(1)
    const admin = await db
      .selectFrom('users')
      .select('role')
      .where('username', '=', 'scale-1-admin')
      .executeTakeFirst()
    expect(admin?.role).toBe('admin')
  })

  it('records participation for exactly the targeted pupils of past activities of their own school', async () => {
    // A row whose pupil is of another school, or in neither a target class nor a target grade.
    const strays = sql<{ n: number }>`
      select count(*) as n from participations p
      join activities a on a.id = p.activity_id
      join students s on s.id = p.student_id
      join classes c on c.id = s.class_id
      where s.school_id <> a.school_id or p.school_id <> a.school_id or p.class_id <> s.class_id
        or not (
          exists (select 1 from activity_classes ac where ac.activity_id = a.id and ac.class_id = c.id)
          or exists (select 1 from activity_grades ag where ag.activity_id = a.id and ag.grade_id = c.grade_id)
        )`
    expect(await count(strays)).toBe(0)
    expect(await count(sql`select count(*) as n from participations where added <> 0`)).toBe(0)
    expect(
      await count(sql`select count(*) as n from participations p join activities a on a.id = p.activity_id
        where a.starts_at >= ${TODAY}`),
    ).toBe(0)

    // Every targeted pupil of every past activity has exactly one row.
    const expected = sql<{ n: number }>`
      select count(*) as n from activities a
      join classes c on c.school_id = a.school_id and (
        exists (select 1 from activity_classes ac where ac.activity_id = a.id and ac.class_id = c.id)
        or exists (select 1 from activity_grades ag where ag.activity_id = a.id and ag.grade_id = c.grade_id))
      join students s on s.class_id = c.id
      where a.ends_at < ${TODAY}`
    const recorded = await count(sql`select count(*) as n from participations`)
    expect(recorded).toBe(await count(expected))
    expect(recorded).toBeGreaterThan(10_000)
    const statuses = await db
      .selectFrom('participations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute()
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]))
    expect(byStatus.attended).toBeGreaterThan(recorded * 0.9)
    expect(byStatus.absent).toBeGreaterThan(0)
    expect(byStatus.excused).toBeGreaterThan(0)
    expect(
      await count(
        sql`select count(*) as n from participations where status = 'excused' and excuse_reason = ''`,
      ),
    ).toBe(0)
  })

  it('never has a pupil at two activities at once, and plans no clashes of class, grade, room or organiser', async () => {
    // In start order, any overlap shows between neighbours (the later one starts before the earlier ends).
    const overlapping = sql<{ n: number }>`
      select count(*) as n from (
        select a.starts_at, lag(a.ends_at) over (partition by p.student_id order by a.starts_at, a.id) as previous_end
        from participations p join activities a on a.id = p.activity_id
        where p.status = 'attended'
      ) where starts_at < previous_end`
    expect(await count(overlapping)).toBe(0)

    const school = await db
      .selectFrom('schools')
      .select('id')
      .where('slug', '=', 'scale-2')
      .executeTakeFirstOrThrow()
    const [seasons, daysOff, classes, activities, grades, targets] = await Promise.all([
      db
        .selectFrom('seasons')
        .select(['id', 'starts_on', 'ends_on'])
        .where('school_id', '=', school.id)
        .execute(),
      db
        .selectFrom('school_days_off')
        .select(['name', 'starts_on as startsOn', 'ends_on as endsOn'])
        .where('school_id', '=', school.id)
        .execute(),
      db.selectFrom('classes').select(['id', 'grade_id']).where('school_id', '=', school.id).execute(),
      db
        .selectFrom('activities')
        .select(['id', 'season_id', 'title', 'starts_at', 'ends_at', 'venue', 'organiser_id'])
        .where('school_id', '=', school.id)
        .execute(),
      db.selectFrom('activity_grades').select(['activity_id', 'grade_id']).execute(),
      db.selectFrom('activity_classes').select(['activity_id', 'class_id']).execute(),
    ])
    const context = {
      timeZone: 'Asia/Shanghai',
      daysOff,
      gradeOfClass: new Map(classes.map((c) => [c.id, c.grade_id])),
    }
    for (const season of seasons) {
      const planned = activities
        .filter((a) => a.season_id === season.id)
        .map((a) => ({
          id: a.id,
          title: a.title,
          startsAt: a.starts_at,
          endsAt: a.ends_at,
          venue: a.venue,
          organiserId: a.organiser_id,
          gradeIds: grades.filter((g) => g.activity_id === a.id).map((g) => g.grade_id),
          classIds: targets.filter((t) => t.activity_id === a.id).map((t) => t.class_id),
        }))
      expect(planned.length).toBeGreaterThan(0)
      const conflicts = findAllConflicts(planned, {
        ...context,
        season: { startsOn: season.starts_on, endsOn: season.ends_on },
      })
      expect([...conflicts.keys()]).toEqual([])
    }
  })

  it('lets nobody go out without consent, and awards and photos only whom they may', async () => {
    const consents = await db
      .selectFrom('consents')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute()
    expect(consents.map((c) => c.status)).toEqual(['given', 'refused', 'requested'])
    const withoutConsent = sql<{ n: number }>`
      select count(*) as n from participations p
      join activities a on a.id = p.activity_id and a.needs_consent = 1
      left join consents k on k.activity_id = p.activity_id and k.student_id = p.student_id
      where p.status = 'attended' and coalesce(k.status, '') <> 'given'`
    expect(await count(withoutConsent)).toBe(0)

    expect(await count(sql`select count(*) as n from awards`)).toBeGreaterThan(0)
    const absentWinners = sql<{ n: number }>`
      select count(*) as n from award_recipients r
      join awards w on w.id = r.award_id
      left join participations p on p.activity_id = w.activity_id and p.student_id = r.student_id
      where coalesce(p.status, '') <> 'attended'`
    expect(await count(absentWinners)).toBe(0)

    const recaps = await db.selectFrom('recaps').select(['status']).execute()
    expect(new Set(recaps.map((r) => r.status))).toEqual(
      new Set(['draft', 'in_review', 'returned', 'published']),
    )
    const unconsented = sql<{ n: number }>`
      select count(*) as n from photo_pupils pp
      join photos ph on ph.id = pp.photo_id
      join recaps r on r.id = ph.recap_id
      join students s on s.id = pp.student_id
      where s.photo_consent = 'none' or (r.audience = 'public' and s.photo_consent <> 'public')`
    expect(await count(unconsented)).toBe(0)
    expect(await count(sql`select count(*) as n from photo_pupils`)).toBeGreaterThan(0)
  })

  it('has one notice window closed last term and one open today, each over earlier recorded hours', async () => {
    const windows = await db
      .selectFrom('notice_windows')
      .leftJoin('participations', 'participations.notice_window_id', 'notice_windows.id')
      .select([
        'notice_windows.closes_on',
        (eb) => eb.fn.count<number>('participations.id').as('entries'),
        (eb) =>
          eb.fn
            .sum<number>(sql`participations.status = 'attended' and participations.hours > 0`)
            .as('credited'),
      ])
      .where('notice_windows.school_id', '=', 1)
      .groupBy('notice_windows.id')
      .orderBy('notice_windows.opens_on')
      .execute()
    expect(windows.map((w) => w.closes_on < SCALE_TODAY)).toEqual([true, false])
    for (const window of windows) {
      expect(window.entries).toBeGreaterThan(0)
      expect(Number(window.credited)).toBe(window.entries)
    }
    const afterOpening = sql<{ n: number }>`
      select count(*) as n from participations p
      join notice_windows w on w.id = p.notice_window_id
      join activities a on a.id = p.activity_id
      where a.ends_at >= w.opens_on || 'T00:00:00.000Z' or p.class_id <> w.class_id`
    expect(await count(afterOpening)).toBe(0)
    expect(await count(sql`select count(*) as n from notice_disputes where status = 'open'`)).toBe(2)
  })

  it('writes the same database for the same options, and another for another seed', async () => {
    const again = await seeded(null, SMALL)
    expect(await checksums(again)).toEqual(await checksums(db))

    const other = await seeded(null, { ...SMALL, schools: 1, seed: 8 })
    const names = (handle: Kysely<Database>) =>
      handle.selectFrom('students').select('name').where('school_id', '=', 1).orderBy('id').execute()
    expect(await names(other)).not.toEqual(await names(db))
  })
})

describe('scale seed command line', () => {
  const none = () => false
  const every = () => true

  it('runs with the defaults into data/scale.db', () => {
    expect(parseScaleArgs([], none)).toEqual({
      kind: 'run',
      options: { schools: 1, classesPerGrade: 8, pupilsPerClass: 42, seed: 1 },
      out: 'data/scale.db',
      force: false,
    })
    expect(
      parseScaleArgs(
        [
          '--schools',
          '4',
          '--classes-per-grade',
          '2',
          '--pupils-per-class',
          '5',
          '--seed',
          '9',
          '--out',
          'x.db',
        ],
        none,
      ),
    ).toEqual({
      kind: 'run',
      options: { schools: 4, classesPerGrade: 2, pupilsPerClass: 5, seed: 9 },
      out: 'x.db',
      force: false,
    })
    expect(parseScaleArgs(['--help'], none)).toEqual({ kind: 'help' })
  })

  it('refuses to replace a file without --force, and the app database even with it', () => {
    const refused = parseScaleArgs(['--out', '/tmp/old.db'], every)
    expect(refused.kind).toBe('error')
    expect(refused.kind === 'error' && refused.message).toContain('--force')
    expect(parseScaleArgs(['--out', '/tmp/old.db', '--force'], every)).toMatchObject({
      kind: 'run',
      force: true,
    })
    expect(parseScaleArgs(['--out', 'data/siji.db', '--force'], none).kind).toBe('error')
    expect(parseScaleArgs(['--out', './data/../data/siji.db', '--force'], none).kind).toBe('error')
  })

  it('refuses unknown options and numbers out of range', () => {
    for (const argv of [
      ['--bogus'],
      ['--schools', '0'],
      ['--pupils-per-class', 'many'],
      ['--seed', '-1'],
      ['x'],
    ]) {
      expect(parseScaleArgs(argv, none).kind, argv.join(' ')).toBe('error')
    }
  })
})
