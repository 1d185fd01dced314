import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { formatDayRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'
import { AgendaView } from './agenda'
import {
  feedHeaders,
  loadAgenda,
  loadGrid,
  NO_STORE,
  replacePrivateFeed,
  requireCalendarQuery,
  revokePrivateFeed,
} from './calendar.server'
import { FeedsSection } from './feed-links'
import { CalendarGrid, FilterForm, PeriodNav, type Query, ViewLinks } from './month-grid'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'calendar:read' })
  const query = requireCalendarQuery(request, user)
  const { view, date, today } = query
  if (view === 'agenda') return { ...(await loadAgenda(db, user, today)), view, date, today }
  return loadGrid(db, request, user, { ...query, view })
}

// Private feeds are a parent's own: staff have no children's calendar to subscribe to.
const INTENTS = {
  'create-feed': 'family:read',
  'revoke-feed': 'family:read',
} as const satisfies IntentPermissions

type FeedReply = { form: 'create-feed'; url: string; webcal: string }

export async function action({ request }: ActionFunctionArgs) {
  const { user, intent } = await requireUserForIntent(request, INTENTS)
  if (intent === 'create-feed') {
    const feed = await replacePrivateFeed(db, request, user)
    return data<FeedReply>({ form: 'create-feed', ...feed }, { headers: NO_STORE })
  }
  await revokePrivateFeed(db, user)
  const { search } = new URL(request.url)
  return redirectWithFlash(user, `/calendar${search}#feeds`, 'calendar.feeds.revoked')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
export type GridData = Exclude<LoaderData, { view: 'agenda' }>
export type AgendaData = Extract<LoaderData, { view: 'agenda' }>

export default function CalendarPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const isStaff = data.role !== 'parent'
  const lead = isStaff ? t('calendar.leadStaff') : t('calendar.leadParent')
  if (data.view === 'agenda') {
    return (
      <>
        <PageHeader title={t('calendar.title')} lead={lead} />
        <ViewLinks
          current="agenda"
          isStaff
          query={{ date: data.date === data.today ? undefined : data.date }}
        />
        <AgendaView data={data} />
      </>
    )
  }
  const query: Query = {
    view: data.view,
    date: data.date === data.today ? undefined : data.date,
    grade: data.filter.grade || undefined,
    classId: data.filter.classId || undefined,
  }
  return (
    <>
      <PageHeader title={t('calendar.title')} lead={lead} />
      <ViewLinks current={data.view} isStaff={isStaff} query={query} />
      <FilterForm data={data} />
      <section aria-labelledby="period-title" className="section">
        <div className="calendar-header">
          <h2 id="period-title">{formatDayRange(data.period.first, data.period.last, locale)}</h2>
          <PeriodNav data={data} query={query} />
        </div>
        <CalendarGrid data={data} />
      </section>
      <FeedsSection data={data} />
    </>
  )
}

export const headers = feedHeaders

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
