import { useTranslation } from 'react-i18next'
import type { TargetChanges } from '~/domain/programme-diff'

/** Names of grades and classes by id, in the reader's language (see useNames). */
type TargetNames = { grades: Record<number, string>; classes: Record<number, string> }

const PARTS = ['gradesAdded', 'gradesRemoved', 'classesAdded', 'classesRemoved'] as const

/** Which grades and classes an item gained or lost, named, so a reviewer sees who is now served. */
export function TargetChangeList({ targets, names }: { targets: TargetChanges; names: TargetNames }) {
  const { t } = useTranslation()
  const nameOf = (part: (typeof PARTS)[number], id: number) =>
    (part.startsWith('grades') ? names.grades[id] : names.classes[id]) ?? t('seasons.review.targets.unknown')
  return (
    <ul className="plain-list">
      {PARTS.filter((part) => targets[part].length).map((part) => (
        <li key={part}>
          {t(`seasons.review.targets.${part}`, {
            list: targets[part].map((id) => nameOf(part, id)).join(t('common.listSeparator')),
          })}
        </li>
      ))}
    </ul>
  )
}
