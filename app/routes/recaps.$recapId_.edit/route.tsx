import { getFormProps, getTextareaProps } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RecapFields } from '~/components/recap-form'
import { RecapStatusBadge } from '~/components/recap-labels'
import { describedBy, FieldErrors, FormErrors } from '~/components/ui/field'
import { YearSwitch } from '~/components/year-switch'
import { MAX_PHOTOS_PER_RECAP, withholdingReaders } from '~/domain/recap-lifecycle'
import { photoWithheldReason } from '~/domain/recap-privacy'
import { RECAP_BODY_MAX, type recapSchema } from '~/domain/recap-schemas'
import { parseId } from '~/domain/schemas'
import { listRecapPhotos } from '~/models/photos.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { readPhotoUpload } from '~/utils/photo-upload.server'
import { loadRecapFormOptions } from '~/utils/recap-form.server'
import { useForm } from '~/utils/use-form'
import {
  addPhoto,
  arrangePhoto,
  editPhoto,
  previewRecap,
  pupilChoicesOf,
  type RecapFormReply,
  redraftRecap,
  removePhoto,
  requireEditableRecap,
  saveRecap,
} from './edit.server'
import { AddPhotoForm, type EditablePhoto, PhotoEditor, PhotoList } from './recap-photos'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:write' })
  const recap = await requireEditableRecap(user, params.recapId)
  const { schoolId } = user
  const search = new URL(request.url).searchParams
  const [options, photos, pupils] = await Promise.all([
    loadRecapFormOptions(user, { askedYearId: parseId(search.get('year')), recap }),
    listRecapPhotos(db, { schoolId, recapIds: [recap.id] }),
    pupilChoicesOf(user, recap),
  ])
  const readers = withholdingReaders(recap.audience)
  const editable: EditablePhoto[] = photos.map((photo) => ({
    id: photo.id,
    caption: photo.caption,
    width: photo.width,
    height: photo.height,
    showsPupils: photo.showsPupils,
    pupils: photo.pupils.map(({ id, name }) => ({ id, name })),
    isCover: photo.id === recap.coverPhotoId,
    withheld: readers.flatMap((where) => {
      const reason = photoWithheldReason(photo, where)
      return reason ? [{ where, reason }] : []
    }),
  }))
  const editingId = parseId(search.get('photo'))
  return {
    recap: {
      id: recap.id,
      title: recap.title,
      body: recap.body,
      status: recap.status,
      audience: recap.audience,
      seasonId: recap.seasonId,
      activityIds: recap.activityIds,
      gradeIds: recap.gradeIds,
      classIds: recap.classIds,
      updatedAt: recap.updatedAt,
    },
    options,
    photos: editable,
    editing: editable.find((photo) => photo.id === editingId) ?? null,
    pupils,
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:write' })
  const recap = await requireEditableRecap(user, params.recapId)
  // Every form of the page is read here; only the photo form is multipart and carries a file.
  const upload = await readPhotoUpload(request)
  const { formData } = upload
  switch (formData.get('intent')) {
    case 'save':
      return saveRecap(user, recap, formData)
    case 'preview':
      return previewRecap(formData)
    case 'redraft':
      return redraftRecap(user, recap, request, formData)
    case 'add-photo':
      return addPhoto(user, recap, upload)
    case 'update-photo':
      return editPhoto(user, recap, formData)
    case 'delete-photo':
      return removePhoto(user, recap, formData)
    case 'move-photo':
    case 'set-cover':
      return arrangePhoto(user, recap, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function RecapEditForm({ data, reply }: { data: LoaderData; reply: RecapFormReply | undefined }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const { recap, options, kind, timeZone } = data
  const [form, fields] = useForm<output<ReturnType<typeof recapSchema>>>({
    id: 'recap',
    lastResult: reply?.form === 'recap' ? reply.result : undefined,
    defaultValue: {
      title: recap.title,
      body: recap.body,
      seasonId: recap.seasonId ?? undefined,
      activityIds: recap.activityIds.map(String),
      audience: recap.audience,
      gradeIds: recap.gradeIds.map(String),
      classIds: recap.classIds.map(String),
    },
  })
  const pending = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const body = fields.body
  const bodyHintId = `${body.id}-hint`
  return (
    <Form
      method="post"
      action={`/recaps/${recap.id}/edit`}
      className="card stack recap-form"
      {...getFormProps(form)}
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <RecapFields fields={fields} options={options} kind={kind} timeZone={timeZone}>
        <div className="field">
          <label htmlFor={body.id}>{t('recaps.edit.body')}</label>
          <p id={bodyHintId} className="field-hint">
            {t('recaps.edit.bodyHint', { max: RECAP_BODY_MAX })}
          </p>
          <textarea
            {...getTextareaProps(body, { ariaAttributes: false })}
            key={body.key}
            rows={18}
            className="recap-body-input"
            aria-invalid={body.errors ? true : undefined}
            aria-describedby={describedBy(bodyHintId, body.errors && body.errorId)}
          />
          <FieldErrors id={body.errorId} errors={body.errors} />
        </div>
        <div className="link-row">
          <button type="submit" name="intent" value="preview" className="button button-secondary">
            {t('recaps.edit.preview')}
          </button>
          <button type="submit" name="intent" value="redraft" className="button button-secondary">
            {t('recaps.edit.redraft')}
          </button>
        </div>
        <p className="muted small">{t('recaps.edit.draftHint')}</p>
      </RecapFields>
      <div>
        <button type="submit" name="intent" value="save" className="button" disabled={pending === 'save'}>
          {pending === 'save' ? t('recaps.edit.saving') : t('recaps.edit.save')}
        </button>
      </div>
    </Form>
  )
}

function Preview({ html }: { html: string }) {
  const { t } = useTranslation()
  return (
    <section className="card stack" aria-labelledby="preview-title" id="preview">
      <h2 id="preview-title">{t('recaps.edit.previewTitle')}</h2>
      <p className="muted small">{t('recaps.edit.previewNote')}</p>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: safe HTML from renderMarkdown */}
      <div className="recap-body recap-preview" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  )
}

export default function EditRecapPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as RecapFormReply | undefined
  const { recap, photos, editing, pupils, kind, options } = data
  return (
    <>
      <p>
        <Link to={`/recaps/${recap.id}`}>{t('recaps.edit.back')}</Link>
      </p>
      <PageHeader
        title={t('recaps.edit.title')}
        lead={
          <span className="badge-row">
            <RecapStatusBadge status={recap.status} />
            <span>{recap.title}</span>
          </span>
        }
        actions={
          <Link to={`/recaps/${recap.id}`} className="button button-secondary">
            {t('recaps.edit.view')}
          </Link>
        }
      />
      {recap.status === 'in_review' ? (
        <p className="alert alert-info">{t('recaps.edit.inReviewNote')}</p>
      ) : null}
      <YearSwitch
        years={options.years}
        yearId={options.yearId}
        id="recap-year"
        label={t('recaps.form.year')}
        action={`/recaps/${recap.id}/edit`}
      />
      {/* Keyed by the saved version, and by a fresh draft, so the fields show what they should. */}
      <RecapEditForm key={`${recap.updatedAt}-${reply?.redrafted ?? ''}`} data={data} reply={reply} />
      {reply?.preview !== undefined ? <Preview html={reply.preview} /> : null}
      {editing ? <PhotoEditor recapId={recap.id} photo={editing} pupils={pupils} kind={kind} /> : null}
      <section id="photos" className="card stack" aria-labelledby="photos-title">
        <h2 id="photos-title">
          {t('recaps.photos.title', { count: photos.length, max: MAX_PHOTOS_PER_RECAP })}
        </h2>
        <p className="muted">
          {recap.audience === 'staff' ? t('recaps.photos.leadStaff') : t('recaps.photos.lead')}
        </p>
        <PhotoList recapId={recap.id} photos={photos} audienceIsStaff={recap.audience === 'staff'} />
        <AddPhotoForm
          key={photos.length}
          recapId={recap.id}
          pupils={pupils}
          kind={kind}
          count={photos.length}
        />
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, 'recaps.edit.pageTitle', { title: data.recap.title })
    : pageTitle(matches, 'recaps.edit.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
