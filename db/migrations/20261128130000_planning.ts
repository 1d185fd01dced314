import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
const STATUS_CHECK = sql`status in ('draft','submitted','approved','changes_requested','published','closed')`

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

  await db.schema
    .createTable('seasons')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slogan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(STATUS_CHECK))
    .addColumn('copied_from_id', 'integer', (c) => c.references('seasons.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('seasons_order', sql`starts_on <= ends_on`)
    .execute()
  await db.schema
    .createIndex('seasons_school_year')
    .on('seasons')
    .columns(['school_id', 'academic_year_id'])
    .execute()
  await db.schema
    .createIndex('seasons_school_status')
    .on('seasons')
    .columns(['school_id', 'status'])
    .execute()

  await db.schema
    .createTable('strands')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('season_id', 'integer', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slogan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('strands_season').on('strands').columns(['season_id', 'position']).execute()

  await db.schema
    .createTable('strand_grades')
    .addColumn('strand_id', 'integer', (c) => c.notNull().references('strands.id').onDelete('cascade'))
    .addColumn('grade_id', 'integer', (c) => c.notNull().references('grades.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('strand_grades_pk', ['strand_id', 'grade_id'])
    .execute()

  await db.schema
    .createTable('partners')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`category in ('community','care_home','parent_volunteer','expert','venue','museum','party_branch','other')`,
        ),
    )
    .addColumn('offers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('patriotic_base', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('partners_school_name', ['school_id', 'name'])
    .execute()

  await db.schema
    .createTable('activities')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('season_id', 'integer', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
    .addColumn('strand_id', 'integer', (c) => c.references('strands.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('lecture','workshop','ceremony','screening','service','contest','study_tour','counselling','class_meeting','other')`,
        ),
    )
    .addColumn('lesson', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('off_campus', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('needs_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('organiser_id', 'integer', (c) => c.references('users.id'))
    .addColumn('capacity', 'integer')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('practice_category', 'text', (c) =>
      c.check(sql`practice_category in ('investigation','public_service','career','safety')`),
    )
    .addColumn('practice_hours', 'real')
    .addColumn('observance', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(STATUS_CHECK))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('activities_order', sql`starts_at < ends_at`)
    .execute()
  await db.schema
    .createIndex('activities_school_time')
    .on('activities')
    .columns(['school_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('activities_season')
    .on('activities')
    .columns(['season_id', 'starts_at'])
    .execute()
  await db.schema.createIndex('activities_organiser').on('activities').column('organiser_id').execute()

  await db.schema
    .createTable('activity_grades')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('grade_id', 'integer', (c) => c.notNull().references('grades.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_grades_pk', ['activity_id', 'grade_id'])
    .execute()
  await db.schema.createIndex('activity_grades_grade').on('activity_grades').column('grade_id').execute()

  await db.schema
    .createTable('activity_classes')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_classes_pk', ['activity_id', 'class_id'])
    .execute()
  await db.schema.createIndex('activity_classes_class').on('activity_classes').column('class_id').execute()

  await db.schema
    .createTable('activity_staff')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('activity_staff_pk', ['activity_id', 'user_id'])
    .execute()
  await db.schema.createIndex('activity_staff_user').on('activity_staff').column('user_id').execute()

  await db.schema
    .createTable('activity_partners')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().defaultTo('partner').check(sql`role in ('guest','partner')`),
    )
    .addPrimaryKeyConstraint('activity_partners_pk', ['activity_id', 'partner_id'])
    .execute()
  await db.schema
    .createIndex('activity_partners_partner')
    .on('activity_partners')
    .column('partner_id')
    .execute()

  await db.schema
    .createTable('activity_tasks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('due_on', 'text')
    .addColumn('done_at', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('activity_tasks_activity')
    .on('activity_tasks')
    .columns(['activity_id', 'position'])
    .execute()
  await db.schema.createIndex('activity_tasks_owner').on('activity_tasks').column('owner_id').execute()

  // Every decision on a season or an activity; `snapshot` holds the programme as it was submitted or decided.
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull().check(sql`entity in ('season','activity')`))
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) =>
      c
        .notNull()
        .check(sql`action in ('submitted','approved','changes_requested','published','closed','reopened')`),
    )
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('snapshot', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('reviews_entity').on('reviews').columns(['entity', 'entity_id', 'id']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute()

  // A parent's private calendar feed: only the token's SHA-256 is stored, as for sessions.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('calendar_feeds_user').on('calendar_feeds').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'calendar_feeds',
    'notifications',
    'reviews',
    'activity_tasks',
    'activity_partners',
    'activity_staff',
    'activity_classes',
    'activity_grades',
    'activities',
    'partners',
    'strand_grades',
    'strands',
    'seasons',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
