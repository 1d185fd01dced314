/**
 * Siji's vocabulary: the statuses, roles and kinds that rules, pages and tables share. The domain
 * owns it; db/schema.ts imports it for its column types.
 */

export type SchoolKind = 'kindergarten' | 'primary' | 'junior' | 'nine_year' | 'senior'
export type Role = 'admin' | 'teacher' | 'parent'
export type Locale = 'zh' | 'en'
/** 'workday' is a make-up working day (调休上班) on what would be a weekend. */
export type DayOffKind = 'holiday' | 'exam' | 'other' | 'workday'
export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'changes_requested' | 'published' | 'closed'
export type ActivityKind =
  | 'lecture'
  | 'workshop'
  | 'ceremony'
  | 'screening'
  | 'service'
  | 'contest'
  | 'study_tour'
  | 'counselling'
  | 'class_meeting'
  | 'other'
/** Shanghai social practice (社会实践) categories: 社会考察, 公益劳动, 职业体验, 安全实训 */
export type PracticeCategory = 'investigation' | 'public_service' | 'career' | 'safety'
export type PartnerCategory =
  | 'community'
  | 'care_home'
  | 'parent_volunteer'
  | 'expert'
  | 'venue'
  | 'museum'
  | 'party_branch'
  | 'other'
export type PartnerRole = 'guest' | 'partner'
export type PhotoConsent = 'none' | 'school' | 'public'
export type AttendanceStatus = 'attended' | 'absent' | 'excused'
/** DESIGN's roles of a pupil in an activity; the catalogue names them (participation.roles) */
export type ParticipationRole =
  | 'participant'
  | 'volunteer'
  | 'speaker'
  | 'docent'
  | 'host'
  | 'flag_raiser'
  | 'flag_guard'
  | 'performer'
  | 'class_representative'
export type ConsentStatus = 'requested' | 'given' | 'refused'
/** Where an answer came from: the guardian's account, or a returned paper slip staff recorded */
export type ConsentSource = 'online' | 'paper'
export type DisputeStatus = 'open' | 'upheld' | 'rejected'
export type AwardScope = 'school' | 'district' | 'city' | 'national'
export type AwardRecipientKind = 'pupil' | 'team' | 'class'
export type RecapStatus = 'draft' | 'in_review' | 'returned' | 'published'
export type RecapAudience = 'public' | 'parents' | 'grades' | 'classes' | 'staff'
export type RecapEventAction = 'created' | 'submitted' | 'returned' | 'published' | 'unpublished'
export type ReviewEntity = 'season' | 'activity'
export type ReviewAction =
  | 'submitted'
  | 'approved'
  | 'changes_requested'
  | 'published'
  | 'closed'
  | 'reopened'

export type CorrectionStatus = 'open' | 'answered'
/** A correction request's answer: the data was corrected, or it stays as it is (with a reason) */
export type CorrectionOutcome = 'corrected' | 'not_changed'
