import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  createActivity,
  createClass,
  createRandom,
  createSeason,
  createStudents,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

/** What the tallies must always equal: the marked participation rows, counted afresh. */
async function recount(activityId: number) {
  const { db } = await getTestApp()
  const { rows } = await sql<{ class_id: number; attended: number; absent: number; excused: number }>`
    select class_id, sum(status = 'attended') as attended, sum(status = 'absent') as absent,
      sum(status = 'excused') as excused
    from participations where activity_id = ${activityId} and status is not null
    group by class_id order by class_id`.execute(db)
  return rows
}

async function tallies(activityId: number) {
  const { db } = await getTestApp()
  return db
    .selectFrom('participation_tallies')
    .select(['class_id', 'attended', 'absent', 'excused'])
    .where('activity_id', '=', activityId)
    .where((eb) => eb.or([eb('attended', '>', 0), eb('absent', '>', 0), eb('excused', '>', 0)]))
    .orderBy('class_id')
    .execute()
}

describe('participation tallies', () => {
  it('follow every insert, change of status or class, and delete of participation rows', async () => {
    const { db } = await getTestApp()
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-admin')
      .executeTakeFirstOrThrow()
    const grade = await db
      .selectFrom('grades')
      .select('id')
      .where('school_id', '=', 1)
      .where('level', '=', 7)
      .executeTakeFirstOrThrow()
    const [one, two] = await Promise.all([
      createClass(db, { schoolId: 1, gradeId: grade.id, number: 91, name: '七(91)班' }),
      createClass(db, { schoolId: 1, gradeId: grade.id, number: 92, name: '七(92)班' }),
    ])
    const pupils = await createStudents(db, {
      schoolId: 1,
      classId: one.id,
      count: 4,
      startNumber: 1,
      numberPrefix: 'TALLY',
      random: createRandom(91),
    })
    const season = await createSeason(db, {
      schoolId: 1,
      academicYearId: 1,
      title: '计数测试季',
      startsOn: '2026-03-02',
      endsOn: '2026-03-31',
      ownerId: admin.id,
      status: 'published',
    })
    const activityId = await createActivity(db, {
      schoolId: 1,
      seasonId: season,
      title: '计数测试活动',
      kind: 'lecture',
      startsAt: shanghaiInstant('2026-03-09', '09:00'),
      endsAt: shanghaiInstant('2026-03-09', '10:00'),
      status: 'published',
    })
    const ids = await Promise.all(
      pupils.map((pupil, index) =>
        db
          .insertInto('participations')
          .values({
            school_id: 1,
            activity_id: activityId,
            student_id: pupil.id,
            class_id: one.id,
            status: index === 3 ? null : 'attended',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
          .then((row) => row.id),
      ),
    )
    expect(await tallies(activityId)).toEqual(await recount(activityId))
    expect(await tallies(activityId)).toEqual([{ class_id: one.id, attended: 3, absent: 0, excused: 0 }])

    await db
      .updateTable('participations')
      .set({ status: 'absent' })
      .where('id', '=', ids[0] ?? 0)
      .execute()
    await db
      .updateTable('participations')
      .set({ status: 'excused' })
      .where('id', '=', ids[3] ?? 0)
      .execute()
    await db
      .updateTable('participations')
      .set({ class_id: two.id })
      .where('id', '=', ids[1] ?? 0)
      .execute()
    await db
      .deleteFrom('participations')
      .where('id', '=', ids[2] ?? 0)
      .execute()
    await db
      .updateTable('participations')
      .set({ status: null })
      .where('id', '=', ids[0] ?? 0)
      .execute()
    expect(await tallies(activityId)).toEqual(await recount(activityId))
    expect(await tallies(activityId)).toEqual([
      { class_id: one.id, attended: 0, absent: 0, excused: 1 },
      { class_id: two.id, attended: 1, absent: 0, excused: 0 },
    ])
  })

  it('match the participation rows of the whole demo', async () => {
    const { db } = await getTestApp()
    const { rows } = await sql<{ mismatched: number }>`
      select count(*) as mismatched from (
        select activity_id, class_id, sum(status = 'attended') as attended, sum(status = 'absent') as absent,
          sum(status = 'excused') as excused
        from participations where status is not null group by activity_id, class_id
      ) as counted
      left join participation_tallies t using (activity_id, class_id)
      where t.attended is not counted.attended or t.absent is not counted.absent or t.excused is not counted.excused`.execute(
      db,
    )
    expect(rows[0]?.mismatched).toBe(0)
    const total = await db
      .selectFrom('participation_tallies')
      .select((eb) => eb.fn.sum<number>('attended').as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(total.n)).toBeGreaterThan(100)
  })
})
