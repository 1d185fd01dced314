import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// A day-off row may also be a make-up working day (调休上班: a Saturday or Sunday the school works to
// pay for a longer holiday). The kind's check constraint cannot be altered in SQLite, so the table is
// rebuilt with the same columns, rows and ids.
async function rebuild(db: Kysely<any>, kinds: string): Promise<void> {
  await db.schema
    .createTable('school_days_off_next')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('academic_year_id', 'integer', (c) =>
      c.notNull().references('academic_years.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in (${kinds})`)))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addCheckConstraint('days_off_order_next', sql`starts_on <= ends_on`)
    .execute()
  await sql`
    insert into school_days_off_next (id, school_id, academic_year_id, name, kind, starts_on, ends_on)
    select id, school_id, academic_year_id, name, kind, starts_on, ends_on from school_days_off
  `.execute(db)
  await db.schema.dropTable('school_days_off').execute()
  await db.schema.alterTable('school_days_off_next').renameTo('school_days_off').execute()
  await db.schema
    .createIndex('days_off_school_dates')
    .on('school_days_off')
    .columns(['school_id', 'starts_on'])
    .execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, "'holiday','exam','other','workday'")
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('school_days_off').where('kind', '=', 'workday').execute()
  await rebuild(db, "'holiday','exam','other'")
}
