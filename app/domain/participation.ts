import { array, coerce, object, string, enum as zEnum } from 'zod'
import { isEntryLocked } from './notice-window'
import { maybeText } from './schemas'
import type { ActivityKind, AttendanceStatus, ConsentStatus, ParticipationRole } from './vocabulary'

/**
 * The participation sheet of an activity: who was there, in what role, for how many 课时. Pure rules,
 * shared by the server and the browser; messages are catalogue keys.
 */
export const ATTENDANCE_STATUSES = [
  'attended',
  'absent',
  'excused',
] as const satisfies readonly AttendanceStatus[]

export const PARTICIPATION_ROLES = [
  'participant',
  'volunteer',
  'speaker',
  'docent',
  'host',
  'flag_raiser',
  'flag_guard',
  'performer',
  'class_representative',
] as const satisfies readonly ParticipationRole[]

/** A pupil's 课时 on one school day, all activities together, and so any one entry too. */
export const MAX_HOURS_PER_DAY = 24
/** Hours are recorded in half hours, as schools count 课时 */
export const HOURS_STEP = 0.5
export const REASON_MAX = 60

export function isValidHours(hours: number): boolean {
  return hours >= 0 && hours <= MAX_HOURS_PER_DAY && Number.isInteger(hours / HOURS_STEP)
}

/** The activity's credit, when it can stand as one pupil's entry (a 40-课时 study tour cannot). */
export function defaultHours(practiceHours: number | null): number | null {
  return practiceHours !== null && isValidHours(practiceHours) ? practiceHours : null
}

/** Pupils at a service activity are there as volunteers; elsewhere they take part. */
export function defaultRole(kind: ActivityKind): ParticipationRole {
  return kind === 'service' ? 'volunteer' : 'participant'
}

export type Defaults = { hours: number | null; role: ParticipationRole }

type HoursParse = { value: number | null } | { error: string }

/** Typed hours: empty, or a number of half hours from 0 to 24. Full-width digits (中文输入法) count too. */
export function parseHours(text: string | undefined): HoursParse {
  const typed = (text ?? '')
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
  if (typed === '') return { value: null }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(typed)) return { error: 'participation.validation.hoursNumber' }
  const value = Number(typed)
  if (value < 0 || value > MAX_HOURS_PER_DAY) return { error: 'participation.validation.hoursRange' }
  if (!Number.isInteger(value / HOURS_STEP)) return { error: 'participation.validation.hoursStep' }
  return { value }
}

/** The values of one entry that a teacher sets; everything a conflict compares. */
export type EntryValues = {
  status: AttendanceStatus | null
  role: ParticipationRole
  hours: number | null
  excuseReason: string
}

export type StoredEntry = EntryValues & {
  added: boolean
  revision: number
  recordedByName: string | null
  recordedAt: string
  noticeWindow: { opensOn: string; closesOn: string } | null
}

export type SheetPupil = {
  studentId: number
  name: string
  studentNumber: string
  classId: number
  className: string
  gradeLevel: number
  classNumber: number
}

export type SheetRow = SheetPupil & {
  entry: StoredEntry | null
  /** Not of the target classes: added by a teacher */
  added: boolean
  /** Its notice period (公示) has closed: read-only */
  locked: boolean
  /** An added pupil not marked yet may leave the sheet again */
  removable: boolean
}

function byClassThenNumber(a: SheetPupil, b: SheetPupil): number {
  return (
    a.gradeLevel - b.gradeLevel ||
    a.classNumber - b.classNumber ||
    a.studentNumber.localeCompare(b.studentNumber) ||
    a.studentId - b.studentId
  )
}

/**
 * The sheet: every pupil of the target classes, and every pupil with a stored entry (added ones, and
 * pupils who have since left a target class), in class and student-number order.
 */
