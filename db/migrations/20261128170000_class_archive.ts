import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
// A year rollover archives 五(2)班 and opens next year's 五(2)班 in the same grade, so a class number
// is unique among a grade's current classes only. SQLite cannot drop a table's UNIQUE constraint:
// the table is rebuilt as https://www.sqlite.org/lang_altertable.html#otheralter describes, with
// foreign keys off meanwhile (other tables keep referring to "classes") and checked before commit.
export async function up(db: Kysely<any>): Promise<void> {
  await rebuildClasses(db, { uniqueAmongCurrentOnly: true })
}

// Fails, changing nothing, once a rollover has left an archived class beside its successor.
export async function down(db: Kysely<any>): Promise<void> {
  await rebuildClasses(db, { uniqueAmongCurrentOnly: false })
}

async function rebuildClasses(
  db: Kysely<any>,
  { uniqueAmongCurrentOnly }: { uniqueAmongCurrentOnly: boolean },
) {
  // Outside a transaction, where SQLite honours it; SQLite migrations run outside one.
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('classes_rebuilt')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
        .addColumn('grade_id', 'integer', (c) => c.notNull().references('grades.id').onDelete('restrict'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('head_teacher_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('archived_at', 'text')
        .execute()
      await sql`insert into classes_rebuilt (id, school_id, grade_id, number, name, head_teacher_id, archived_at)
        select id, school_id, grade_id, number, name, head_teacher_id, archived_at from classes`.execute(trx)
      await trx.schema.dropTable('classes').execute()
      await trx.schema.alterTable('classes_rebuilt').renameTo('classes').execute()
      await trx.schema
        .createIndex('classes_school')
        .on('classes')
        .columns(['school_id', 'grade_id'])
        .execute()
      await trx.schema.createIndex('classes_head_teacher').on('classes').column('head_teacher_id').execute()
      const unique = trx.schema
        .createIndex('classes_grade_number')
        .unique()
        .on('classes')
        .columns(['grade_id', 'number'])
      await (uniqueAmongCurrentOnly ? unique.where(sql.ref('archived_at'), 'is', null) : unique).execute()
      const broken = await sql`pragma foreign_key_check`.execute(trx)
      if (broken.rows.length) throw new Error(`Rebuilding classes broke ${broken.rows.length} references`)
    })
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}
