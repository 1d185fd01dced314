import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type {
  ActivityKind,
  AttendanceStatus,
  AwardRecipientKind,
  AwardScope,
  ConsentSource,
  ConsentStatus,
  CorrectionOutcome,
  CorrectionStatus,
  DayOffKind,
  DisputeStatus,
  Locale,
  ParticipationRole,
  PartnerCategory,
  PartnerRole,
  PhotoConsent,
  PlanStatus,
  PracticeCategory,
  RecapAudience,
  RecapEventAction,
  RecapStatus,
  ReviewAction,
  ReviewEntity,
  Role,
  SchoolKind,
} from '../app/domain/vocabulary'

/** ISO-8601 text in UTC, e.g. 2026-03-05T01:30:00.000Z */
type Timestamp = string
/** A calendar date in the school's time zone, YYYY-MM-DD */
type DateOnly = string
/** SQLite has no boolean: 0 or 1 */
type Flag = 0 | 1

/** The vocabulary (statuses, roles, kinds) belongs to the domain; the tables use it. */
export type * from '../app/domain/vocabulary'

export interface SchoolTable {
  id: Generated<number>
  slug: string
  name: string
  district: string
  kind: SchoolKind
  time_zone: ColumnType<string, string | undefined, string>
  founded_year: number | null
  /** The uploaded emblem's file key; null shows the generated seal */
  emblem_key: ColumnType<string | null, string | null | undefined, string | null>
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
  /** Set by a year rollover: the class keeps its name for history, new classes take its place */
  archived_at: Timestamp | null
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
  phone: ColumnType<string, string | undefined, string>
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
  photo_consent: ColumnType<PhotoConsent, PhotoConsent | undefined, PhotoConsent>
  photo_consent_by: number | null
  photo_consent_at: Timestamp | null
  graduated_on: DateOnly | null
  /** The day a pupil left without graduating (migration 20261208130000); retention counts from it */
  left_on: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>
  /** Set when retention or an admin replaced the pupil's identity with a neutral label */
  anonymised_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
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
  /** The client address of the request, for reads of pupils' data; null for older entries. */
  ip: string | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

/** The pupils one audited read covered (a class roster names all its pupils). */
export interface AuditLogPupilTable {
  audit_id: number
  student_id: number
}

export interface SeasonTable {
  id: Generated<number>
  school_id: number
  academic_year_id: number
  title: string
  slogan: ColumnType<string, string | undefined, string>
  description: ColumnType<string, string | undefined, string>
  starts_on: DateOnly
  ends_on: DateOnly
  owner_id: number
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>
  copied_from_id: number | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
  updated_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>
}

export interface StrandTable {
  id: Generated<number>
  school_id: number
  season_id: number
  title: string
  slogan: ColumnType<string, string | undefined, string>
  position: number
}

export interface StrandGradeTable {
  strand_id: number
  grade_id: number
}

export interface PartnerTable {
  id: Generated<number>
  school_id: number
  name: string
  category: PartnerCategory
  offers: ColumnType<string, string | undefined, string>
  patriotic_base: ColumnType<Flag, Flag | undefined, Flag>
  contact_name: ColumnType<string, string | undefined, string>
  contact_phone: ColumnType<string, string | undefined, string>
  notes: ColumnType<string, string | undefined, string>
  active: ColumnType<Flag, Flag | undefined, Flag>
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface ActivityTable {
  id: Generated<number>
  school_id: number
  season_id: number
  strand_id: number | null
  title: string
  kind: ActivityKind
  /** The subject lesson the activity is woven into (陶艺课, 心理课), or empty */
  lesson: ColumnType<string, string | undefined, string>
  starts_at: Timestamp
  ends_at: Timestamp
  venue: ColumnType<string, string | undefined, string>
  off_campus: ColumnType<Flag, Flag | undefined, Flag>
  needs_consent: ColumnType<Flag, Flag | undefined, Flag>
  organiser_id: number | null
  capacity: number | null
  description: ColumnType<string, string | undefined, string>
  practice_category: PracticeCategory | null
  /** 课时 credited to each pupil who attended */
  practice_hours: number | null
  /** The observance the activity is tied to (an ObservanceKey): copying a season moves it with it */
  observance: string | null
  /** Told to guardians in a consent request */
  transport: ColumnType<string, string | undefined, string>
  contact_phone: ColumnType<string, string | undefined, string>
  consent_due_on: DateOnly | null
  /** JSON array of a contest's own award levels; null: 特等奖, 一等奖, 二等奖, 三等奖, 优秀奖 */
  award_levels: string | null
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>
  created_by: number | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
  updated_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>
}

export interface ActivityGradeTable {
  activity_id: number
  grade_id: number
}

export interface ActivityClassTable {
  activity_id: number
  class_id: number
}

export interface ActivityStaffTable {
  activity_id: number
  user_id: number
}

export interface ActivityPartnerTable {
  activity_id: number
  partner_id: number
  role: ColumnType<PartnerRole, PartnerRole | undefined, PartnerRole>
}

export interface ActivityTaskTable {
  id: Generated<number>
  school_id: number
  activity_id: number
  title: string
  owner_id: number | null
  due_on: DateOnly | null
  done_at: Timestamp | null
  position: number
  /** 1 for the tasks Siji adds on creation: they follow the organiser when it changes */
  automatic: Generated<number>
}

export interface ReviewTable {
  id: Generated<number>
  school_id: number
  entity: ReviewEntity
  entity_id: number
  actor_id: number
  action: ReviewAction
  comment: ColumnType<string, string | undefined, string>
  /** JSON of the programme as it stood at this step, to show what changed since */
  snapshot: string | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface NotificationTable {
  id: Generated<number>
  school_id: number
  user_id: number
  /** A catalogue key under inbox.kinds */
  kind: string
  entity: string
  entity_id: number
  /** JSON of the interpolation values of the message */
  params: ColumnType<string, string | undefined, string>
  read_at: Timestamp | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface CalendarFeedTable {
  id: Generated<number>
  school_id: number
  user_id: number
  token_hash: string
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
  revoked_at: Timestamp | null
}

export interface NoticeWindowTable {
  id: Generated<number>
  school_id: number
  class_id: number
  /** The 公示 runs over whole school days, both ends included; entries lock after closes_on */
  opens_on: DateOnly
  closes_on: DateOnly
  created_by: number | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface ParticipationTable {
  id: Generated<number>
  school_id: number
  activity_id: number
  student_id: number
  /** The pupil's class at the time, so history survives a year rollover */
  class_id: number
  /** null: added to the sheet, not yet marked */
  status: AttendanceStatus | null
  excuse_reason: ColumnType<string, string | undefined, string>
  role: ColumnType<ParticipationRole, ParticipationRole | undefined, ParticipationRole>
  /** 课时 credited (volunteer hours for a service activity); 0 to 24 */
  hours: number | null
  note: ColumnType<string, string | undefined, string>
  /** 1: not in the target classes, added by a teacher */
  added: ColumnType<Flag, Flag | undefined, Flag>
  /** Bumped on every change; a save from an older revision is a conflict */
  revision: ColumnType<number, number | undefined, number>
  recorded_by: number | null
  recorded_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>
  /** Set when a notice window covers this entry; locked once that window has closed */
  notice_window_id: number | null
}

export interface NoticeDisputeTable {
  id: Generated<number>
  school_id: number
  window_id: number
  participation_id: number
  guardian_id: number | null
  reason: string
  status: ColumnType<DisputeStatus, DisputeStatus | undefined, DisputeStatus>
  resolution: ColumnType<string, string | undefined, string>
  resolved_by: number | null
  resolved_at: Timestamp | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface ConsentTable {
  id: Generated<number>
  school_id: number
  activity_id: number
  student_id: number
  status: ColumnType<ConsentStatus, ConsentStatus | undefined, ConsentStatus>
  /** The guardian who answered */
  guardian_id: number | null
  note: ColumnType<string, string | undefined, string>
  requested_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>
  answered_at: Timestamp | null
  /** Source of the current answer; null while unanswered */
  source: ConsentSource | null
  /** Staff who recorded the current answer from a paper slip */
  recorded_by: number | null
}

/** Every answer ever given to a consent request; the most recent not withdrawn is the current one. */
export interface ConsentAnswerTable {
  id: Generated<number>
  school_id: number
  consent_id: number
  source: ConsentSource
  status: 'given' | 'refused'
  /** The photo-use choice written on a paper slip, if any */
  photo_consent: PhotoConsent | null
  /** The guardian who answered online */
  guardian_id: number | null
  /** Staff who recorded a paper slip */
  recorded_by: number | null
  note: ColumnType<string, string | undefined, string>
  answered_at: Timestamp
  withdrawn_at: Timestamp | null
  withdrawn_by: number | null
}

/** A reminder to guardians who have not answered (migration 20261207163000); class_id null: whole activity. */
export interface ConsentReminderTable {
  id: Generated<number>
  school_id: number
  activity_id: number
  class_id: number | null
  sent_by: number | null
  sent_at: Timestamp
  /** The school-local day (YYYY-MM-DD) of sent_at */
  sent_on: string
  /** Guardians with an account who were reminded */
  guardians: number
  /** Unanswered pupils with no guardian reachable online: they need a paper slip */
  paper: number
}

export interface AwardTable {
  id: Generated<number>
  school_id: number
  activity_id: number
  title: string
  /** A standard level key (special | first | second | third | merit) or a label of the contest's own list */
  level: string
  scope: ColumnType<AwardScope, AwardScope | undefined, AwardScope>
  recipient_kind: AwardRecipientKind
  /** The class given a class award */
  class_id: number | null
  team_name: ColumnType<string, string | undefined, string>
  presenter_name: ColumnType<string, string | undefined, string>
  presenter_title: ColumnType<string, string | undefined, string>
  awarded_on: DateOnly
  citation: ColumnType<string, string | undefined, string>
  /** Presenting order at the ceremony */
  position: number
  created_by: number | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface AwardRecipientTable {
  award_id: number
  student_id: number
  /** The pupil's class when the award was given */
  class_id: number
}

export interface RecapTable {
  id: Generated<number>
  school_id: number
  season_id: number | null
  title: string
  /** Markdown; rendered with raw HTML escaped and the result sanitised */
  body: ColumnType<string, string | undefined, string>
  status: ColumnType<RecapStatus, RecapStatus | undefined, RecapStatus>
  audience: ColumnType<RecapAudience, RecapAudience | undefined, RecapAudience>
  author_id: number | null
  reviewer_id: ColumnType<number | null, number | null | undefined, number | null>
  cover_photo_id: ColumnType<number | null, number | null | undefined, number | null>
  published_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
  updated_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>
}

export interface RecapActivityTable {
  recap_id: number
  activity_id: number
}

export interface RecapGradeTable {
  recap_id: number
  grade_id: number
}

export interface RecapClassTable {
  recap_id: number
  class_id: number
}

export interface RecapEventTable {
  id: Generated<number>
  school_id: number
  recap_id: number
  actor_id: number | null
  action: RecapEventAction
  comment: ColumnType<string, string | undefined, string>
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface PhotoTable {
  id: Generated<number>
  school_id: number
  recap_id: number
  /** Server-made name of the stored files: `<file_key>.jpg` and `<file_key>-small.jpg` */
  file_key: string
  width: number
  height: number
  bytes: number
  caption: ColumnType<string, string | undefined, string>
  shows_pupils: ColumnType<Flag, Flag | undefined, Flag>
  position: number
  created_by: number | null
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>
}

export interface PhotoPupilTable {
  photo_id: number
  student_id: number
}

/** Marked participations per activity and class; kept by triggers (migration 20261128200000). */
export interface ParticipationTallyTable {
  activity_id: number
  class_id: number
  school_id: number
  attended: number
  absent: number
  excused: number
}

/** A guardian's request to correct one section of their child's data (migration 20261208110000). */
export interface CorrectionRequestTable {
  id: Generated<number>
  school_id: number
  student_id: number
  guardian_id: number | null
  /** A FamilyDataSection (~/domain/family-data) */
  section: string
  message: string
  status: ColumnType<CorrectionStatus, CorrectionStatus | undefined, CorrectionStatus>
  outcome: CorrectionOutcome | null
  answer: ColumnType<string, string | undefined, string>
  answered_by: number | null
  answered_at: Timestamp | null
  created_at: Timestamp
}

/** A school's privacy notice; a published version is never edited, the next one is a new row. */
export interface PrivacyNoticeTable {
  id: Generated<number>
  school_id: number
  version: number
  /** Markdown */
  body_zh: string
  body_en: string
  /** The person responsible for personal information: name and phone or email */
  contact: string
  published_at: Timestamp
  /** Null for the default notice Siji gives a school */
  published_by: number | null
}

export interface PrivacyAcknowledgementTable {
  user_id: number
  notice_id: number
  acknowledged_at: Timestamp
  client_address: string | null
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
  audit_log_pupils: AuditLogPupilTable
  seasons: SeasonTable
  strands: StrandTable
  strand_grades: StrandGradeTable
  partners: PartnerTable
  activities: ActivityTable
  activity_grades: ActivityGradeTable
  activity_classes: ActivityClassTable
  activity_staff: ActivityStaffTable
  activity_partners: ActivityPartnerTable
  activity_tasks: ActivityTaskTable
  reviews: ReviewTable
  notifications: NotificationTable
  calendar_feeds: CalendarFeedTable
  notice_windows: NoticeWindowTable
  participations: ParticipationTable
  notice_disputes: NoticeDisputeTable
  consents: ConsentTable
  consent_answers: ConsentAnswerTable
  consent_reminders: ConsentReminderTable
  awards: AwardTable
  award_recipients: AwardRecipientTable
  recaps: RecapTable
  recap_activities: RecapActivityTable
  recap_grades: RecapGradeTable
  recap_classes: RecapClassTable
  recap_events: RecapEventTable
  photos: PhotoTable
  photo_pupils: PhotoPupilTable
  participation_tallies: ParticipationTallyTable
  correction_requests: CorrectionRequestTable
  privacy_notices: PrivacyNoticeTable
  privacy_acknowledgements: PrivacyAcknowledgementTable
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
export type Season = Selectable<SeasonTable>
export type Strand = Selectable<StrandTable>
export type Partner = Selectable<PartnerTable>
export type Activity = Selectable<ActivityTable>
export type ActivityTask = Selectable<ActivityTaskTable>
export type Review = Selectable<ReviewTable>
export type Notification = Selectable<NotificationTable>
export type NoticeWindow = Selectable<NoticeWindowTable>
export type Participation = Selectable<ParticipationTable>
export type NoticeDispute = Selectable<NoticeDisputeTable>
export type Consent = Selectable<ConsentTable>
export type Award = Selectable<AwardTable>
export type Recap = Selectable<RecapTable>
export type RecapEvent = Selectable<RecapEventTable>
export type Photo = Selectable<PhotoTable>
