import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

  await db.schema
    .createTable('schools')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('kindergarten','primary','junior','nine_year','senior')`),
    )
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('founded_year', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('academic_years')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('academic_years_school_name', ['school_id', 'name'])
    .addCheckConstraint('academic_years_order', sql`starts_on < ends_on`)
    .execute()

  await db.schema
    .createTable('terms')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('academic_year_id', 'integer', (c) =>
      c.notNull().references('academic_years.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addCheckConstraint('terms_order', sql`starts_on <= ends_on`)
    .execute()
  await db.schema.createIndex('terms_year').on('terms').column('academic_year_id').execute()

  await db.schema
    .createTable('school_days_off')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('academic_year_id', 'integer', (c) =>
      c.notNull().references('academic_years.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday','exam','other')`))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addCheckConstraint('days_off_order', sql`starts_on <= ends_on`)
    .execute()
  await db.schema
    .createIndex('days_off_school_dates')
    .on('school_days_off')
    .columns(['school_id', 'starts_on'])
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','teacher','parent')`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh').check(sql`locale in ('zh','en')`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('password_changed_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('users_school_role').on('users').columns(['school_id', 'role']).execute()

  await db.schema
    .createTable('grades')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('grades_school_level', ['school_id', 'level'])
    .execute()

  await db.schema
    .createTable('classes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('grade_id', 'integer', (c) => c.notNull().references('grades.id').onDelete('restrict'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('head_teacher_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('classes_grade_number', ['grade_id', 'number'])
    .execute()
  await db.schema.createIndex('classes_school').on('classes').columns(['school_id', 'grade_id']).execute()
  await db.schema.createIndex('classes_head_teacher').on('classes').column('head_teacher_id').execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('flash', 'text')
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('username_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute()

  await db.schema
    .createTable('students')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('classes.id').onDelete('restrict'))
    .addColumn('student_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('students_school_number', ['school_id', 'student_number'])
    .execute()
  await db.schema.createIndex('students_class').on('students').column('class_id').execute()

  await db.schema
    .createTable('guardianships')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('guardian_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addUniqueConstraint('guardianships_pair', ['guardian_id', 'student_id'])
    .execute()
  await db.schema.createIndex('guardianships_student').on('guardianships').column('student_id').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('audit_log_school_time')
    .on('audit_log')
    .columns(['school_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'guardianships',
    'students',
    'sign_in_throttle',
    'sessions',
    'classes',
    'grades',
    'users',
    'school_days_off',
    'terms',
    'academic_years',
    'schools',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
