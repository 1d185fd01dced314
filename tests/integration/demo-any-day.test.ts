import { describe, expect, it } from 'vitest'
import { getTestApp } from '../setup/app'

// What a visitor of a freshly seeded demo finds on any day: the demo is seeded relative to the
// clock, so these hold whatever date the run pins (the date matrix runs this file under several).

describe('a freshly seeded demo, on any date', () => {
  it("every grade's calendar feed of every school holds at least one event", async () => {
    const app = await getTestApp()
    const grades = await app.db
      .selectFrom('grades')
      .innerJoin('schools', 'schools.id', 'grades.school_id')
      .select(['schools.slug', 'grades.level'])
      .where('schools.slug', 'in', ['jiwang', 'zaobei', 'huaishao'])
      .execute()
    expect(grades.length).toBe(9 + 5 + 3)
    const empty: string[] = []
    for (const { slug, level } of grades) {
      const response = await app.request(`/ics/${slug}/${level}.ics`)
      expect(response.status).toBe(200)
      if (!(await response.text()).includes('BEGIN:VEVENT')) empty.push(`${slug}/${level}`)
    }
    expect(empty).toEqual([])
  })

  it("jw-parent's /family shows an upcoming activity and a consent waiting", async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    const html = await (await app.request('/family', { cookie })).text()
    const listAfter = (part: string) =>
      [
        ...html.matchAll(
          // The heading holds an icon and the part's name; a list with an item follows it.
          new RegExp(
            `id="child-\\d+-${part}"[^>]*>(?:(?!</h4>)[\\s\\S])*</h4><ul class="plain-list family-list"><li`,
            'g',
          ),
        ),
      ].length
    expect(listAfter('upcoming')).toBeGreaterThan(0)
    expect(listAfter('consents')).toBeGreaterThan(0)
  })

  it('/reports opens on records with attendance, without a query string', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const html = await (await app.request('/reports', { cookie })).text()
    const rate = /<dt>出席率<\/dt><dd>([^<]*)<\/dd>/.exec(html)?.[1]
    expect(rate).toMatch(/^\d+(\.\d+)?%$/)
    expect(rate).not.toBe('0%')
  })
})
