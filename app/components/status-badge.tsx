import { useTranslation } from 'react-i18next'
import type { PlanStatus } from '~/domain/approval'

const TONE: Record<PlanStatus, string> = {
  draft: 'badge badge-muted',
  submitted: 'badge badge-warning',
  changes_requested: 'badge badge-warning',
  approved: 'badge',
  published: 'badge',
  closed: 'badge badge-muted',
}

/** The status of a season or an activity, worded the same everywhere. */
export function StatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation()
  return <span className={TONE[status]}>{t(`seasons.status.${status}`)}</span>
}
