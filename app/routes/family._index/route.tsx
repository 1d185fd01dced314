import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { SchoolEmblem } from '~/components/school-emblem'
import { splitExamWeeks } from '~/domain/school-calendar'
import { countWaitingForChildren, listChildrenOfGuardian } from '~/models/family.server'
import { loadFamilyPortal } from '~/models/family-portal.server'
import { getSchoolEmblem, listUpcomingDaysOff } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import * as clock from '~/utils/clock'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { emblemPath } from '~/utils/emblem.server'
import { pageTitleAndDescription } from '~/utils/meta'
import { ChildCard, DayList, News } from './child-card'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'family:read' })
  const { schoolId, school } = user
  const now = clock.now()
  const today = todayIn(school.timeZone, now)
  const children = await listChildrenOfGuardian(db, { schoolId, guardianId: user.id })
  const [waiting, daysOff, portal, emblem] = await Promise.all([
    countWaitingForChildren(db, {
      schoolId,
      studentIds: children.map((child) => child.id),
      now: now.toISOString(),
      today,
    }),
    listUpcomingDaysOff(db, { schoolId, today, limit: 3 }),
    loadFamilyPortal(db, { schoolId, guardianId: user.id, children, now, today }),
    getSchoolEmblem(db, { schoolId }),
  ])
  const of = <T,>(rows: Map<number, T[]>, id: number) => rows.get(id) ?? []
  return {
    name: user.displayName,
    school: { name: school.name, emblem: emblemPath(emblem) },
    schoolKind: school.kind,
    timeZone: school.timeZone,
    news: portal.news,
    ...splitExamWeeks(daysOff),
    children: children.map((child) => ({
      id: child.id,
      name: child.name,
      studentNumber: child.studentNumber,
      gradeLevel: child.gradeLevel,
      gradeName: child.gradeName,
      classNumber: child.classNumber,
      className: child.className,
      headTeacherName: child.headTeacherName,
      waiting: waiting.get(child.id) ?? { consents: 0, notices: 0 },
      upcoming: of(portal.children.upcoming, child.id),
      consents: of(portal.children.consents, child.id),
      recaps: of(portal.children.recaps, child.id),
      participations: of(portal.children.participations, child.id),
      awards: of(portal.children.awards, child.id),
    })),
  }
}

export type PortalData = ReturnType<typeof useLoaderData<typeof loader>>
export type Child = PortalData['children'][number]

export default function FamilyPortal() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <div className="family-portal">
      <div className="family-masthead">
        <SchoolEmblem src={data.school.emblem} schoolName={data.school.name} size={56} decorative />
        <p>{data.school.name}</p>
      </div>
      <PageHeader title={t('home.welcome', { name: data.name })} lead={t('family.lead')} />
      <News
        news={data.news}
        timeZone={data.timeZone}
        schoolKind={data.schoolKind}
        emblem={data.school.emblem}
      />
      <section aria-labelledby="children-title" className="section">
        <h2 id="children-title">{t('home.children')}</h2>
        {data.children.length ? (
          <ul className="card-grid family-children">
            {data.children.map((child) => (
              <ChildCard key={child.id} child={child} data={data} />
            ))}
          </ul>
        ) : (
          <p className="card">{t('family.noChildren')}</p>
        )}
        <p className="link-row">
          <Link to="/family/recaps">{t('family.news.allRecaps')}</Link>
          <Link to="/calendar">{t('home.openCalendar')}</Link>
        </p>
      </section>
      <DayList id="days-off-title" title={t('family.daysOff')} days={data.holidays} />
      <DayList id="exams-title" title={t('family.examWeeks')} days={data.exams} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) =>
  pageTitleAndDescription(matches, 'family.title', 'family.metaDescription')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
