import type { Kysely } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Reads of pupils' data are audited (PIPL): each entry keeps the client address it came from, and
// the pupils a read covered are listed beside it so "who looked at this pupil" is one indexed
// lookup rather than a search through JSON details.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('ip', 'text').execute()
  await db.schema
    .createTable('audit_log_pupils')
    .addColumn('audit_id', 'integer', (col) => col.notNull().references('audit_log.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (col) => col.notNull().references('students.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('audit_log_pupils_pk', ['audit_id', 'student_id'])
    .execute()
  await db.schema
    .createIndex('audit_log_pupils_student_idx')
    .on('audit_log_pupils')
    .columns(['student_id', 'audit_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log_pupils').execute()
  await db.schema.alterTable('audit_log').dropColumn('ip').execute()
}
