import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Fact } from '~/components/fact'
import { RecapArticle, type RecapPhotoView } from '~/components/recap-article'
import { RecapStatusBadge, useAudienceLabel } from '~/components/recap-labels'
import { TextareaField } from '~/components/ui/field'
import { can } from '~/domain/permissions'
import {
  allowedRecapSteps,
  canEditRecap,
  isRecapStep,
  nextRecapStatus,
  type RecapStep,
  recapStepRecipients,
  STEP_EVENTS,
  withholdingReaders,
} from '~/domain/recap-lifecycle'
import {
  canReadRecap,
  type PhotoWithheld,
  photoShownTo,
  photoWithheldReason,
  type RecapReader,
} from '~/domain/recap-privacy'
import { RecapStepSchema } from '~/domain/recap-schemas'
import { parseId } from '~/domain/schemas'
import { childrenOfGuardian } from '~/models/family.server'
import { ANSWERED_BY, markActedOn } from '~/models/notifications.server'
import { listRecapPhotos } from '~/models/photos.server'
import { applyRecapStep, getRecap, listRecapEvents, type RecapDetail } from '~/models/recaps.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

/** Staff read as staff; a parent with the grades and classes of their own children. */
async function readerOf(user: SessionUser): Promise<RecapReader> {
  if (user.role !== 'parent') return { kind: 'staff', userId: user.id, isAdmin: user.role === 'admin' }
  const children = await childrenOfGuardian(db, { schoolId: user.schoolId, guardianId: user.id })
    .select(['grades.id as gradeId', 'classes.id as classId'])
    .execute()
  return {
    kind: 'parent',
    gradeIds: children.map((c) => c.gradeId),
    classIds: children.map((c) => c.classId),
  }
}

/** The recap, if this person may read it; anyone else, in this school or not, finds nothing. */
async function requireReadableRecap(user: SessionUser, recapId: string | undefined) {
  const id = parseId(recapId)
  const recap = id ? await getRecap(db, { schoolId: user.schoolId, id }) : undefined
  if (!recap) notFound()
  const reader = await readerOf(user)
  if (!canReadRecap(recap, reader)) notFound()
  return { recap, reader }
}

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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:write' })
  const { recap } = await requireReadableRecap(user, params.recapId)
  const formData = await request.formData()
  const step = formData.get('intent')
  if (!isRecapStep(step)) throw new Response('Unknown intent', { status: 400 })
  // Deciding is the admins'; submitting is the author's (or an admin's, for what they may edit).
  if (step !== 'submit' && !can(user.role, 'recaps:publish')) throw new Response('Forbidden', { status: 403 })
  if (step === 'submit' && recap.authorId !== user.id && user.role !== 'admin') {
    throw new Response('Forbidden', { status: 403 })
  }
  const submission = parseWithZod(formData, { schema: RecapStepSchema })
  if (submission.status !== 'success') return invalidForm(step, submission.reply())
  return takeStep(user, recap, step, submission.value.comment)
}

const STEP_FLASH: Record<RecapStep, string> = {
  submit: 'recaps.flash.submitted',
  publish: 'recaps.flash.published',
  return: 'recaps.flash.returned',
  unpublish: 'recaps.flash.unpublished',
}

async function takeStep(user: SessionUser, recap: RecapDetail, step: RecapStep, comment: string) {
  const to = nextRecapStatus(recap, step, { userId: user.id, role: user.role })
  // A second click, or a second admin, finds the recap already moved on.
  const done =
    to !== null &&
    (await applyRecapStep(db, {
      schoolId: user.schoolId,
      recapId: recap.id,
      title: recap.title,
      authorId: recap.authorId,
      actorId: user.id,
      from: recap.status,
      to,
      event: STEP_EVENTS[step],
      comment,
      recipients: (adminIds) =>
        recapStepRecipients(step, { authorId: recap.authorId, adminIds, actorId: user.id }),
    }))
  return redirectWithFlash(
    user,
    `/recaps/${recap.id}`,
    done ? STEP_FLASH[step] : 'recaps.flash.alreadyChanged',
  )
}

type StaffData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: 'staff' }>

function StepButton({ step, label, danger }: { step: RecapStep; label: string; danger?: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === step
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={step} />
      <button type="submit" className={danger ? 'button button-danger' : 'button'} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

function withheldText(
  t: ReturnType<typeof useTranslation>['t'],
  where: 'public' | 'parent',
  photo: { caption: string; reason: PhotoWithheld },
): string {
  if (photo.reason.reason === 'no-pupils-named')
    return t('recaps.publish.noPupilsNamed', { caption: photo.caption })
  const names = photo.reason.pupils.join(t('common.listSeparator'))
  return where === 'public'
    ? t('recaps.publish.lacksPublic', { caption: photo.caption, names })
    : t('recaps.publish.lacksSchool', { caption: photo.caption, names })
}

/** What publishing will leave out: said before the publish button, and on the page for the author. */
function WithheldNotice({ withheld }: { withheld: StaffData['withheld'] }) {
  const { t } = useTranslation()
  if (!withheld.length) return <p className="muted small">{t('recaps.publish.allShown')}</p>
  return (
    <div className="alert alert-info recap-withheld-notice">
      {withheld.map((group) => (
        <div key={group.where}>
          <p>
            <strong>{t(`recaps.publish.withheld.${group.where}`, { count: group.photos.length })}</strong>
          </p>
          <ul>
            {group.photos.map((photo) => (
              <li key={photo.id}>{withheldText(t, group.where, photo)}</li>
            ))}
          </ul>
        </div>
      ))}
      <p className="small">{t('recaps.publish.fixHint')}</p>
    </div>
  )
}

function ReturnForm() {
  const { t } = useTranslation()
  const [form, fields] = useForm<{ comment: string }>({ id: 'return', lastResult: useFormReply('return') })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="return" />
      <TextareaField
        meta={fields.comment}
        label={t('recaps.review.comment')}
        hint={t('recaps.review.commentHint')}
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t('recaps.review.return')}
        </button>
      </div>
    </Form>
  )
}

