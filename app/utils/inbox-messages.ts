import type { TFunction } from 'i18next'
import { classLabel, type SchoolKind } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { formatDay, formatInstantRange } from './dates'

export type InboxMessage = {
  kind: string
  params: Record<string, string | number>
  /** The class `params.classId` names, looked up when the message was listed */
  schoolClass: { name: string; number: number; gradeLevel: number } | null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The values a message's sentence is worded with, in the reader's language: its params are facts
 * (see notifications.server.ts), worded here. Messages stored before facts (a formatted `date`, a
 * Chinese `className`) keep what they have.
 */
export function messageValues(
  t: TFunction,
  message: InboxMessage,
  { locale, timeZone, schoolKind }: { locale: Locale; timeZone: string; schoolKind: SchoolKind },
): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(message.params)) {
    values[key] =
      typeof value === 'string' && key.endsWith('On') && DAY.test(value)
        ? formatDay(value, locale)
        : `${value}`
  }
  const { startsAt, endsAt } = message.params
  if (typeof startsAt === 'string' && typeof endsAt === 'string') {
    values.date = formatInstantRange(startsAt, endsAt, locale, timeZone)
  }
  if ('venue' in message.params && message.params.venue === '') values.venue = t('activities.view.noVenue')
  // A correction names the section of the family's copy by its key.
  if (typeof message.params.section === 'string') {
    values.section = t(`familyData.sections.${message.params.section}`, {
      defaultValue: message.params.section,
    })
  }
  if (message.schoolClass) values.className = classLabel(locale, schoolKind, message.schoolClass)
  return values
}

/** The message's sentence in the reader's language. */
export function messageText(
  t: TFunction,
  message: InboxMessage,
  context: { locale: Locale; timeZone: string; schoolKind: SchoolKind },
): string {
  return t(`inbox.kinds.${message.kind}`, {
    ...messageValues(t, message, context),
    defaultValue: message.kind,
  })
}
