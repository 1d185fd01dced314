import type { LoaderFunctionArgs } from '@remix-run/node'
import { isVisibleToFamilies, PLAN_STATUSES } from '~/domain/approval'
import { classLabel } from '~/domain/grades'
import { findFeedByTokenHash, listCalendarActivities } from '~/models/calendar.server'
import { listChildrenOfGuardian } from '~/models/family.server'
import { listGrades } from '~/models/school.server'
import { db } from '~/utils/db.server'
import {
  buildFeed,
  feedLanguage,
  feedResponse,
  feedWindow,
  hashFeedToken,
  tokenOfFeedFile,
} from '~/utils/ics.server'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'

/**
 * A parent's private calendar, found by the token in its address: their children's published
 * activities, each saying which child it is for. The token is the only key, so it is never logged.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = tokenOfFeedFile(params.file)
  if (!token) notFound()
  const feed = await findFeedByTokenHash(db, hashFeedToken(token))
  if (!feed) notFound()
  const { schoolId } = feed
  const [children, grades] = await Promise.all([
    listChildrenOfGuardian(db, { schoolId, guardianId: feed.userId }),
    listGrades(db, { schoolId }),
  ])
  const gradeIdOfLevel = new Map(grades.map((grade) => [grade.level, grade.id]))
  const { locale, t } = feedLanguage(request)
  const kids = children.map((child) => {
    const className = classLabel(locale, feed.kind, {
      gradeLevel: child.gradeLevel,
      number: child.classNumber,
      name: child.className,
    })
    return {
      gradeId: gradeIdOfLevel.get(child.gradeLevel) ?? 0,
      classId: child.classId,
      label: t('calendar.ics.childLabel', { name: child.name, class: className }),
    }
  })
  const activities = await listCalendarActivities(db, {
    schoolId,
    ...feedWindow(feed.timeZone),
    statuses: PLAN_STATUSES.filter(isVisibleToFamilies),
    reaches: [
      { grades: kids.map((k) => k.gradeId), classes: kids.map((k) => k.classId), classesOfGrades: [] },
    ],
  })
  const separator = t('common.listSeparator')
  const body = buildFeed({
    name: t('calendar.ics.privateName', { school: feed.schoolName }),
    description: t('calendar.ics.privateDescription', { school: feed.schoolName }),
    slug: feed.slug,
    origin: publicOrigin(),
    timeZone: feed.timeZone,
    t,
    activities: activities.map((activity) => {
      const forWhom = kids.filter(
        (kid) => activity.gradeIds.includes(kid.gradeId) || activity.classIds.includes(kid.classId),
      )
      const children = forWhom.map((kid) => kid.label).join(separator)
      return { ...activity, summary: t('calendar.ics.privateSummary', { title: activity.title, children }) }
    }),
  })
  return feedResponse(request, body, 'private, max-age=300')
}
