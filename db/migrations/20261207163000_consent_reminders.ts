import type { Kysely } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Reminders to guardians who have not answered a consent request (提醒未回复的家长): one row per press,
// for a whole activity (class_id null) or one class. sent_on is the school-local day, so "at most once
// a day per activity" is one indexed lookup.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_reminders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.references('classes.id'))
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('guardians', 'integer', (c) => c.notNull())
    .addColumn('paper', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consent_reminders_activity_day')
    .on('consent_reminders')
    .columns(['school_id', 'activity_id', 'sent_on'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_reminders').execute()
}