export function buildSheet({
  targetPupils,
  stored,
  today,
}: {
  targetPupils: readonly SheetPupil[]
  stored: readonly (SheetPupil & { entry: StoredEntry })[]
  today: string
}): SheetRow[] {
  const rows = new Map<number, SheetRow>()
  for (const pupil of targetPupils) {
    rows.set(pupil.studentId, { ...pupil, entry: null, added: false, locked: false, removable: false })
  }
  for (const { entry, ...pupil } of stored) {
    // A stored entry keeps the class the pupil was in when it was recorded.
    const locked = isEntryLocked(entry.noticeWindow, today)
    rows.set(pupil.studentId, {
      ...pupil,
      entry,
      added: entry.added,
      locked,
      removable: entry.added && entry.status === null && !locked,
    })
  }
  return [...rows.values()].sort(byClassThenNumber)
}

export type StatusCounts = Record<AttendanceStatus | 'unmarked', number>

export function countStatuses(statuses: readonly (AttendanceStatus | null | undefined)[]): StatusCounts {
  const counts: StatusCounts = { attended: 0, absent: 0, excused: 0, unmarked: 0 }
  for (const status of statuses) counts[status ?? 'unmarked'] += 1
  return counts
}

/** Attendance recorded for a pupil whose guardians have not said yes is flagged, never hidden. */
export function lacksConsent(
  status: AttendanceStatus | null,
  needsConsent: boolean,
  consent: ConsentStatus | null,
): boolean {
  return status === 'attended' && needsConsent && consent !== 'given'
}

const unknownChoice = 'validation.unknownChoice'
const id = coerce.number({ error: unknownChoice }).int(unknownChoice).positive(unknownChoice)

/** One row of the sheet as posted: the revision it was read at makes a later save of others visible. */
const SheetRowSchema = object({
  studentId: id,
  revision: coerce.number({ error: unknownChoice }).int(unknownChoice).min(0, unknownChoice),
  status: zEnum(ATTENDANCE_STATUSES, { error: unknownChoice }).optional(),
  role: zEnum(PARTICIPATION_ROLES, { error: unknownChoice }).optional(),
  hours: string().optional(),
  reason: maybeText(REASON_MAX),
})

export type PostedRow = ReturnType<typeof SheetRowSchema.parse>

export type RowIssue = { index: number; field: 'status' | 'hours' | 'reason'; message: string }

/** The status a posted row ends with: "all present" marks those left unmarked. */
function resolvedStatus(row: PostedRow, allPresent: boolean): AttendanceStatus | undefined {
  return row.status ?? (allPresent ? 'attended' : undefined)
}

/** Rules of one row that need nothing from the database: they run in the browser too. */
export function rowIssues(row: PostedRow, index: number, allPresent: boolean): RowIssue[] {
  const status = resolvedStatus(row, allPresent)
  const issues: RowIssue[] = []
  if (status === 'excused' && !row.reason) {
    issues.push({ index, field: 'reason', message: 'participation.validation.reasonRequired' })
  }
  if (status === 'attended') {
    const hours = parseHours(row.hours)
    if ('error' in hours) issues.push({ index, field: 'hours', message: hours.error })
  } else if (status === undefined && row.hours?.trim()) {
    // Hours belong to a pupil who attended; typed on an unmarked row they would be lost.
    issues.push({ index, field: 'status', message: 'participation.validation.markFirst' })
  }
  return issues
}

export const SHEET_INTENTS = ['save', 'all-present'] as const

/** The sheet form; rows left out (locked, or gone since) are holes the server skips. */
export const SheetSchema = object({
  intent: zEnum(SHEET_INTENTS, { error: unknownChoice }),
  rows: array(SheetRowSchema.optional()).default([]),
}).superRefine((value, ctx) => {
  value.rows.forEach((row, index) => {
    if (!row) return
    for (const issue of rowIssues(row, index, value.intent === 'all-present')) {
      ctx.addIssue({ code: 'custom', path: ['rows', index, issue.field], message: issue.message })
    }
  })
})

