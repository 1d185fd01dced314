import type { LoaderFunctionArgs } from '@remix-run/node'
import { isVisibleToFamilies, PLAN_STATUSES } from '~/domain/approval'
import { gradeLabel } from '~/domain/grades'
import {
  findGradeByLevel,
  findSchoolBySlug,
  gradeReach,
  listCalendarActivities,
} from '~/models/calendar.server'
import { db } from '~/utils/db.server'
import { buildFeed, feedLanguage, feedResponse, feedWindow } from '~/utils/ics.server'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'

const GRADE_FILE = /^([1-9]\d?)\.ics$/

/**
 * A grade's public calendar: published activities for the whole grade or any of its classes.
 * No sign-in, so nothing here may name a pupil.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const level = GRADE_FILE.exec(params.file ?? '')?.[1]
  if (!level || !params.slug) notFound()
  const school = await findSchoolBySlug(db, params.slug)
  if (!school) notFound()
  const grade = await findGradeByLevel(db, { schoolId: school.id, level: Number(level) })
  if (!grade) notFound()
  const { locale, t } = feedLanguage(request)
  const activities = await listCalendarActivities(db, {
    schoolId: school.id,
    ...feedWindow(school.timeZone),
    statuses: PLAN_STATUSES.filter(isVisibleToFamilies),
    reaches: [gradeReach(grade.id)],
  })
  const names = { school: school.name, grade: gradeLabel(locale, school.kind, grade) }
  const body = buildFeed({
    name: t('calendar.ics.gradeName', names),
    description: t('calendar.ics.gradeDescription', names),
    slug: school.slug,
    origin: publicOrigin(),
    timeZone: school.timeZone,
    t,
    activities,
  })
  return feedResponse(request, body, 'public, max-age=300')
}
