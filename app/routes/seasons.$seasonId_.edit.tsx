import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { SeasonForm } from '~/components/season-form'
import { requireEditableSeason, updateSeasonDetails } from '~/services/season-workflow.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { loadSeasonFormOptions, parseSeasonForm } from '~/utils/season-form.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const season = await requireEditableSeason(db, user, params.seasonId)
  return { season, ...(await loadSeasonFormOptions(user.schoolId, todayIn(user.school.timeZone))) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const season = await requireEditableSeason(db, user, params.seasonId)
  const parsed = await parseSeasonForm(user, await request.formData(), season.id)
  if (!parsed.ok) return invalidForm('season', parsed.reply)
  // Moving a settled season's dates sends it back to review, as a submit would.
  const { backToReview } = await updateSeasonDetails(db, user, season, parsed.season)
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
