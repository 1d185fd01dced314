import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

  // Photo-use preference is the guardian's to set; recaps honour it. No answer means no photos.
  await db.schema
    .alterTable('students')
    .addColumn('photo_consent', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`photo_consent in ('none','school','public')`),
    )
    .execute()
  await db.schema.alterTable('students').addColumn('photo_consent_by', 'integer').execute()
  await db.schema.alterTable('students').addColumn('photo_consent_at', 'text').execute()
  await db.schema.alterTable('students').addColumn('graduated_on', 'text').execute()

  // A rollover archives last year's classes instead of renaming them, so history keeps its class names.
  await db.schema.alterTable('classes').addColumn('archived_at', 'text').execute()

  await db.schema
    .alterTable('users')
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  // What a consent request tells guardians beyond date and place.
  await db.schema
    .alterTable('activities')
    .addColumn('transport', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('activities')
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.alterTable('activities').addColumn('consent_due_on', 'text').execute()

  await db.schema
    .createTable('notice_windows')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('notice_windows_order', sql`opens_on <= closes_on`)
    .execute()
  await db.schema
    .createIndex('notice_windows_class')
    .on('notice_windows')
    .columns(['school_id', 'class_id', 'closes_on'])
    .execute()

  await db.schema
    .createTable('participations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    // The pupil's class when the activity took place: history survives a year rollover.
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id'))
    // null: on the sheet (added beyond the target classes) but not yet marked.
    .addColumn('status', 'text', (c) => c.check(sql`status in ('attended','absent','excused')`))
    .addColumn('excuse_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('participant'))
    .addColumn('hours', 'real', (c) => c.check(sql`hours is null or (hours >= 0 and hours <= 24)`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // 1: not in the activity's target classes, added by a teacher (a volunteer team across a grade).
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    // Bumped on every change: a save based on an older revision is a conflict, never an overwrite.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('notice_window_id', 'integer', (c) => c.references('notice_windows.id').onDelete('set null'))
    .addUniqueConstraint('participations_pair', ['activity_id', 'student_id'])
    .execute()
  await db.schema.createIndex('participations_student').on('participations').column('student_id').execute()
  await db.schema
    .createIndex('participations_class')
    .on('participations')
    .columns(['school_id', 'class_id'])
    .execute()
  await db.schema
    .createIndex('participations_window')
    .on('participations')
    .column('notice_window_id')
    .execute()

  await db.schema
    .createTable('notice_disputes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('window_id', 'integer', (c) => c.notNull().references('notice_windows.id').onDelete('cascade'))
    .addColumn('participation_id', 'integer', (c) =>
      c.notNull().references('participations.id').onDelete('cascade'),
    )
    .addColumn('guardian_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open','upheld','rejected')`),
    )
    .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('notice_disputes_window').on('notice_disputes').column('window_id').execute()
  await db.schema
    .createIndex('notice_disputes_participation')
    .on('notice_disputes')
    .column('participation_id')
    .execute()

  await db.schema
    .createTable('consents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('requested').check(sql`status in ('requested','given','refused')`),
    )
    // The guardian who answered; any guardian of the child may.
    .addColumn('guardian_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('consents_pair', ['activity_id', 'student_id'])
    .execute()
  await db.schema.createIndex('consents_student').on('consents').column('student_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['consents', 'notice_disputes', 'participations', 'notice_windows']) {
    await db.schema.dropTable(table).execute()
  }
  for (const column of ['consent_due_on', 'contact_phone', 'transport']) {
    await db.schema.alterTable('activities').dropColumn(column).execute()
  }
  await db.schema.alterTable('users').dropColumn('phone').execute()
  await db.schema.alterTable('classes').dropColumn('archived_at').execute()
  for (const column of ['graduated_on', 'photo_consent_at', 'photo_consent_by', 'photo_consent']) {
    await db.schema.alterTable('students').dropColumn(column).execute()
  }
}
