import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

  // A contest may name its own levels (最佳风采奖, 最具感染力奖); null keeps 特等奖…优秀奖.
  await db.schema.alterTable('activities').addColumn('award_levels', 'text').execute()

  await db.schema
    .createTable('awards')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    // A standard level key (special, first, second, third, merit) or one of the contest's own labels.
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) =>
      c.notNull().defaultTo('school').check(sql`scope in ('school','district','city','national')`),
    )
    .addColumn('recipient_kind', 'text', (c) =>
      c.notNull().check(sql`recipient_kind in ('pupil','team','class')`),
    )
    // For a class award; pupils and teams are in award_recipients.
    .addColumn('class_id', 'integer', (c) => c.references('classes.id'))
    .addColumn('team_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('presenter_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('presenter_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull().defaultTo(''))
    // The presenting order at the ceremony.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('awards_activity').on('awards').columns(['activity_id', 'position']).execute()
  await db.schema.createIndex('awards_school').on('awards').columns(['school_id', 'awarded_on']).execute()

  await db.schema
    .createTable('award_recipients')
    .addColumn('award_id', 'integer', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    // The pupil's class when the award was given, as for participations.
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
    .addPrimaryKeyConstraint('award_recipients_pk', ['award_id', 'student_id'])
    .execute()
  await db.schema
    .createIndex('award_recipients_student')
    .on('award_recipients')
    .column('student_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('award_recipients').execute()
  await db.schema.dropTable('awards').execute()
  await db.schema.alterTable('activities').dropColumn('award_levels').execute()
}
