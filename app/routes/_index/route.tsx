import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SignInForm } from '~/components/sign-in-form'
import { splitExamWeeks, yearContaining } from '~/domain/school-calendar'
import { listRecentAudit } from '~/models/audit.server'
import { listOpenTasksOfOwner } from '~/models/calendar.server'
import { listOpenWindowsOfHeadTeacher } from '~/models/notices.server'
import { listReviewQueue } from '~/models/reviews.server'
import {
  listAcademicYears,
  listClasses,
  listDaysOff,
  listGrades,
  listTerms,
  listUpcomingDaysOff,
} from '~/models/school.server'
import { listSeasons } from '~/models/seasons.server'
import { countAccountsByRole } from '~/models/users.server'
import { getSessionUser, requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { AdminHome, TeacherHome } from './staff-home'

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getSessionUser(request))) return { view: 'visitor' as const }
  const user = await requireUser(request, { permission: 'home:read' })
  // Parents have their own portal; '/' stays the address every sign-in lands on.
  if (user.role === 'parent') throw redirect(`/family${new URL(request.url).search}`)
  const { schoolId } = user
  const schoolKind = user.school.kind

  const today = todayIn(user.school.timeZone)

  if (user.role === 'teacher') {
    const [classes, daysOff, seasons, overdueTasks, noticeWindows] = await Promise.all([
      listClasses(db, { schoolId, headTeacherId: user.id }),
      listUpcomingDaysOff(db, { schoolId, today, limit: 3 }),
      listSeasonsOfCurrentYear(schoolId, today),
      listOpenTasksOfOwner(db, { schoolId, userId: user.id, dueBefore: today, limit: 20 }),
      listOpenWindowsOfHeadTeacher(db, { schoolId, headTeacherId: user.id, today }),
    ])
    return {
      view: 'teacher' as const,
      name: user.displayName,
      schoolKind,
      classes,
      ...splitExamWeeks(daysOff),
      seasons,
      overdueTasks,
      noticeWindows,
    }
  }

  const [grades, classes, accounts, years, terms, daysOff, audit, queue] = await Promise.all([
    listGrades(db, { schoolId }),
    listClasses(db, { schoolId }),
    countAccountsByRole(db, { schoolId }),
    listAcademicYears(db, { schoolId }),
    listTerms(db, { schoolId }),
    listDaysOff(db, { schoolId }),
    listRecentAudit(db, { schoolId, limit: 8 }),
    listReviewQueue(db, { schoolId }),
  ])
  const currentYear = yearContaining(years, today) ?? years[0] ?? null
  const seasons = currentYear ? await listSeasons(db, { schoolId, academicYearId: currentYear.id }) : []
  return {
    view: 'admin' as const,
    name: user.displayName,
    schoolName: user.school.name,
    timeZone: user.school.timeZone,
    counts: {
      grades: grades.length,
      classes: classes.length,
      pupils: classes.reduce((sum, c) => sum + Number(c.studentCount ?? 0), 0),
    },
    accounts,
    currentYear,
    terms: terms.filter((term) => term.academicYearId === currentYear?.id),
    ...splitExamWeeks(daysOff.filter((day) => day.academicYearId === currentYear?.id)),
    audit,
    seasons,
    waiting: queue.seasons.length + queue.activities.length + queue.recaps.length,
  }
}

export type SeasonsOfYear = Awaited<ReturnType<typeof listSeasons>>

async function listSeasonsOfCurrentYear(schoolId: number, today: string): Promise<SeasonsOfYear> {
  const years = await listAcademicYears(db, { schoolId })
  const year = yearContaining(years, today)
  return year ? listSeasons(db, { schoolId, academicYearId: year.id }) : []
}

export type HomeData = ReturnType<typeof useLoaderData<typeof loader>>

function VisitorHome() {
  const { t } = useTranslation()
  return (
    <div className="visitor-home">
      <section className="hero">
        <h1>{t('home.visitorTitle')}</h1>
        <p className="lead">{t('home.visitorLead')}</p>
      </section>
      <section className="card narrow" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('auth.signIn')}</h2>
        <SignInForm />
      </section>
    </div>
  )
}

export default function Home() {
  const data = useLoaderData<typeof loader>()
  switch (data.view) {
    case 'visitor':
      return <VisitorHome />
    case 'admin':
      return <AdminHome data={data} />
    case 'teacher':
      return <TeacherHome data={data} />
  }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.home')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
