import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { RecapArticle, type RecapPhotoView } from '~/components/recap-article'
import { allowedRecapSteps, canEditRecap, type RecapStep, withholdingReaders } from '~/domain/recap-lifecycle'
import { photoShownTo, photoWithheldReason } from '~/domain/recap-privacy'
import { RecapStepSchema } from '~/domain/recap-schemas'
import { ANSWERED_BY, markActedOn } from '~/models/notifications.server'
import { listRecapPhotos } from '~/models/photos.server'
import { listRecapEvents } from '~/models/recaps.server'
import { takeRecapStep } from '~/services/recap-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { requireReadableRecap } from './reader.server'
import { StaffPanel } from './staff-panel'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:read' })
  const { recap, reader } = await requireReadableRecap(user, params.recapId)
  // Opening the recap is what "recap published" asked of its reader.
  await markActedOn(db, {
    schoolId: user.schoolId,
    userId: user.id,
    entity: 'recap',
    entityIds: [recap.id],
    kinds: ANSWERED_BY.reading.recap,
  })
  const photos = await listRecapPhotos(db, { schoolId: user.schoolId, recapIds: [recap.id] })
  const shown: RecapPhotoView[] = photos
    .filter((photo) => photoShownTo(photo, reader.kind))
    .map(({ id, caption, width, height }) => ({ id, caption, width, height }))
  const article = {
    title: recap.title,
    schoolName: user.school.name,
    publishedAt: recap.publishedAt,
    bodyHtml: renderMarkdown(recap.body),
    cover: shown.find((photo) => photo.id === recap.coverPhotoId) ?? null,
    photos: shown,
    seasonTitle: recap.seasonTitle,
  }
  const timeZone = user.school.timeZone
  if (reader.kind !== 'staff') return { mode: 'parent' as const, article, timeZone }
  const events = await listRecapEvents(db, { schoolId: user.schoolId, recapId: recap.id })
  const actor = { userId: user.id, role: user.role }
  // Before publishing, the author and the admin read which photos will be left out, where, and why.
  const withheld = withholdingReaders(recap.audience).map((where) => ({
    where,
    photos: photos.flatMap((photo) => {
      const reason = photoWithheldReason(photo, where)
      return reason ? [{ id: photo.id, caption: photo.caption, reason }] : []
    }),
  }))
  return {
    mode: 'staff' as const,
    article,
    timeZone,
    kind: user.school.kind,
    recap: {
      id: recap.id,
      status: recap.status,
      audience: recap.audience,
      authorName: recap.authorName,
      reviewerName: recap.reviewerName,
      publishedAt: recap.publishedAt,
      seasonId: recap.seasonId,
      seasonTitle: recap.seasonTitle,
      activities: recap.activities,
      targets: [
        ...recap.grades.map((g) => ({ kind: 'grade' as const, ...g })),
        ...recap.classes.map((c) => ({ kind: 'class' as const, ...c })),
      ],
      photoCount: photos.length,
    },
    events,
    steps: allowedRecapSteps(recap, actor),
    canEdit: canEditRecap(recap, actor),
    withheld: withheld.filter((group) => group.photos.length),
    publicPath:
      recap.status === 'published' && recap.audience === 'public'
        ? `/s/${user.school.slug}/recaps/${recap.id}`
        : null,
  }
}

/** Submitting is for whoever may write recaps (the rule below narrows it); deciding is the admins'. */
const INTENTS = {
  submit: 'recaps:write',
  publish: 'recaps:publish',
  return: 'recaps:publish',
  unpublish: 'recaps:publish',
} as const satisfies IntentPermissions

const STEP_FLASH: Record<RecapStep, string> = {
  submit: 'recaps.flash.submitted',
  publish: 'recaps.flash.published',
  return: 'recaps.flash.returned',
  unpublish: 'recaps.flash.unpublished',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, intent: step, formData } = await requireUserForIntent(request, INTENTS)
  const { recap } = await requireReadableRecap(user, params.recapId)
  const submission = parseWithZod(formData, { schema: RecapStepSchema })
  // Submitting is the author's, or an admin's for what they may edit.
  if (step === 'submit' && recap.authorId !== user.id && user.role !== 'admin') {
    throw new Response('Forbidden', { status: 403 })
  }
  if (submission.status !== 'success') return invalidForm(step, submission.reply())
  // A second click, or a second admin, finds the recap already moved on.
  const done = await takeRecapStep(db, user, { recap, step, comment: submission.value.comment })
  return redirectWithFlash(
    user,
    `/recaps/${recap.id}`,
    done ? STEP_FLASH[step] : 'recaps.flash.alreadyChanged',
  )
}

export default function RecapPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const article = <RecapArticle {...data.article} timeZone={data.timeZone} />
  if (data.mode === 'parent') {
    return (
      <div className="recap-page recap-page-family">
        <p className="recap-back">
          <Link to="/family">{t('recaps.read.backToFamily')}</Link>
        </p>
        {article}
      </div>
    )
  }
  const lastReturn =
    data.recap.status === 'returned' ? data.events.findLast((e) => e.action === 'returned') : null
  return (
    <>
      <p className="recap-back">
        <Link to="/recaps">{t('recaps.backToList')}</Link>
      </p>
      {lastReturn?.comment ? (
        <div className="alert alert-info">
          <p>
            <strong>{t('recaps.read.returnedWith', { name: lastReturn.actorName ?? '' })}</strong>
          </p>
          <p className="prose">{lastReturn.comment}</p>
        </div>
      ) : null}
      <div className="recap-page">
        {article}
        <StaffPanel data={data} />
      </div>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, 'recaps.read.pageTitle', { title: data.article.title })
    : pageTitle(matches, 'recaps.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
