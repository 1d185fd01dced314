import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import {
  CoverageMatrix,
  ReviewHistory,
  SeasonConflicts,
  SeasonTimeline,
  useNames,
} from '~/components/season-overview'
import { StatusBadge } from '~/components/status-badge'
import { TextareaField } from '~/components/ui/field'
import { diffProgramme, parseSnapshot } from '~/domain/programme-diff'
import { parseId } from '~/domain/schemas'
import { DecisionSchema } from '~/domain/season-schemas'
import { countPupilsReached } from '~/models/activities.server'
import { lastDecidedSnapshot, programmeSnapshot } from '~/models/reviews.server'
import { loadSeasonOverview } from '~/models/season-overview.server'
import { decideOnSeason, requireSeason } from '~/services/season-workflow.server'
import { requireUser } from '~/utils/auth.server'
import { formatDayRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { ChangesSinceReview, OffCampusList, PartnerList } from './review-summary'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:review' })
  const { schoolId } = user
  const id = parseId(params.seasonId)
  const overview = id
    ? await loadSeasonOverview(db, { schoolId, seasonId: id, timeZone: user.school.timeZone })
    : undefined
  if (!overview) notFound()
  const offCampus = overview.activities.filter((a) => a.offCampus || a.needsConsent)
  const [pupils, previous] = await Promise.all([
    countPupilsReached(db, { schoolId, activityIds: offCampus.map((a) => a.id) }),
    lastDecidedSnapshot(db, { schoolId, seasonId: overview.season.id }),
  ])
  const current = programmeSnapshot(overview)
  const before = parseSnapshot(previous)
  const partners = new Map<
    number,
    {
      id: number
      name: string
      patrioticBase: number
      roles: string[]
      activities: { id: number; title: string }[]
    }
  >()
  for (const use of overview.partners) {
    const entry = partners.get(use.id) ?? {
      id: use.id,
      name: use.name,
      patrioticBase: use.patrioticBase,
      roles: [],
      activities: [],
    }
    if (!entry.roles.includes(use.role)) entry.roles.push(use.role)
    if (!entry.activities.some((a) => a.id === use.activityId))
      entry.activities.push({ id: use.activityId, title: use.activityTitle })
    partners.set(use.id, entry)
  }
  return {
    ...overview,
    kind: user.school.kind,
    timeZone: user.school.timeZone,
    offCampus: offCampus.map((a) => ({
      id: a.id,
      title: a.title,
      startsAt: a.startsAt,
      venue: a.venue,
      needsConsent: a.needsConsent,
      pupils: pupils.get(a.id) ?? 0,
    })),
    partnerUses: [...partners.values()],
    changes: before ? diffProgramme(before, current, overview.season.id) : [],
    decidedBefore: Boolean(before),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:review' })
  const season = await requireSeason(db, user, params.seasonId)
  return decideOnSeason(db, user, season, await request.formData())
}

function DecisionForm({ status, seasonId }: { status: string; seasonId: number }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'decide',
    lastResult: useFormReply('decide'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  })
  if (status !== 'submitted') {
    return (
      <p className="muted">
        {t('seasons.review.notWaiting')}{' '}
        <Link to={`/seasons/${seasonId}`}>{t('seasons.review.backToSeason')}</Link>
      </p>
    )
  }
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="from" value={status} />
      <TextareaField
        meta={fields.comment}
        label={t('seasons.review.comment')}
        hint={t('seasons.review.commentHint')}
        rows={4}
      />
      <div className="link-row">
        <button type="submit" name="decision" value="approve" className="button">
          {t('seasons.review.approve')}
        </button>
        <button type="submit" name="decision" value="request-changes" className="button button-secondary">
          {t('seasons.review.requestChanges')}
        </button>
      </div>
    </Form>
  )
}

export default function SeasonReviewPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const names = useNames(data, data.kind)
  const { season } = data
  const warnings = data.conflicts.reduce((sum, c) => sum + c.conflicts.length, 0)
  return (
    <>
      <PageHeader
        title={t('seasons.review.title', { title: season.title })}
        lead={season.slogan || undefined}
        actions={
          <Link to={`/seasons/${season.id}`} className="button button-secondary">
            {t('seasons.review.backToSeason')}
          </Link>
        }
      />
      <div className="card stack">
        <p className="badge-row">
          <StatusBadge status={season.status} />
          {warnings ? (
            <span className="badge badge-warning">{t('seasons.submit.warnings', { count: warnings })}</span>
          ) : null}
        </p>
        <p>
          {formatDayRange(season.startsOn, season.endsOn, locale)} ·{' '}
          {t('seasons.owner', { name: season.ownerName })} ·{' '}
          {t('seasons.content', { count: data.activities.length, strands: data.strands.length })}
        </p>
      </div>
      <section className="card stack" aria-labelledby="decision-title">
        <h2 id="decision-title">{t('seasons.review.decision')}</h2>
        <DecisionForm status={season.status} seasonId={season.id} />
      </section>
      <section className="card stack" aria-labelledby="changes-title">
        <h2 id="changes-title">{t('seasons.review.changesTitle')}</h2>
        <ChangesSinceReview changes={data.changes} decidedBefore={data.decidedBefore} names={names} />
      </section>
      <section className="card stack" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t('seasons.coverage.title')}</h2>
        <CoverageMatrix overview={data} kind={data.kind} />
      </section>
      <section className="card stack" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t('seasons.conflicts.title')}</h2>
        <SeasonConflicts overview={data} kind={data.kind} />
      </section>
      <section className="card stack" aria-labelledby="offcampus-title">
        <h2 id="offcampus-title">{t('seasons.review.offCampusTitle')}</h2>
        <OffCampusList activities={data.offCampus} timeZone={data.timeZone} />
      </section>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="partners-title">
          <h2 id="partners-title">{t('seasons.review.partnersTitle')}</h2>
          <PartnerList partners={data.partnerUses} />
        </section>
        <section className="card stack" aria-labelledby="history-title">
          <h2 id="history-title">{t('seasons.history.title')}</h2>
          <ReviewHistory reviews={data.reviews} timeZone={data.timeZone} />
        </section>
      </div>
      <section className="card stack" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('seasons.timeline.title')}</h2>
        <SeasonTimeline overview={data} kind={data.kind} timeZone={data.timeZone} />
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'seasons.review.title', { title: data?.season.title ?? '' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
