import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Checklist tasks Siji adds by itself when an activity is created (venue, guest, safety plan) are
// marked, so they can follow the activity's organiser when it changes; tasks people add stay put.
// Existing rows are recognised by the titles those tasks were created with, in either language.
const AUTOMATIC_TITLES = [
  '确认场地',
  '邀请嘉宾',
  '校外活动安全预案',
  'Venue booked',
  'Guest invited',
  'Safety plan for the outing',
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activity_tasks')
    .addColumn('automatic', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db
    .updateTable('activity_tasks')
    .set({ automatic: 1 })
    .where('title', 'in', AUTOMATIC_TITLES)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table activity_tasks drop column automatic`.execute(db)
}
