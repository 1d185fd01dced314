import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Paper consent slips: every answer (online from a guardian, or a returned paper 回执 recorded by
// staff) is kept in consent_answers; consents keeps the current one (the most recent) with its
// source, so tallies and reports read one row per pupil.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('consents')
    .addColumn('source', 'text', (c) => c.check(sql`source in ('online','paper')`))
    .execute()
  await db.schema
    .alterTable('consents')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createTable('consent_answers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('consent_id', 'integer', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('online','paper')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('given','refused')`))
    .addColumn('photo_consent', 'text', (c) => c.check(sql`photo_consent in ('none','school','public')`))
    // The guardian who answered online; for paper, the staff member who recorded the slip.
    .addColumn('guardian_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    // Cleared (a mistaken tap) or voided (the activity moved): kept, no longer counted.
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('consent_answers_consent')
    .on('consent_answers')
    .columns(['consent_id', 'answered_at'])
    .execute()
  await sql`
    insert into consent_answers (school_id, consent_id, source, status, guardian_id, note, answered_at)
    select school_id, id, 'online', status, guardian_id, note, coalesce(answered_at, requested_at)
    from consents where status in ('given','refused')
  `.execute(db)
  await sql`update consents set source = 'online' where status in ('given','refused')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_answers').execute()
  await db.schema.alterTable('consents').dropColumn('recorded_by').execute()
  await db.schema.alterTable('consents').dropColumn('source').execute()
}