export type SheetValues = ReturnType<typeof SheetSchema.parse>

/**
 * Whether a posted sheet (as typed, before parsing) records more than roles: "all present", a
 * status, hours or a reason. Before the activity starts, roles are all it may hold (as planned).
 */
export function recordsAttendance(payload: { intent?: unknown; rows?: unknown }): boolean {
  if (payload.intent === 'all-present') return true
  if (!Array.isArray(payload.rows)) return false
  return payload.rows.some(
    (row: Record<string, unknown> | null | undefined) =>
      row !== null &&
      typeof row === 'object' &&
      (['status', 'hours', 'reason'] as const).some((key) => {
        const value = row[key]
        return typeof value === 'string' && value.trim() !== ''
      }),
  )
}

/** The field name conform gives a row's field, for messages found on the server. */
export function rowFieldName(index: number, field: RowIssue['field']): string {
  return `rows[${index}].${field}`
}

/** What a posted row asks to store, given the activity's defaults. */
export function entryValuesOf(
  row: PostedRow,
  { allPresent, defaults, current }: { allPresent: boolean; defaults: Defaults; current: EntryValues | null },
): EntryValues {
  const status = resolvedStatus(row, allPresent) ?? null
  const hours = parseHours(row.hours)
  const typed = 'value' in hours ? hours.value : null
  return {
    status,
    role: row.role ?? current?.role ?? defaults.role,
    // Only those who attended are credited; left empty, the activity's credit applies.
    hours: status === 'attended' ? (typed ?? defaults.hours) : null,
    excuseReason: status === 'excused' ? (row.reason ?? '') : '',
  }
}

export function sameValues(a: EntryValues, b: EntryValues): boolean {
  return (
    a.status === b.status && a.role === b.role && a.hours === b.hours && a.excuseReason === b.excuseReason
  )
}

/** What a pupil of the sheet without a stored entry stands at. */
function unmarkedEntry(defaults: Defaults): EntryValues {
  return { status: null, role: defaults.role, hours: null, excuseReason: '' }
}

/** One entry to write: `revision` is the one it gets; the stored one must still be `revision - 1`. */
export type EntryWrite = { studentId: number; values: EntryValues; revision: number; insert: boolean }

export type Conflict = { studentId: number; index: number | null; stored: StoredEntry | null }

export type SavePlan =
  | { kind: 'unknown'; studentIds: number[] }
  /** overDay: pupils "all present" would take past a day's hours, with no field of theirs posted */
  | { kind: 'invalid'; issues: RowIssue[]; overDay: number[] }
  | { kind: 'locked'; studentIds: number[] }
  | { kind: 'conflict'; conflicts: Conflict[] }
  | { kind: 'ok'; writes: EntryWrite[]; counts: StatusCounts }

export type SaveInput = {
  posted: readonly (PostedRow | undefined)[]
  allPresent: boolean
  /** Every row of the sheet as it is stored now, read in the saving transaction */
  sheet: readonly Pick<SheetRow, 'studentId' | 'entry' | 'locked'>[]
  /** The posted pupils that belong to the school at all: any other id is forged */
  schoolPupilIds: ReadonlySet<number>
  defaults: Defaults
  /** Each pupil's attended hours in other activities on this activity's school-local day */
  otherHours: ReadonlyMap<number, number>
}

type Candidate = {
  studentId: number
  /** The posted row, or null for a row "all present" filled from storage */
  index: number | null
  readRevision: number
  values: EntryValues
  current: Pick<SheetRow, 'entry' | 'locked'> | undefined
}

