import { noticeWindowState } from './notice-window'
import type { AttendanceStatus, PracticeCategory, SchoolKind } from './vocabulary'

export type { PracticeCategory }

/**
 * Shanghai social practice (社会实践): what each pupil must have done over the junior stage
 * (grades 6–9), and how a pupil's recorded participations count towards it.
 */
export const PRACTICE_CATEGORIES = [
  'investigation',
  'public_service',
  'career',
  'safety',
] as const satisfies readonly PracticeCategory[]

/** 课时 required over the junior stage: 社会考察 136, 公益劳动 80, 职业体验 32, 安全实训 24. */
export const JUNIOR_STAGE_HOURS: Readonly<Record<PracticeCategory, number>> = {
  investigation: 136,
  public_service: 80,
  career: 32,
  safety: 24,
}

/** At least one visit to a patriotic-education base (爱国主义教育基地). */
export const PATRIOTIC_BASE_VISITS_REQUIRED = 1
/** At least three public-service posts (公益岗位): distinct public-service activities attended. */
export const PUBLIC_SERVICE_POSTS_REQUIRED = 3

export const JUNIOR_STAGE_FIRST_LEVEL = 6
export const JUNIOR_STAGE_LAST_LEVEL = 9

/**
 * Schools whose pupils pass through, or lead up to, the junior stage. A kindergarten has no social
 * practice at all; a senior school's pupils have left the junior stage behind.
 */
export function hasSocialPractice(kind: SchoolKind): boolean {
  return kind === 'primary' || kind === 'junior' || kind === 'nine_year'
}

export type Stage = 'primary' | 'junior' | 'other'

/** The stage of a grade level: hours recorded in a primary grade are shown but do not count. */
export function stageOfLevel(level: number): Stage {
  if (level < JUNIOR_STAGE_FIRST_LEVEL) return 'primary'
  return level <= JUNIOR_STAGE_LAST_LEVEL ? 'junior' : 'other'
}

export type PracticeEntry = {
  activityId: number
  status: AttendanceStatus | null
  /** The hours recorded for this pupil; null means "as planned" */
  hours: number | null
  practiceCategory: PracticeCategory | null
  /** The 课时 the activity credits each pupil who attended */
  practiceHours: number | null
  /** Grade level of the pupil's class when the activity took place */
  gradeLevel: number
  /** A partner of the activity is a patriotic-education base */
  patrioticBase: boolean
}

/** 0.5 课时 steps add up exactly, but typed-in tenths would drift: totals keep one decimal. */
function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10
}

/**
 * The 课时 an entry credits: only an attended pupil earns any; recorded hours win, else the
 * activity's planned hours. Null when the entry credits nothing.
 */
export function creditedHours(entry: Pick<PracticeEntry, 'status' | 'hours' | 'practiceHours'>) {
  if (entry.status !== 'attended') return null
  return entry.hours ?? entry.practiceHours
}

export type CategoryProgress = {
  category: PracticeCategory
  required: number
  /** Junior-stage hours, the ones that count */
  done: number
  remaining: number
  /** Whole percent of the requirement done, never above 100 */
  percent: number
  /** Recorded while the pupil was in a primary grade: shown, not counted */
  primaryHours: number
}

export type MilestoneProgress = {
  required: number
  /** Distinct junior-stage activities that count */
  count: number
  /** Those attended in a primary grade, shown but not counted */
  primaryCount: number
  done: boolean
}

export type PracticeSummary = {
  categories: CategoryProgress[]
  primaryHours: number
  patrioticBase: MilestoneProgress
  publicServicePosts: MilestoneProgress
  /** Every category's hours and both milestones reached */
  complete: boolean
}

function milestone(required: number, junior: Set<number>, primary: Set<number>): MilestoneProgress {
  return { required, count: junior.size, primaryCount: primary.size, done: junior.size >= required }
}

/**
 * A pupil's social-practice totals against the junior-stage requirements, or null where the school
 * has no social practice (kindergartens, senior schools).
 */
export function summarisePractice(
  kind: SchoolKind,
  entries: readonly PracticeEntry[],
): PracticeSummary | null {
  if (!hasSocialPractice(kind)) return null
  const junior = new Map<PracticeCategory, number>()
  const primary = new Map<PracticeCategory, number>()
  const bases = { junior: new Set<number>(), primary: new Set<number>() }
  const posts = { junior: new Set<number>(), primary: new Set<number>() }
  for (const entry of entries) {
    if (entry.status !== 'attended') continue
    const stage = stageOfLevel(entry.gradeLevel)
    if (stage === 'other') continue
    if (entry.patrioticBase) bases[stage].add(entry.activityId)
    const category = entry.practiceCategory
    if (!category) continue
    if (category === 'public_service') posts[stage].add(entry.activityId)
    const totals = stage === 'junior' ? junior : primary
    totals.set(category, (totals.get(category) ?? 0) + (creditedHours(entry) ?? 0))
  }
  const categories = PRACTICE_CATEGORIES.map((category): CategoryProgress => {
    const required = JUNIOR_STAGE_HOURS[category]
    const done = roundHours(junior.get(category) ?? 0)
    return {
      category,
      required,
      done,
      remaining: roundHours(Math.max(0, required - done)),
      // Rounded down: 135.9 of 136 is not yet 100%.
      percent: Math.min(100, Math.floor((done / required) * 100)),
      primaryHours: roundHours(primary.get(category) ?? 0),
    }
  })
  const patrioticBase = milestone(PATRIOTIC_BASE_VISITS_REQUIRED, bases.junior, bases.primary)
  const publicServicePosts = milestone(PUBLIC_SERVICE_POSTS_REQUIRED, posts.junior, posts.primary)
  return {
    categories,
    primaryHours: roundHours(categories.reduce((sum, c) => sum + c.primaryHours, 0)),
    patrioticBase,
    publicServicePosts,
    complete: categories.every((c) => c.remaining === 0) && patrioticBase.done && publicServicePosts.done,
  }
}

/**
 * Where a recorded entry stands in the 公示: recorded (no notice yet, or one not yet begun), on
 * notice while its window is open, locked once it has closed; an open objection outranks both.
 */
export type EntryState = 'recorded' | 'on_notice' | 'locked' | 'disputed'

export function entryState(
  entry: { window: { opensOn: string; closesOn: string } | null; openDispute: boolean },
  today: string,
): EntryState {
  if (entry.openDispute) return 'disputed'
  if (!entry.window) return 'recorded'
  switch (noticeWindowState(entry.window, today)) {
    case 'open':
      return 'on_notice'
    case 'closed':
      return 'locked'
    default:
      return 'recorded'
  }
}
