import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

  await db.schema
    .createTable('recaps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('season_id', 'integer', (c) => c.references('seasons.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft','in_review','returned','published')`),
    )
    // Who may read it once published; grades and classes list their targets in their own tables.
    .addColumn('audience', 'text', (c) =>
      c
        .notNull()
        .defaultTo('parents')
        .check(sql`audience in ('public','parents','grades','classes','staff')`),
    )
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewer_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // The cover is one of the recap's photos; no FK, photos reference recaps and are deleted with them.
    .addColumn('cover_photo_id', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('recaps_school_status')
    .on('recaps')
    .columns(['school_id', 'status', 'published_at'])
    .execute()

  await db.schema
    .createTable('recap_activities')
    .addColumn('recap_id', 'integer', (c) => c.notNull().references('recaps.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('recap_activities_pk', ['recap_id', 'activity_id'])
    .execute()
  await db.schema
    .createIndex('recap_activities_activity')
    .on('recap_activities')
    .column('activity_id')
    .execute()

  await db.schema
    .createTable('recap_grades')
    .addColumn('recap_id', 'integer', (c) => c.notNull().references('recaps.id').onDelete('cascade'))
    .addColumn('grade_id', 'integer', (c) => c.notNull().references('grades.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('recap_grades_pk', ['recap_id', 'grade_id'])
    .execute()
  await db.schema.createIndex('recap_grades_grade').on('recap_grades').column('grade_id').execute()

  await db.schema
    .createTable('recap_classes')
    .addColumn('recap_id', 'integer', (c) => c.notNull().references('recaps.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('recap_classes_pk', ['recap_id', 'class_id'])
    .execute()
  await db.schema.createIndex('recap_classes_class').on('recap_classes').column('class_id').execute()

  // Every step of a recap's review, kept after unpublishing: who, what, when, with the comment.
  await db.schema
    .createTable('recap_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('recap_id', 'integer', (c) => c.notNull().references('recaps.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('created','submitted','returned','published','unpublished')`),
    )
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('recap_events_recap').on('recap_events').columns(['recap_id', 'id']).execute()

  await db.schema
    .createTable('photos')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('recap_id', 'integer', (c) => c.notNull().references('recaps.id').onDelete('cascade'))
    // Server-made, never the uploaded name: the files are <file_key>.jpg and <file_key>-small.jpg.
    .addColumn('file_key', 'text', (c) => c.notNull().unique())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('shows_pupils', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('photos_recap').on('photos').columns(['recap_id', 'position']).execute()

  await db.schema
    .createTable('photo_pupils')
    .addColumn('photo_id', 'integer', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('photo_pupils_pk', ['photo_id', 'student_id'])
    .execute()
  await db.schema.createIndex('photo_pupils_student').on('photo_pupils').column('student_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'photo_pupils',
    'photos',
    'recap_events',
    'recap_classes',
    'recap_grades',
    'recap_activities',
    'recaps',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
