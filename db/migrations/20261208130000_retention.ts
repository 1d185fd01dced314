import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Retention (issue 21): the day a pupil left the school without graduating (graduated_on already
// says when the others left), and when their record was anonymised. Pupils already inactive without
// a graduation date start their retention today: the day they left was never stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('students').addColumn('left_on', 'text').execute()
  await db.schema.alterTable('students').addColumn('anonymised_at', 'text').execute()
  await db
    .updateTable('students')
    .set({ left_on: sql`date('now')` })
    .where('active', '=', 0)
    .where('graduated_on', 'is', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('students').dropColumn('anonymised_at').execute()
  await db.schema.alterTable('students').dropColumn('left_on').execute()
}
