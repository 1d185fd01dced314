import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** Awards of the school with what a record or class page shows of each: the activity and a class award's class. */
function awardsOfSchool(db: Executor, schoolId: number) {
  return db
    .selectFrom('awards as w')
    .innerJoin('activities as a', 'a.id', 'w.activity_id')
    .leftJoin('classes as c', 'c.id', 'w.class_id')
    .leftJoin('grades as g', 'g.id', 'c.grade_id')
    .select([
      'w.id',
      'w.title',
      'w.level',
      'w.scope',
      'w.recipient_kind as recipientKind',
      'w.team_name as teamName',
      'w.presenter_name as presenterName',
      'w.presenter_title as presenterTitle',
      'w.awarded_on as awardedOn',
      'w.citation',
      'a.id as activityId',
      'a.title as activityTitle',
      'a.status as activityStatus',
      'c.number as classNumber',
      'c.name as className',
      'g.level as gradeLevel',
    ])
    .where('w.school_id', '=', schoolId)
    .where('a.school_id', '=', schoolId)
    .orderBy('w.awarded_on', 'desc')
    .orderBy('a.id', 'desc')
    .orderBy('w.position')
}

/**
 * A pupil's awards in one statement: those naming them (alone or in a team), and class awards of the
 * class they took part with — or, when they are not on the activity's sheet, of their current class.
 * A pupil who took part with 五(2)班 does not inherit an award of the class they moved to since.
 */
export async function listAwardsOfPupil(
  db: Executor,
  { schoolId, studentId, currentClassId }: { schoolId: number; studentId: number; currentClassId: number },
) {
  return awardsOfSchool(db, schoolId)
    .where((eb) => {
      const onSheet = eb
        .selectFrom('participations as p')
        .select('p.id')
        .whereRef('p.activity_id', '=', 'w.activity_id')
        .where('p.student_id', '=', studentId)
      return eb.or([
        eb.exists(
          eb
            .selectFrom('award_recipients as r')
            .select('r.award_id')
            .whereRef('r.award_id', '=', 'w.id')
            .where('r.student_id', '=', studentId),
        ),
        eb.and([
          eb('w.recipient_kind', '=', 'class'),
          eb.or([
            eb.exists(onSheet.whereRef('p.class_id', '=', 'w.class_id')),
            eb.and([eb('w.class_id', '=', currentClassId), eb.not(eb.exists(onSheet))]),
          ]),
        ]),
      ])
    })
    .execute()
}

export type PupilAward = Awaited<ReturnType<typeof listAwardsOfPupil>>[number]

/**
 * What a class won, newest first: its class awards and the awards of pupils who were in it at the
 * time, each with those pupils (only this class's, so a team shared with another class names ours).
 * Two statements, however many awards.
 */
export async function listAwardsOfClass(
  db: Executor,
  { schoolId, classId }: { schoolId: number; classId: number },
) {
  const awards = await awardsOfSchool(db, schoolId)
    .where((eb) =>
      eb.or([
        eb.and([eb('w.recipient_kind', '=', 'class'), eb('w.class_id', '=', classId)]),
        eb.exists(
          eb
            .selectFrom('award_recipients as r')
            .select('r.award_id')
            .whereRef('r.award_id', '=', 'w.id')
            .where('r.class_id', '=', classId),
        ),
      ]),
    )
    .execute()
  const ids = awards.filter((award) => award.recipientKind !== 'class').map((award) => award.id)
  const recipients = ids.length
    ? await db
        .selectFrom('award_recipients as r')
        .innerJoin('students as st', 'st.id', 'r.student_id')
        .select(['r.award_id as awardId', 'st.id as studentId', 'st.name'])
        .where('r.award_id', 'in', ids)
        .where('r.class_id', '=', classId)
        .where('st.school_id', '=', schoolId)
        .orderBy('st.student_number')
        .execute()
    : []
  const byAward = new Map<number, { studentId: number; name: string }[]>()
  for (const { awardId, studentId, name } of recipients) {
    byAward.set(awardId, [...(byAward.get(awardId) ?? []), { studentId, name }])
  }
  return awards.map((award) => ({ ...award, recipients: byAward.get(award.id) ?? [] }))
}

export type ClassAward = Awaited<ReturnType<typeof listAwardsOfClass>>[number]
