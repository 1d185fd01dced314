import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// A phone signs in at its school (guardians type the phone instead of the username), so it may name
// one account per school. A phone already on several accounts of a school stays with the oldest,
// the one the roster import links new pupils to; the others lose it (their usernames still work).
// The phone leads the index: sign-in looks a phone up across schools.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update users set phone = ''
    where phone <> '' and exists (
      select 1 from users older
      where older.school_id = users.school_id and older.phone = users.phone and older.id < users.id
    )
  `.execute(db)
  await db.schema
    .createIndex('users_phone_school')
    .on('users')
    .columns(['phone', 'school_id'])
    .unique()
    .where(sql.ref('phone'), '<>', '')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_phone_school').execute()
}
