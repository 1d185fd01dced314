import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { discriminatedUnion, literal, object, unknown } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import {
  CoverageMatrix,
  ReviewHistory,
  SeasonConflicts,
  SeasonObservances,
  SeasonTimeline,
} from '~/components/season-overview'
import { StatusBadge } from '~/components/status-badge'
import { allowedDecisions, isEditable } from '~/domain/approval'
import { parseId } from '~/domain/schemas'
import { CopySeasonSchema, SeasonDecisionIntentSchema, StrandSchema } from '~/domain/season-schemas'
import { ANSWERED_BY, markActedOn } from '~/models/notifications.server'
import { listAcademicYears } from '~/models/school.server'
import { loadSeasonOverview } from '~/models/season-overview.server'
import { getSeason } from '~/models/seasons.server'
import { answerSeasonDecision, requireSeason, submitSeason } from '~/services/season-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { formatDay, formatDayRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { copiedSeasonTitle } from '~/utils/observances.server'
import { invalidForm, notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'
import { copyToYear, removeStrand, saveStrand } from './season-page.server'
import { AdminDecisions, CopyForm, SubmitPanel } from './season-panels'
import { Strands } from './strands'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:read' })
  const id = parseId(params.seasonId)
  const overview = id
    ? await loadSeasonOverview(db, { schoolId: user.schoolId, seasonId: id, timeZone: user.school.timeZone })
    : undefined
  if (!overview) notFound()
  // Opening the season is what "approved" and "published" asked of its owner.
  await markActedOn(db, {
    schoolId: user.schoolId,
    userId: user.id,
    entity: 'season',
    entityIds: [overview.season.id],
    kinds: ANSWERED_BY.reading.season,
  })
  const years = await listAcademicYears(db, { schoolId: user.schoolId })
  const copiedFrom = overview.season.copiedFromId
    ? await getSeason(db, { schoolId: user.schoolId, id: overview.season.copiedFromId })
    : undefined
  const lastReturn = [...overview.reviews].reverse().find((r) => r.action === 'changes_requested')
  return {
    ...overview,
    decisions: allowedDecisions(overview.season.status, user.role),
    canEdit: user.role !== 'parent' && isEditable(overview.season.status),
    isAdmin: user.role === 'admin',
    kind: user.school.kind,
    timeZone: user.school.timeZone,
    // The copy form proposes each year's title (「春·播感恩季（2028）」); the person may change it.
    years: years.map((y) => ({
      id: y.id,
      name: y.name,
      copyTitle: copiedSeasonTitle(overview.season, y.startsOn),
    })),
    copiedFrom: copiedFrom ? { id: copiedFrom.id, title: copiedFrom.title } : null,
    lastReturnComment: overview.season.status === 'changes_requested' ? (lastReturn?.comment ?? '') : '',
  }
}

/** Each form of the page and who may post it; decisions are the administrator's. */
const INTENTS = {
  'add-strand': 'plan:edit',
  'update-strand': 'plan:edit',
  'delete-strand': 'plan:edit',
  submit: 'plan:edit',
  copy: 'plan:edit',
  decide: 'plan:review',
} as const satisfies IntentPermissions

/** A strand id that is malformed or missing names no strand of this season: 404, not a form error. */
const strandId = unknown().transform(parseId)

/** The page's forms, told apart by `intent`. */
const SeasonPageSchema = discriminatedUnion('intent', [
  StrandSchema.extend({ intent: literal('add-strand') }),
  StrandSchema.extend({ intent: literal('update-strand'), strandId }),
  object({ intent: literal('delete-strand'), strandId }),
  object({ intent: literal('submit') }),
  CopySeasonSchema.extend({ intent: literal('copy') }),
  SeasonDecisionIntentSchema,
])

