import Database from 'better-sqlite3'
import type { PageKey } from './report'

/**
 * Which pages and accounts the benchmark uses, read from the database it runs on, so it works on
 * any file seed:scale writes (and on the demo database, for a smoke run).
 */
export type Reader = 'admin' | 'teacher' | 'guardian' | 'public'

export type BenchPage = { key: PageKey; path: string; as: Reader }

export type Sheet = { activityId: number; teacher: string; pupils: number }

export type BenchPlan = {
  slug: string
  pupils: number
  participations: number
  admin: string
  teacher: string
  guardian: string
  /** Guardians whose sessions read in the mixed load. */
  readers: string[]
  /** Class activities with one head teacher each; the first is the page's. */
  sheets: Sheet[]
  pages: BenchPage[]
}

const SHEET_PUPILS = 42

export function planBench(file: string, slug: string, { readers = 20, teachers = 4 } = {}): BenchPlan {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const one = <T>(query: string, ...params: unknown[]) => db.prepare(query).get(...params) as T | undefined
    const all = <T>(query: string, ...params: unknown[]) => db.prepare(query).all(...params) as T[]

    const school = one<{ id: number }>('select id from schools where slug = ?', slug)
    if (!school) throw new Error(`${file} has no school with the slug ${slug}`)
    const schoolId = school.id
    const counts = one<{ pupils: number; participations: number }>(
      'select (select count(*) from students) as pupils, (select count(*) from participations) as participations',
    ) as { pupils: number; participations: number }

    const admin = one<{ username: string }>(
      "select username from users where school_id = ? and role = 'admin' and active = 1 order by id",
      schoolId,
    )
    if (!admin) throw new Error(`${slug} has no active admin`)

    // The season with the most activities has the largest coverage matrix.
    const season = one<{ id: number }>(
      `select s.id from seasons s left join activities a on a.season_id = s.id
       where s.school_id = ? group by s.id order by count(a.id) desc, s.id limit 1`,
      schoolId,
    )
    if (!season) throw new Error(`${slug} has no season`)

    // Recordable one-class activities, fullest sheets first (42 pupils where the seed made them),
    // none locked by a notice period, the latest of each class, so every teacher saves their own.
    const candidates = all<Sheet & { classId: number }>(
      `select a.id as activityId, c.id as classId, u.username as teacher,
              (select count(*) from participations p where p.activity_id = a.id) as pupils
       from activities a
       join activity_classes ac on ac.activity_id = a.id
       join classes c on c.id = ac.class_id and c.archived_at is null
       join users u on u.id = c.head_teacher_id and u.active = 1
       where a.school_id = ? and a.status in ('approved', 'published', 'closed')
         and (select count(*) from activity_classes x where x.activity_id = a.id) = 1
         and not exists (select 1 from participations q where q.activity_id = a.id and q.notice_window_id is not null)
       order by pupils = ${SHEET_PUPILS} desc, pupils desc, a.starts_at desc
       limit 2000`,
      schoolId,
    )
    const sheets: Sheet[] = []
    const taken = new Set<string>()
    for (const candidate of candidates) {
      if (taken.has(candidate.teacher) || candidate.pupils !== (candidates[0]?.pupils ?? 0)) continue
      taken.add(candidate.teacher)
      sheets.push({ activityId: candidate.activityId, teacher: candidate.teacher, pupils: candidate.pupils })
      if (sheets.length === teachers) break
    }
    const sheet = sheets[0]
    if (!sheet) throw new Error(`${slug} has no recordable class activity with a head teacher`)

    // The grade and month with the most activities: the fullest month calendar.
    const month = one<{ level: number; month: string }>(
      `select g.level, substr(a.starts_at, 1, 7) as month, count(distinct a.id) as n
       from activities a
       left join activity_classes ac on ac.activity_id = a.id
       left join classes c on c.id = ac.class_id
       left join activity_grades ag on ag.activity_id = a.id
       join grades g on g.id = coalesce(c.grade_id, ag.grade_id)
       where a.school_id = ?
       group by g.level, month order by n desc, g.level, month limit 1`,
      schoolId,
    )
    if (!month) throw new Error(`${slug} has no activity for a grade`)

    // A family with the most children (siblings make the heaviest /family), then the rest for the mix.
    const guardians = all<{ username: string }>(
      `select u.username from users u
       join guardianships g on g.guardian_id = u.id
       join students s on s.id = g.student_id and s.active = 1
       where u.school_id = ? and u.role = 'parent' and u.active = 1
       group by u.id order by count(*) desc, u.id limit ?`,
      schoolId,
      readers,
    )
    const guardian = guardians[0]
    if (!guardian) throw new Error(`${slug} has no guardian with a pupil`)

    const recap = one<{ id: number }>(
      `select id from recaps where school_id = ? and status = 'published' and audience = 'public'
       order by published_at desc, id desc limit 1`,
      schoolId,
    )
    if (!recap) throw new Error(`${slug} has no published public recap`)

    const encodedSlug = encodeURIComponent(slug)
    return {
      slug,
      ...counts,
      admin: admin.username,
      teacher: sheet.teacher,
      guardian: guardian.username,
      readers: guardians.map((g) => g.username),
      sheets,
      pages: [
        { key: 'season', path: `/seasons/${season.id}`, as: 'admin' },
        {
          key: 'calendar',
          path: `/calendar?view=month&grade=${month.level}&date=${month.month}-01`,
          as: 'teacher',
        },
        { key: 'participation', path: `/activities/${sheet.activityId}/participation`, as: 'teacher' },
        { key: 'reports', path: '/reports', as: 'admin' },
        { key: 'family', path: '/family', as: 'guardian' },
        { key: 'recap', path: `/s/${encodedSlug}/recaps/${recap.id}`, as: 'public' },
        { key: 'school', path: `/s/${encodedSlug}`, as: 'public' },
      ],
    }
  } finally {
    db.close()
  }
}
