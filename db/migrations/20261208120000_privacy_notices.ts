import type { Kysely } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// The school's privacy notice (PIPL), versioned: a published version never changes, a new one is a
// new row. A guardian acknowledges each version once; the unique pair keeps a double submit to one row.
// A school without a row is given the default text (app/domain/privacy-notice.ts) when first asked.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('privacy_notices_school_version', ['school_id', 'version'])
    .execute()
  await db.schema
    .createTable('privacy_acknowledgements')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notice_id', 'integer', (c) =>
      c.notNull().references('privacy_notices.id').onDelete('cascade'),
    )
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text')
    .addPrimaryKeyConstraint('privacy_acknowledgements_pk', ['user_id', 'notice_id'])
    .execute()
  await db.schema
    .createIndex('privacy_acknowledgements_notice')
    .on('privacy_acknowledgements')
    .column('notice_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_acknowledgements').execute()
  await db.schema.dropTable('privacy_notices').execute()
}
