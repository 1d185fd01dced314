import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { SeasonForm } from '~/components/season-form'
import { recordAudit } from '~/models/audit.server'
import { findJustCreatedSeason, insertSeason } from '~/models/seasons.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { loadSeasonFormOptions, parseSeasonForm } from '~/utils/season-form.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const options = await loadSeasonFormOptions(user.schoolId, todayIn(user.school.timeZone))
  return { ...options, userId: user.id }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const { schoolId } = user
  const formData = await request.formData()
  const twin = await findJustCreatedSeason(db, {
    schoolId,
    ownerId: Number(formData.get('ownerId')),
    title: String(formData.get('title') ?? '').trim(),
    startsOn: String(formData.get('startsOn') ?? ''),
  })
  if (twin) return redirect(`/seasons/${twin.id}`)
  const parsed = await parseSeasonForm(user, formData)
  if (!parsed.ok) return invalidForm('season', parsed.reply)
  const { season } = parsed
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertSeason(trx, { schoolId, ...season })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'season-created',
      entity: 'season',
      entityId: id,
      detail: { title: season.title, startsOn: season.startsOn, endsOn: season.endsOn },
    })
    return id
  })
  return redirectWithFlash(user, `/seasons/${id}`, 'seasons.created')
}

export default function NewSeasonPage() {
  const { t } = useTranslation()
  const { years, staff, currentYearId, userId } = useLoaderData<typeof loader>()
  return (
    <div className="narrow">
      <PageHeader title={t('seasons.newSeason')} lead={t('seasons.lead')} />
      <SeasonForm
        years={years}
        staff={staff}
        defaultValue={{ academicYearId: String(currentYearId ?? ''), ownerId: String(userId) }}
        submitLabel={t('seasons.create')}
        cancelTo="/seasons"
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'seasons.newSeason')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
