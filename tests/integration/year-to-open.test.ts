import { describe, expect, it } from 'vitest'
import { localDay } from '../../app/domain/school-time'
import { nowIso } from '../../app/utils/clock'
import { getTestApp } from '../setup/app'

// Pages that list one academic year open on the year that matters: the current one when it has
// something to show, else the latest one with data. Checked against the demo, which is seeded
// relative to the clock, so these hold on whatever date the run pins.

function selectedYear(html: string, selectId: string): string | null {
  const select = new RegExp(`<select[^>]*id="${selectId}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? ''
  return /<option[^>]*selected=""[^>]*>([^<]*)</.exec(select)?.[1] ?? null
}

async function jiwangYears() {
  const { db } = await getTestApp()
  const today = localDay(nowIso(), 'Asia/Shanghai')
  const years = await db
    .selectFrom('academic_years')
    .innerJoin('schools', 'schools.id', 'academic_years.school_id')
    .select(['academic_years.id', 'academic_years.name', 'starts_on', 'ends_on'])
    .where('schools.slug', '=', 'jiwang')
    .orderBy('starts_on')
    .execute()
  const current = years.find((y) => y.starts_on <= today && today <= y.ends_on)
  return { years, current, today }
}

describe('the year a page opens on', () => {
  it('/reports without a query string shows attendance of the latest year that has records', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const html = await (await app.request('/reports', { cookie })).text()
    const shown = selectedYear(html, 'report-year')
    expect(shown).not.toBeNull()
    const rate = /<dt>出席率<\/dt><dd>([^<]*)<\/dd>/.exec(html)?.[1]
    expect(rate).toMatch(/^\d+(\.\d+)?%$/)
    expect(rate).not.toBe('0%')
    const { years, current } = await jiwangYears()
    // The shown year is the current one only if the current one has attendance.
    const shownYear = years.find((y) => y.name === shown)
    expect(shownYear).toBeDefined()
    if (shownYear?.id !== current?.id) {
      const currentHtml = await (await app.request(`/reports?year=${current?.id}`, { cookie })).text()
      expect(/<dt>出席率<\/dt><dd>([^<]*)<\/dd>/.exec(currentHtml)?.[1]).toBe('—')
    }
  })

  it('/seasons opens on the current year when it has seasons, and switches by ?year=', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const { years, current } = await jiwangYears()
    const { db } = app
    const withSeasons = new Set(
      (await db.selectFrom('seasons').select('academic_year_id').distinct().execute()).map(
        (r) => r.academic_year_id,
      ),
    )
    const html = await (await app.request('/seasons', { cookie })).text()
    const shown = selectedYear(html, 'year')
    if (current && withSeasons.has(current.id)) expect(shown).toBe(current.name)
    else expect(years.filter((y) => withSeasons.has(y.id)).map((y) => y.name)).toContain(shown)
    const other = years.find((y) => y.name !== shown)
    if (other) {
      const switched = await (await app.request(`/seasons?year=${other.id}`, { cookie })).text()
      expect(selectedYear(switched, 'year')).toBe(other.name)
    }
  })

  it('/notices lists the windows of the year they opened in, with a year switcher', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const { years, today } = await jiwangYears()
    const html = await (await app.request('/notices', { cookie })).text()
    const shown = years.find((y) => y.name === selectedYear(html, 'notice-year'))
    expect(shown).toBeDefined()
    // The demo keeps a window open now for 五(2)班: it is listed in the year it opened in.
    expect(shown && shown.starts_on <= today).toBe(true)
    const listed = (page: string) => {
      const start = page.indexOf('id="list-title"')
      return page.slice(start, page.indexOf('</section>', start))
    }
    expect(listed(html)).toContain('五(2)班')
    const other = years.find((y) => y.id !== shown?.id)
    if (other) {
      const elsewhere = await (await app.request(`/notices?year=${other.id}`, { cookie })).text()
      expect(selectedYear(elsewhere, 'notice-year')).toBe(other.name)
      expect(listed(elsewhere)).not.toContain('五(2)班')
    }
  })
})

describe("a pupil's record across years", () => {
  it('links to where each academic year begins once the record spans two', async () => {
    const app = await getTestApp()
    const { db } = app
    const { years } = await jiwangYears()
    const pupil = await db
      .selectFrom('students')
      .select(['id', 'class_id'])
      .where('name', '=', '张思远')
      .executeTakeFirstOrThrow()
    const cookie = await app.signIn('jw-admin')
    const before = await (await app.request(`/students/${pupil.id}`, { cookie })).text()
    expect(before).not.toContain('aria-label="按学年查看"')
    // A role planned for an activity of the other year (the demo's records are of one spring).
    const recordedYears = (
      await db
        .selectFrom('participations')
        .innerJoin('activities', 'activities.id', 'participations.activity_id')
        .innerJoin('seasons', 'seasons.id', 'activities.season_id')
        .select('seasons.academic_year_id as yearId')
        .distinct()
        .where('participations.student_id', '=', pupil.id)
        .execute()
    ).map((row) => row.yearId)
    expect(recordedYears).toHaveLength(1)
    const upcoming = await db
      .selectFrom('activities')
      .innerJoin('seasons', 'seasons.id', 'activities.season_id')
      .innerJoin('activity_grades', 'activity_grades.activity_id', 'activities.id')
      .innerJoin('grades', 'grades.id', 'activity_grades.grade_id')
      .innerJoin('schools', 'schools.id', 'seasons.school_id')
      .select('activities.id')
      .where('schools.slug', '=', 'jiwang')
      .where('grades.level', '=', 5)
      .where('seasons.academic_year_id', 'not in', recordedYears)
      .where('activities.status', '=', 'published')
      .orderBy('activities.starts_at')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('participations')
      .values({
        school_id: 1,
        activity_id: upcoming.id,
        student_id: pupil.id,
        class_id: pupil.class_id,
        status: null,
        role: 'host',
      })
      .execute()
    try {
      const after = await (await app.request(`/students/${pupil.id}`, { cookie })).text()
      const nav = /<nav class="year-links" aria-label="按学年查看">([\s\S]*?)<\/nav>/.exec(after)?.[1] ?? ''
      const linked = [...nav.matchAll(/>([^<]+)学年</g)].map((m) => m[1])
      expect(linked).toEqual(years.map((y) => y.name).reverse())
    } finally {
      await db
        .deleteFrom('participations')
        .where('activity_id', '=', upcoming.id)
        .where('student_id', '=', pupil.id)
        .execute()
    }
  })
})