function Actions({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const { recap, steps, canEdit } = data
  const has = (step: RecapStep) => steps.includes(step)
  return (
    <div className="stack">
      {canEdit ? (
        <p>
          <Link to={`/recaps/${recap.id}/edit`} className="button button-secondary">
            {t('recaps.read.edit')}
          </Link>
        </p>
      ) : null}
      {recap.status === 'published' ? (
        <p className="muted small">{t('recaps.read.publishedLocked')}</p>
      ) : null}
      {has('submit') ? (
        <div className="stack recap-step">
          <p className="muted small">{t('recaps.review.submitHint')}</p>
          <StepButton step="submit" label={t('recaps.review.submit')} />
        </div>
      ) : null}
      {has('publish') ? (
        <div className="stack recap-step">
          <h3>{t('recaps.publish.title')}</h3>
          <WithheldNotice withheld={data.withheld} />
          <StepButton step="publish" label={t('recaps.publish.button')} />
        </div>
      ) : null}
      {has('return') ? (
        <div className="stack recap-step">
          <h3>{t('recaps.review.returnTitle')}</h3>
          <ReturnForm />
        </div>
      ) : null}
      {has('unpublish') ? (
        <div className="stack recap-step">
          <p className="muted small">{t('recaps.review.unpublishHint')}</p>
          <StepButton step="unpublish" label={t('recaps.review.unpublish')} danger />
        </div>
      ) : null}
    </div>
  )
}

function History({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="card stack" aria-labelledby="history-title">
      <h2 id="history-title">{t('recaps.read.history')}</h2>
      <ol className="timeline">
        {data.events.map((event) => (
          <li key={event.id} className="timeline-item">
            <p className="timeline-when">{formatInstant(event.createdAt, locale, data.timeZone)}</p>
            <p>
              <span className="timeline-title">{t(`recaps.events.${event.action}`)}</span>
              {' · '}
              {event.actorName ?? t('recaps.list.noAuthor')}
            </p>
            {event.comment ? <blockquote className="review-comment">{event.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

function StaffPanel({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const audienceLabel = useAudienceLabel(data.kind)
  const { recap, timeZone } = data
  return (
    <aside className="recap-panel stack" aria-label={t('recaps.read.panel')}>
      <section className="card stack" aria-labelledby="state-title">
        <h2 id="state-title">{t('recaps.read.state')}</h2>
        <dl className="facts">
          <Fact label={t('recaps.read.status')}>
            <RecapStatusBadge status={recap.status} />
          </Fact>
          <Fact label={t('recaps.read.audience')}>{audienceLabel(recap.audience, recap.targets)}</Fact>
          <Fact label={t('recaps.read.author')}>{recap.authorName ?? t('recaps.list.noAuthor')}</Fact>
          {recap.reviewerName ? <Fact label={t('recaps.read.reviewer')}>{recap.reviewerName}</Fact> : null}
          {recap.publishedAt ? (
            <Fact label={t('recaps.read.publishedAt')}>
              {formatInstant(recap.publishedAt, locale, timeZone)}
            </Fact>
          ) : null}
          {data.publicPath ? (
            <Fact label={t('recaps.read.publicLink')}>
              <a href={data.publicPath}>{data.publicPath}</a>
            </Fact>
          ) : null}
        </dl>
        <Actions data={data} />
      </section>
      <section className="card stack" aria-labelledby="links-title">
        <h2 id="links-title">{t('recaps.read.linked')}</h2>
        <dl className="facts">
          <Fact label={t('recaps.read.season')}>
            {recap.seasonId && recap.seasonTitle ? (
              <Link to={`/seasons/${recap.seasonId}`}>{recap.seasonTitle}</Link>
            ) : (
              t('recaps.read.none')
            )}
          </Fact>
        </dl>
        {recap.activities.length ? (
          <ul className="recap-activity-links">
            {recap.activities.map((activity) => (
              <li key={activity.id}>
                <Link to={`/activities/${activity.id}`}>{activity.title}</Link>{' '}
                <span className="muted small">
                  {formatInstant(activity.startsAt, locale, timeZone, 'day')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('recaps.read.noActivities')}</p>
        )}
      </section>
      {!data.steps.includes('publish') && data.withheld.length ? (
        <section className="card stack" aria-labelledby="withheld-title">
          <h2 id="withheld-title">{t('recaps.read.withheldTitle')}</h2>
          <WithheldNotice withheld={data.withheld} />
        </section>
      ) : null}
      <History data={data} />
    </aside>
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