/** The rows this save would set, before any rule: posted ones, and those "all present" fills in. */
function candidatesOf({ posted, allPresent, sheet, defaults }: SaveInput): Candidate[] {
  const byStudent = new Map(sheet.map((row) => [row.studentId, row]))
  const candidates: Candidate[] = []
  posted.forEach((row, index) => {
    if (!row) return
    const current = byStudent.get(row.studentId)
    const stored = current?.entry ?? null
    // Unmarked here, marked by someone else meanwhile: their mark stands, "all present" or not.
    if (!row.status && stored?.status) return
    const values = entryValuesOf(row, { allPresent, defaults, current: stored })
    candidates.push({ studentId: row.studentId, index, readRevision: row.revision, values, current })
  })
  if (!allPresent) return candidates
  // Rows the form did not carry (a bare "all present", or pupils added since) are filled from storage.
  const postedIds = new Set(posted.flatMap((row) => (row ? [row.studentId] : [])))
  for (const current of sheet) {
    if (postedIds.has(current.studentId) || current.locked || current.entry?.status) continue
    candidates.push({
      studentId: current.studentId,
      index: null,
      readRevision: current.entry?.revision ?? 0,
      values: { ...(current.entry ?? unmarkedEntry(defaults)), status: 'attended', hours: defaults.hours },
      current,
    })
  }
  return candidates
}

/** A pupil's hours of one school day, all activities together, stay within a day. */
function dayTotalIssues(changed: readonly Candidate[], otherHours: ReadonlyMap<number, number>) {
  const issues: RowIssue[] = []
  const overDay: number[] = []
  for (const { values, studentId, index } of changed) {
    if (values.status !== 'attended' || values.hours === null) continue
    const elsewhere = otherHours.get(studentId) ?? 0
    if (values.hours + elsewhere <= MAX_HOURS_PER_DAY) continue
    if (index === null) overDay.push(studentId)
    else {
      const left = Math.max(0, MAX_HOURS_PER_DAY - elsewhere)
      issues.push({ index, field: 'hours', message: `participation.validation.dayTotal|${left}` })
    }
  }
  return { issues, overDay }
}

/**
 * Decides a save of the sheet: nothing is written unless every row is sound. A row saved by someone
 * else since it was read (its revision moved) is a conflict when this save would change it; a row
 * left unmarked carries no decision, so it never undoes or contests a mark made meanwhile.
 */
export function planSave(input: SaveInput): SavePlan {
  const { posted, sheet, schoolPupilIds, defaults, otherHours } = input
  const onSheet = new Set(sheet.map((row) => row.studentId))
  // Not on the sheet: another school's pupil, or one never added, is forged; one read from the
  // sheet (a revision) but removed since is a conflict, below.
  const unknown = posted.flatMap((row) =>
    row && !onSheet.has(row.studentId) && (row.revision === 0 || !schoolPupilIds.has(row.studentId))
      ? [row.studentId]
      : [],
  )
  if (unknown.length) return { kind: 'unknown', studentIds: unknown }

  const changed = candidatesOf(input).filter(
    (c) => !sameValues(c.values, c.current?.entry ?? unmarkedEntry(defaults)),
  )

  const { issues, overDay } = dayTotalIssues(changed, otherHours)
  if (issues.length || overDay.length) return { kind: 'invalid', issues, overDay }

  const locked = changed.filter((c) => c.current?.locked)
  if (locked.length) return { kind: 'locked', studentIds: locked.map((c) => c.studentId) }

  const conflicts: Conflict[] = changed
    .filter((c) => (c.current?.entry?.revision ?? 0) !== c.readRevision)
    .map((c) => ({ studentId: c.studentId, index: c.index, stored: c.current?.entry ?? null }))
  if (conflicts.length) return { kind: 'conflict', conflicts }

  const writes = changed.map((c) => {
    const stored = c.current?.entry ?? null
    return {
      studentId: c.studentId,
      values: c.values,
      revision: (stored?.revision ?? 0) + 1,
      insert: !stored,
    }
  })
  const finalStatus = new Map(sheet.map((row) => [row.studentId, row.entry?.status ?? null]))
  for (const write of writes) finalStatus.set(write.studentId, write.values.status)
  return { kind: 'ok', writes, counts: countStatuses([...finalStatus.values()]) }
}
