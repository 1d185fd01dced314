import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type Conflict, conflictKey } from '~/domain/conflicts'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { formatDay } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

export type ConflictNames = {
  grades: Record<number, string>
  classes: Record<number, string>
  users: Record<number, string>
}

/** Names for the warnings, in the reader's language, from the lists a loader already has. */
export function conflictNames(
  locale: Locale,
  kind: SchoolKind,
  {
    grades,
    classes,
    users,
  }: {
    grades: { id: number; level: number; name: string }[]
    classes: { id: number; gradeLevel: number; number: number; name: string }[]
    users: Record<number, string>
  },
): ConflictNames {
  return {
    grades: Object.fromEntries(grades.map((g) => [g.id, gradeLabel(locale, kind, g)])),
    classes: Object.fromEntries(classes.map((c) => [c.id, classLabel(locale, kind, c)])),
    users,
  }
}

function ConflictText({ conflict, names }: { conflict: Conflict; names: ConflictNames }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const unknown = t('activities.conflicts.unknown')
  switch (conflict.kind) {
    case 'grade':
      return <>{t('activities.conflicts.grade', { grade: names.grades[conflict.gradeId] ?? unknown })}</>
    case 'class':
      return <>{t('activities.conflicts.class', { class: names.classes[conflict.classId] ?? unknown })}</>
    case 'venue':
      return <>{t('activities.conflicts.venue', { venue: conflict.venue })}</>
    case 'organiser':
      return (
        <>{t('activities.conflicts.organiser', { name: names.users[conflict.organiserId] ?? unknown })}</>
      )
    case 'outside-season':
      return <>{t('activities.conflicts.outsideSeason')}</>
    case 'weekend':
      return (
        <>{t('activities.conflicts.weekend', { day: formatDay(conflict.day, locale, 'dayWithWeekday') })}</>
      )
    case 'day-off':
      return (
        <>
          {t('activities.conflicts.dayOff', {
            day: formatDay(conflict.day, locale, 'dayWithWeekday'),
            name: conflict.name,
          })}
        </>
      )
  }
}

/** Planning warnings as a list: what clashes, and a link to the activity it clashes with. */
export function ConflictList({ conflicts, names }: { conflicts: Conflict[]; names: ConflictNames }) {
  return (
    <ul className="conflict-list">
      {conflicts.map((conflict) => (
        <li key={conflictKey(conflict)}>
          <ConflictText conflict={conflict} names={names} />
          {'otherId' in conflict ? (
            <>
              {' '}
              <Link to={`/activities/${conflict.otherId}`}>{conflict.otherTitle}</Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
