import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { listAcademicYears, listDaysOff, listTerms } from '~/models/school.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { AddYearForm } from './calendar-forms'
import {
  addDayOff,
  addTerm,
  addYear,
  calendarFormSchema,
  findYear,
  removeDayOff,
  removeTerm,
} from './school-calendar.server'
import { YearSection } from './year-section'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const { schoolId } = user
  const [years, terms, daysOff] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listTerms(db, { schoolId }),
    listDaysOff(db, { schoolId }),
  ])
  return {
    years: years.map((year) => ({
      ...year,
      terms: terms.filter((term) => term.academicYearId === year.id),
      daysOff: daysOff.filter((day) => day.academicYearId === year.id),
    })),
  }
}

export type Year = ReturnType<typeof useLoaderData<typeof loader>>['years'][number]

/** Each form of the page and who may post it. */
const INTENTS = {
  'add-year': 'school:manage',
  'add-term': 'school:manage',
  'delete-term': 'school:manage',
  'add-day-off': 'school:manage',
  'delete-day-off': 'school:manage',
} as const satisfies IntentPermissions

export async function action({ request }: ActionFunctionArgs) {
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  // A term or day off belongs to a year of this school: another's is 404 before any form message.
  const forYear = intent === 'add-term' || intent === 'add-day-off'
  const year = forYear ? await findYear(db, user, formData) : undefined
  const submission = await parseWithZod(formData, {
    schema: calendarFormSchema(db, user, year),
    async: true,
  })
  if (submission.status !== 'success') {
    return invalidForm(year ? `${intent}-${year.id}` : intent, submission.reply())
  }
  const form = submission.value
  if (form.intent === 'add-year') {
    const id = await addYear(db, user, form)
    return redirectWithFlash(user, `/school/calendar#year-${id}`, 'school.calendar.yearAdded')
  }
  if (form.intent === 'delete-term') {
    const yearId = await removeTerm(db, user, form.termId)
    return redirectWithFlash(user, `/school/calendar#year-${yearId}`, 'school.calendar.termDeleted')
  }
  if (form.intent === 'delete-day-off') {
    const yearId = await removeDayOff(db, user, form.dayOffId)
    return redirectWithFlash(user, `/school/calendar#year-${yearId}`, 'school.calendar.dayOffDeleted')
  }
  // Only a year's own forms are left; their year was found above.
  if (!year) return notFound()
  if (form.intent === 'add-term') await addTerm(db, user, year, form)
  else await addDayOff(db, user, year, form)
  const flash = form.intent === 'add-term' ? 'school.calendar.termAdded' : 'school.calendar.dayOffAdded'
  return redirectWithFlash(user, `/school/calendar#year-${year.id}`, flash)
}

export default function SchoolCalendarPage() {
  const { t } = useTranslation()
  const { years } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title={t('school.calendar.title')}
        lead={t('school.calendar.lead')}
        actions={
          <>
            <Link to="/school/year-start" className="button">
              {t('school.yearStart.title')}
            </Link>
            <a href="#new-year" className="button button-secondary">
              {t('school.calendar.addYear')}
            </a>
          </>
        }
      />
      <div className="stack section">
        {years.length ? (
          years.map((year) => <YearSection key={year.id} year={year} />)
        ) : (
          <p>{t('school.calendar.noYears')}</p>
        )}
      </div>
      {/* Not "add-year": that is the form's id, and inputs whose form attribute names a section belong to no form. */}
      <section id="new-year" className="card" aria-labelledby="add-year-title">
        <h2 id="add-year-title">{t('school.calendar.addYearTitle')}</h2>
        <AddYearForm key={years.length} />
      </section>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.calendar.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
