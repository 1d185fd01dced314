import type { Kysely } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// A guardian's request to correct what Siji holds about their child (PIPL Art. 46), one section of
// the family's copy at a time. Staff answer it (corrected or not changed, with a reason); the data
// itself is corrected through the existing pages, so this keeps only the request and its answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('correction_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('guardian_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('outcome', 'text')
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('answered_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('correction_requests_student')
    .on('correction_requests')
    .columns(['school_id', 'student_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('correction_requests').execute()
}
