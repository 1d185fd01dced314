import { useTranslation } from 'react-i18next'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import type { RecapAudience, RecapStatus } from '~/domain/recap-lifecycle'
import { useLocale } from '~/utils/use-locale'

const TONE: Record<RecapStatus, string> = {
  draft: 'badge badge-muted',
  in_review: 'badge badge-warning',
  returned: 'badge recap-badge-returned',
  published: 'badge',
}

/** A recap's status, worded and coloured the same on every page (as StatusBadge does for plans). */
export function RecapStatusBadge({ status }: { status: RecapStatus }) {
  const { t } = useTranslation()
  return <span className={TONE[status]}>{t(`recaps.status.${status}`)}</span>
}

export type AudienceTarget =
  | { kind: 'grade'; level: number; name: string }
  | { kind: 'class'; gradeLevel: number; number: number; name: string }

/** Who reads a recap once published: "五年级、八年级的家长", "全体家长", "公开". */
export function useAudienceLabel(kind: SchoolKind) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (audience: RecapAudience, targets: readonly AudienceTarget[]) => {
    if (audience !== 'grades' && audience !== 'classes') return t(`recaps.audience.${audience}`)
    const names = targets.map((target) =>
      target.kind === 'grade' ? gradeLabel(locale, kind, target) : classLabel(locale, kind, target),
    )
    return names.length
      ? t(`recaps.audience.${audience}Named`, { names: names.join(t('common.listSeparator')) })
      : t(`recaps.audience.${audience}`)
  }
}