/** Which form a refused submission answers, so only that one shows its messages. */
function formIdOf(intent: keyof typeof INTENTS, formData: FormData): string {
  return intent === 'update-strand' ? `strand-${formData.get('strandId')}` : intent
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Another school's season is 404 whatever the form, before the intent's permission (403).
  const staff = await requireUser(request, { permission: 'plan:edit' })
  const season = await requireSeason(db, staff, params.seasonId)
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const submission = parseWithZod(formData, { schema: SeasonPageSchema })
  if (submission.status !== 'success') return invalidForm(formIdOf(intent, formData), submission.reply())
  const form = submission.value
  // Copying keeps a closed season as it is, and reopening is the one decision a closed season allows.
  if (form.intent === 'copy') return copyToYear(user, season, submission, form)
  if (form.intent === 'decide') return answerSeasonDecision(db, user, season, form)
  if (!isEditable(season.status)) throw new Response('Season closed', { status: 403 })
  switch (form.intent) {
    case 'add-strand':
      return saveStrand(user, season.id, submission, form)
    case 'update-strand':
      return saveStrand(user, season.id, submission, form, form.strandId ?? notFound())
    case 'delete-strand':
      return removeStrand(user, season.id, form.strandId ?? notFound())
    case 'submit': {
      const outcome = await submitSeason(db, user, season)
      const flash = outcome === 'stale' ? 'seasons.decisions.stale' : 'seasons.submit.done'
      return redirectWithFlash(user, `/seasons/${season.id}`, flash)
    }
  }
}

export type SeasonPageData = SerializeFrom<typeof loader>

export default function SeasonPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const { season } = data
  return (
    <>
      <PageHeader
        title={season.title}
        lead={season.slogan || undefined}
        actions={
          data.canEdit ? (
            <>
              <Link to={`/seasons/${season.id}/activities/new`} className="button">
                {t('seasons.addActivity')}
              </Link>
              <Link to={`/seasons/${season.id}/edit`} className="button button-secondary">
                {t('seasons.edit')}
                <span className="visually-hidden"> {season.title}</span>
              </Link>
            </>
          ) : undefined
        }
      />
      <div className="card stack">
        <p className="badge-row">
          <StatusBadge status={season.status} />
          <span className="badge badge-muted">{season.yearName}</span>
        </p>
        <p>
          {formatDayRange(season.startsOn, season.endsOn, locale)} ·{' '}
          {t('seasons.owner', { name: season.ownerName })}
        </p>
        {data.copiedFrom ? (
          <p className="muted">
            <Link to={`/seasons/${data.copiedFrom.id}`}>
              {t('seasons.copiedFrom', { title: data.copiedFrom.title })}
            </Link>
          </p>
        ) : null}
        {season.description ? <p className="prose">{season.description}</p> : null}
        <AdminDecisions data={data} />
      </div>
      <SubmitPanel data={data} />
      <section className="card stack" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t('seasons.coverage.title')}</h2>
        <p className="muted">{t('seasons.coverage.lead')}</p>
        <CoverageMatrix overview={data} kind={data.kind} />
      </section>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('seasons.timeline.title')}</h2>
          <SeasonTimeline overview={data} kind={data.kind} timeZone={data.timeZone} />
        </section>
        <div className="stack">
          <section className="card stack" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{t('seasons.conflicts.title')}</h2>
            <SeasonConflicts overview={data} kind={data.kind} />
          </section>
          <section className="card stack" aria-labelledby="observances-title">
            <h2 id="observances-title">{t('seasons.observances.title')}</h2>
            <SeasonObservances overview={data} />
          </section>
          <section className="card stack" aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t('seasons.tasks.title')}</h2>
            {data.tasks.length ? (
              <ul className="plain-list">
                {data.tasks.map((task) => (
                  <li key={task.id}>
                    <Link to={`/activities/${task.activityId}#tasks`}>{task.title}</Link>
                    <span className="muted">
                      {' · '}
                      {task.activityTitle}
                      {' · '}
                      {task.ownerName ?? t('seasons.tasks.noOwner')}
                      {task.dueOn
                        ? ` · ${t('seasons.tasks.due', { date: formatDay(task.dueOn, locale, 'short') })}`
                        : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('seasons.tasks.none')}</p>
            )}
          </section>
          <section className="card stack" aria-labelledby="history-title">
            <h2 id="history-title">{t('seasons.history.title')}</h2>
            <ReviewHistory reviews={data.reviews} timeZone={data.timeZone} />
          </section>
        </div>
      </div>
      <Strands data={data} />
      <CopyForm data={data} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, 'seasons.pageTitle', { title: data.season.title })
    : pageTitle(matches, 'seasons.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
