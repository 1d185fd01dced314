import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { formatInstantRange } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { StaffData } from './route'

export function TimeAndPlace({
  activity,
  timeZone,
}: {
  activity: { startsAt: string; endsAt: string; venue: string; offCampus: boolean | number }
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const campus = activity.offCampus ? t('activities.view.offCampus') : t('activities.view.onCampus')
  return (
    <>
      <Fact label={t('activities.view.when')}>
        {formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)}
      </Fact>
      <Fact label={t('activities.view.where')}>
        {t('activities.view.place', { venue: activity.venue || t('activities.view.noVenue'), campus })}
      </Fact>
    </>
  )
}

export function Description({ text }: { text: string }) {
  const { t } = useTranslation()
  return (
    <>
      <h3>{t('activities.view.description')}</h3>
      {text ? <p className="prose">{text}</p> : <p className="muted">{t('activities.view.noDescription')}</p>}
    </>
  )
}

export function targetLabels(
  activity: { gradeIds: number[]; classIds: number[] },
  grades: StaffData['grades'],
  classes: StaffData['classes'],
  kind: SchoolKind,
  locale: 'zh' | 'en',
): string[] {
  return [
    ...grades.filter((g) => activity.gradeIds.includes(g.id)).map((g) => gradeLabel(locale, kind, g)),
    ...classes.filter((c) => activity.classIds.includes(c.id)).map((c) => classLabel(locale, kind, c)),
  ]
}
