import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** ISO-8601 text in UTC, e.g. 2026-03-05T01:30:00.000Z */
type Timestamp = string
/** A calendar date in the school's time zone, YYYY-MM-DD */
type DateOnly = string
/** SQLite has no boolean: 0 or 1 */
type Flag = 0 | 1

export type SchoolKind = 'kindergarten' | 'primary' | 'junior' | 'nine_year' | 'senior'
export type Role = 'admin' | 'teacher' | 'parent'
export type Locale = 'zh' | 'en'
export type DayOffKind = 'holiday' | 'exam' | 'other'

export interface SchoolTable {
  id: Generated<number>
  slug: string
  name: string
  district: string
  kind: SchoolKind
  time_zone: ColumnType<string, string | undefined, string>
  founded_year: number | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface AcademicYearTable {
  id: Generated<number>
  school_id: number
  name: string
  starts_on: DateOnly
  ends_on: DateOnly
}

export interface TermTable {
  id: Generated<number>
  school_id: number
  academic_year_id: number
  name: string
  starts_on: DateOnly
  ends_on: DateOnly
}

export interface SchoolDayOffTable {
  id: Generated<number>
  school_id: number
  academic_year_id: number
  name: string
  kind: DayOffKind
  starts_on: DateOnly
  ends_on: DateOnly
}

export interface GradeTable {
  id: Generated<number>
  school_id: number
  level: number
  name: string
}

export interface ClassTable {
  id: Generated<number>
  school_id: number
  grade_id: number
  number: number
  name: string
  head_teacher_id: number | null
}

export interface UserTable {
  id: Generated<number>
  school_id: number
  role: Role
  username: string
  display_name: string
  password_hash: string
  locale: ColumnType<Locale, Locale | undefined, Locale>
  active: ColumnType<Flag, Flag | undefined, Flag>
  must_change_password: ColumnType<Flag, Flag | undefined, Flag>
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
  password_changed_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions */
  id: string
  user_id: number
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  user_agent: string | null
  /** A one-time message shown after a redirect (a catalogue key) */
  flash: string | null
}

export interface SignInThrottleTable {
  username_key: string
  failures: number
  first_failure_at: Timestamp
  locked_until: Timestamp | null
}

export interface StudentTable {
  id: Generated<number>
  school_id: number
  class_id: number
  student_number: string
  name: string
  active: ColumnType<Flag, Flag | undefined, Flag>
}

export interface GuardianshipTable {
  id: Generated<number>
  guardian_id: number
  student_id: number
  relation: string
}

export interface AuditLogTable {
  id: Generated<number>
  school_id: number
  user_id: number | null
  action: string
  entity: string
  entity_id: number | null
  detail: string | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface Database {
  schools: SchoolTable
  academic_years: AcademicYearTable
  terms: TermTable
  school_days_off: SchoolDayOffTable
  grades: GradeTable
  classes: ClassTable
  users: UserTable
  sessions: SessionTable
  sign_in_throttle: SignInThrottleTable
  students: StudentTable
  guardianships: GuardianshipTable
  audit_log: AuditLogTable
}

export type School = Selectable<SchoolTable>
export type NewSchool = Insertable<SchoolTable>
export type AcademicYear = Selectable<AcademicYearTable>
export type Term = Selectable<TermTable>
export type SchoolDayOff = Selectable<SchoolDayOffTable>
export type Grade = Selectable<GradeTable>
export type SchoolClass = Selectable<ClassTable>
export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type Session = Selectable<SessionTable>
export type Student = Selectable<StudentTable>
export type Guardianship = Selectable<GuardianshipTable>
