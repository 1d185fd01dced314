/**
 * The start of a year as one guided flow: which year comes next, the terms it proposes, and the
 * form an admin sends to create it with its days off. Dates are YYYY-MM-DD strings.
 */
import { TZDate } from '@date-fns/tz'
import { addDays, format, getDay } from 'date-fns'
import { array, object, type output, string, enum as zEnum } from 'zod'
import { day, maybeText, required, text } from './schemas'
import {
  DAY_OFF_KINDS,
  type DayOffKindName,
  type DayRange,
  isOrdered,
  isValidDay,
  yearContaining,
} from './school-calendar'

type NamedYear = DayRange & { id: number; name: string }

const DAY_FORMAT = 'yyyy-MM-dd'

function shift(dayText: string, days: number): string {
  return format(addDays(new TZDate(dayText, 'UTC'), days), DAY_FORMAT)
}

/** The nearest day on or before `dayText` (or on or after, `direction` 1) that is `weekday` (0 = Sunday). */
function nearestWeekday(dayText: string, weekday: number, direction: -1 | 1): string {
  const current = getDay(new TZDate(dayText, 'UTC'))
  const distance = direction === -1 ? (current - weekday + 7) % 7 : (weekday - current + 7) % 7
  return shift(dayText, direction * distance)
}

/**
 * The year the flow is about: the one after the year today falls in (or, between years, the latest
 * one begun). `existing` is that year when the school already has it.
 */
export function nextYearOf<T extends NamedYear>(
  years: readonly T[],
  today: string,
): { previous: T | undefined; existing: T | undefined } {
  const byStart = [...years].sort((a, b) => a.startsOn.localeCompare(b.startsOn))
  const previous = yearContaining(byStart, today) ?? byStart.filter((y) => y.startsOn <= today).at(-1)
  const existing = previous ? byStart.find((y) => y.startsOn > previous.startsOn) : undefined
  return { previous, existing }
}

export type YearProposal = {
  name: string
  startsOn: string
  endsOn: string
  terms: [DayRange, DayRange]
}

/**
 * 1 September to 31 August after the latest year (or the one today's autumn starts), with two terms:
 * the first to the Friday on or before 23 January, the second from the Monday on or after 17 February
 * (or after the Spring Festival break, when it ends later) to the Friday on or before 3 July.
 */
export function proposeYear(
  years: readonly DayRange[],
  today: string,
  springFestivalEndsOn?: string,
): YearProposal {
  const latest = [...years].sort((a, b) => a.startsOn.localeCompare(b.startsOn)).at(-1)
  const first = latest
    ? Number(latest.endsOn.slice(0, 4))
    : Number(today.slice(0, 4)) - (today.slice(5) < '07-01' ? 1 : 0)
  const next = first + 1
  const secondStart = nearestWeekday(
    springFestivalEndsOn && springFestivalEndsOn >= `${next}-02-17`
      ? shift(springFestivalEndsOn, 1)
      : `${next}-02-17`,
    1,
    1,
  )
  return {
    name: `${first}-${next}`,
    startsOn: `${first}-09-01`,
    endsOn: `${next}-08-31`,
    terms: [
      { startsOn: `${first}-09-01`, endsOn: nearestWeekday(`${next}-01-23`, 5, -1) },
      { startsOn: secondStart, endsOn: nearestWeekday(`${next}-07-03`, 5, -1) },
    ],
  }
}

const TermRow = object({ name: text(30), startsOn: day(), endsOn: day() }).refine(isOrdered, {
  path: ['endsOn'],
  message: 'validation.endBeforeStart',
})

// A row counts when it is a kept proposal or a blank row someone filled in; only counted rows are checked.
const DayOffRow = object({
  proposed: string().optional(),
  keep: string().optional(),
  name: maybeText(30),
  kind: zEnum(DAY_OFF_KINDS, { error: required }),
  startsOn: string().optional(),
  endsOn: string().optional(),
})

export type DayOffRowInput = output<typeof DayOffRow>

export function isCounted(row: DayOffRowInput): boolean {
  return row.proposed ? row.keep === 'on' : Boolean(row.name || row.startsOn || row.endsOn)
}

/** The form of step 1: the year, its two terms, and the days off (proposed rows and blank ones). */
export const YearStartSchema = object({
  name: text(30),
  startsOn: day(),
  endsOn: day(),
  terms: array(TermRow).length(2, required),
  daysOff: array(DayOffRow).default([]),
}).superRefine((form, ctx) => {
  if (isValidDay(form.startsOn) && isValidDay(form.endsOn) && !isOrdered(form)) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'validation.endBeforeStart' })
  }
  form.daysOff.forEach((row, index) => {
    if (!isCounted(row)) return
    const at = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: ['daysOff', index, field], message })
    if (!row.name) at('name', required)
    if (!row.startsOn) at('startsOn', required)
    else if (!isValidDay(row.startsOn)) at('startsOn', 'validation.invalidDate')
    if (!row.endsOn) at('endsOn', required)
    else if (!isValidDay(row.endsOn)) at('endsOn', 'validation.invalidDate')
    else if (row.startsOn && isValidDay(row.startsOn) && row.endsOn < row.startsOn) {
      at('endsOn', 'validation.endBeforeStart')
    }
  })
})

export type YearStartInput = output<typeof YearStartSchema>

/** The days off the form keeps, ready to store (the schema has checked them). */
export function keptDaysOff(
  form: YearStartInput,
): { index: number; name: string; kind: DayOffKindName; startsOn: string; endsOn: string }[] {
  return form.daysOff.flatMap((row, index) =>
    isCounted(row)
      ? [
          {
            index,
            name: row.name ?? '',
            kind: row.kind,
            startsOn: row.startsOn ?? '',
            endsOn: row.endsOn ?? '',
          },
        ]
      : [],
  )
}
