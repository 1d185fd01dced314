import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Attendance per activity and class, kept by triggers in the same transaction as every change to
// participations, so reports add up a few thousand tallies instead of joining a quarter of a million
// rows (a school's year: from half a second per table to a few milliseconds). Triggers rather than
// application code: no write path can forget them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participation_tallies')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('absent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excused', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('participation_tallies_pk', ['activity_id', 'class_id'])
    .execute()
  await db.schema
    .createIndex('participation_tallies_school')
    .on('participation_tallies')
    .columns(['school_id', 'activity_id'])
    .execute()

  await sql`
    insert into participation_tallies (activity_id, class_id, school_id, attended, absent, excused)
    select activity_id, class_id, school_id,
      sum(status = 'attended'), sum(status = 'absent'), sum(status = 'excused')
    from participations where status is not null
    group by activity_id, class_id, school_id
  `.execute(db)

  const add = (row: 'new') =>
    sql.raw(`
    insert into participation_tallies (activity_id, class_id, school_id, attended, absent, excused)
    select ${row}.activity_id, ${row}.class_id, ${row}.school_id,
      ${row}.status = 'attended', ${row}.status = 'absent', ${row}.status = 'excused'
    where ${row}.status is not null
    on conflict (activity_id, class_id) do update set
      attended = attended + excluded.attended,
      absent = absent + excluded.absent,
      excused = excused + excluded.excused;`)
  const remove = (row: 'old') =>
    sql.raw(`
    update participation_tallies set
      attended = attended - (${row}.status = 'attended'),
      absent = absent - (${row}.status = 'absent'),
      excused = excused - (${row}.status = 'excused')
    where activity_id = ${row}.activity_id and class_id = ${row}.class_id and ${row}.status is not null;`)

  await sql`create trigger participations_tally_insert after insert on participations
    begin ${add('new')} end`.execute(db)
  await sql`create trigger participations_tally_delete after delete on participations
    begin ${remove('old')} end`.execute(db)
  await sql`create trigger participations_tally_update
    after update of status, class_id, activity_id on participations
    begin ${remove('old')} ${add('new')} end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of [
    'participations_tally_insert',
    'participations_tally_delete',
    'participations_tally_update',
  ]) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db)
  }
  await db.schema.dropTable('participation_tallies').execute()
}
