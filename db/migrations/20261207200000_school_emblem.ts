import type { Kysely } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// A school may upload its emblem (校徽): the key of its re-encoded PNG beside the photos. Without
// one the school shows a seal generated from its name, so no row needs a value.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').addColumn('emblem_key', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('emblem_key').execute()
}
