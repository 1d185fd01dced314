import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { SeasonForm } from '~/components/season-form'
import { isSettled } from '~/domain/approval'
import { recordAudit } from '~/models/audit.server'
import { listReviewerIds, notify } from '~/models/notifications.server'
import { recordReview, snapshotProgramme } from '~/models/reviews.server'
import { setSeasonStatus, updateSeason } from '~/models/seasons.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { loadSeasonFormOptions, parseSeasonForm } from '~/utils/season-form.server'
import { requireEditableSeason } from '~/utils/seasons.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const season = await requireEditableSeason(user, params.seasonId)
  return { season, ...(await loadSeasonFormOptions(user.schoolId, todayIn(user.school.timeZone))) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const { schoolId } = user
  const season = await requireEditableSeason(user, params.seasonId)
  const parsed = await parseSeasonForm(user, await request.formData(), season.id)
  if (!parsed.ok) return invalidForm('season', parsed.reply)
  const next = parsed.season
  // Moving an approved season's dates changes what parents were promised: it goes back to review.
  const datesMoved = next.startsOn !== season.startsOn || next.endsOn !== season.endsOn
  const backToReview = isSettled(season.status) && datesMoved
  await db.transaction().execute(async (trx) => {
    await updateSeason(trx, { schoolId, id: season.id, ...next })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'season-updated',
      entity: 'season',
      entityId: season.id,
      detail: { title: next.title, startsOn: next.startsOn, endsOn: next.endsOn },
    })
    if (
      backToReview &&
      (await setSeasonStatus(trx, { schoolId, id: season.id, from: season.status, to: 'submitted' }))
    ) {
      await recordReview(trx, {
        schoolId,
        entity: 'season',
        entityId: season.id,
        actorId: user.id,
        action: 'submitted',
        snapshot: await snapshotProgramme(trx, { schoolId, seasonId: season.id }),
      })
      const reviewers = (await listReviewerIds(trx, { schoolId })).filter((id) => id !== user.id)
      await notify(trx, {
        schoolId,
        userIds: reviewers,
        kind: 'season-submitted',
        entity: 'season',
        entityId: season.id,
        params: { title: next.title },
      })
    }
  })
  return redirectWithFlash(
    user,
    `/seasons/${season.id}`,
    backToReview ? 'seasons.savedBackToReview' : 'seasons.saved',
  )
}

export default function EditSeasonPage() {
  const { t } = useTranslation()
  const { season, years, staff } = useLoaderData<typeof loader>()
  return (
    <div className="narrow">
      <PageHeader title={t('seasons.editTitle')} lead={season.title} />
      <SeasonForm
        years={years}
        staff={staff}
        defaultValue={{
          academicYearId: String(season.academicYearId),
          ownerId: String(season.ownerId),
          title: season.title,
          slogan: season.slogan,
          description: season.description,
          startsOn: season.startsOn,
          endsOn: season.endsOn,
        }}
        submitLabel={t('seasons.save')}
        cancelTo={`/seasons/${season.id}`}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'seasons.editTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
