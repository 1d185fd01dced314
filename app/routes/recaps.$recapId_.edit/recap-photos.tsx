import { type FieldMetadata, getFormProps } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RowAction } from '~/components/row-action'
import { CheckboxField, describedBy, FieldErrors, TextField } from '~/components/ui/field'
import type { SchoolKind } from '~/domain/grades'
import { MAX_PHOTOS_PER_RECAP } from '~/domain/recap-lifecycle'
import type { PhotoWithheld } from '~/domain/recap-privacy'
import { PHOTO_CAPTION_MAX, type PhotoValues } from '~/domain/recap-schemas'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { PupilPicker } from './pupil-picker'

export type PupilOption = {
  id: number
  name: string
  classId: number
  classNumber: number
  className: string
  gradeLevel: number
}

export type EditablePhoto = {
  id: number
  caption: string
  width: number
  height: number
  showsPupils: boolean
  pupils: { id: number; name: string }[]
  isCover: boolean
  withheld: { where: 'public' | 'parent'; reason: PhotoWithheld }[]
}

const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp'

type PhotoFormValues = PhotoValues & { photo: unknown }

/** The pupils a photo may name, class by class, each class folded unless a pupil in it is ticked. */
function CaptionField({ meta }: { meta: FieldMetadata<string | undefined> }) {
  const { t } = useTranslation()
  return (
    <TextField
      meta={meta}
      label={t('recaps.photos.caption')}
      hint={t('recaps.photos.captionHint', { max: PHOTO_CAPTION_MAX })}
    />
  )
}

export function AddPhotoForm({
  recapId,
  pupils,
  kind,
  count,
}: {
  recapId: number
  pupils: PupilOption[]
  kind: SchoolKind
  count: number
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<PhotoFormValues>({
    id: 'add-photo',
    lastResult: useFormReply('add-photo'),
  })
  if (count >= MAX_PHOTOS_PER_RECAP) {
    return <p className="alert alert-info">{t('recaps.photos.full', { max: MAX_PHOTOS_PER_RECAP })}</p>
  }
  const uploading = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add-photo'
  const file = fields.photo
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      action={`/recaps/${recapId}/edit`}
      className="stack subform"
      {...getFormProps(form)}
    >
      <h3>{t('recaps.photos.addTitle')}</h3>
      <input type="hidden" name="intent" value="add-photo" />
      <CaptionField meta={fields.caption} />
      <CheckboxField
        meta={fields.showsPupils}
        label={t('recaps.photos.showsPupils')}
        hint={t('recaps.photos.showsPupilsHint')}
      />
      <PupilPicker meta={fields.pupilIds} pupils={pupils} kind={kind} />
      {/* Last in the form: the upload reader takes the fields before the file. */}
      <div className="field">
        <label htmlFor={file.id}>{t('recaps.photos.file')}</label>
        <p id={`${file.id}-hint`} className="field-hint">
          {t('recaps.photos.fileHint', { limits: t('photos.limits') })}
        </p>
        <input
          id={file.id}
          name="photo"
          type="file"
          accept={PHOTO_ACCEPT}
          aria-invalid={file.errors ? true : undefined}
          aria-describedby={describedBy(`${file.id}-hint`, file.errors && file.errorId)}
        />
        <FieldErrors id={file.errorId} errors={file.errors} />
      </div>
      <div>
        <button type="submit" className="button" disabled={uploading}>
          {uploading ? t('recaps.photos.uploading') : t('recaps.photos.upload')}
        </button>
      </div>
    </Form>
  )
}

export function PhotoEditor({
  recapId,
  photo,
  pupils,
  kind,
}: {
  recapId: number
  photo: EditablePhoto
  pupils: PupilOption[]
  kind: SchoolKind
}) {
  const { t } = useTranslation()
  const formId = `photo-${photo.id}`
  const [form, fields] = useForm<PhotoFormValues>({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: {
      caption: photo.caption,
      showsPupils: photo.showsPupils,
      pupilIds: photo.pupils.map((p) => String(p.id)),
    },
  })
  return (
    <section id="photo-editor" className="card stack" aria-labelledby="photo-editor-title">
      <h2 id="photo-editor-title">{t('recaps.photos.editTitle')}</h2>
      <div className="recap-photo-editor">
        <img
          src={`/photos/${photo.id}/small`}
          alt={photo.caption}
          width={photo.width}
          height={photo.height}
        />
        <Form
          method="post"
          action={`/recaps/${recapId}/edit?photo=${photo.id}`}
          className="stack"
          {...getFormProps(form)}
        >
          <input type="hidden" name="intent" value="update-photo" />
          <input type="hidden" name="photoId" value={photo.id} />
          <CaptionField meta={fields.caption} />
          <CheckboxField
            meta={fields.showsPupils}
            label={t('recaps.photos.showsPupils')}
            hint={t('recaps.photos.showsPupilsHint')}
          />
          <PupilPicker meta={fields.pupilIds} pupils={pupils} kind={kind} />
          <div className="link-row">
            <button type="submit" className="button">
              {t('recaps.photos.save')}
            </button>
            <Link to={`/recaps/${recapId}/edit#photo-${photo.id}`} className="button button-secondary">
              {t('recaps.photos.cancel')}
            </Link>
          </div>
        </Form>
      </div>
    </section>
  )
}

/** Where and why a photo will be left out: what the author reads before submitting. */
export function WithheldNotes({ photo }: { photo: Pick<EditablePhoto, 'withheld'> }) {
  const { t } = useTranslation()
  const separator = t('common.listSeparator')
  const notes = new Set<string>()
  for (const { where, reason } of photo.withheld) {
    if (reason.reason === 'no-pupils-named') notes.add(t('photos.withheld.noPupilsNamed'))
    else {
      const params = { names: reason.pupils.join(separator), count: reason.pupils.length }
      notes.add(
        where === 'public'
          ? t('photos.withheld.consent', params)
          : t('photos.withheld.parentConsent', params),
      )
    }
  }
  if (!notes.size) return null
  return (
    <ul className="recap-withheld">
      {[...notes].map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  )
}

export function PhotoList({
  recapId,
  photos,
  audienceIsStaff,
}: {
  recapId: number
  photos: EditablePhoto[]
  audienceIsStaff: boolean
}) {
  const { t } = useTranslation()
  const separator = t('common.listSeparator')
  if (!photos.length) return <p className="muted">{t('recaps.photos.empty')}</p>
  return (
    <ol className="plain-list recap-photo-list">
      {photos.map((photo, index) => (
        <li key={photo.id} id={`photo-${photo.id}`} className="recap-photo-card">
          <img
            src={`/photos/${photo.id}/small`}
            alt={photo.caption}
            width={photo.width}
            height={photo.height}
            loading="lazy"
          />
          <div className="stack recap-photo-text">
            <p>
              <strong>{photo.caption}</strong>{' '}
              {photo.isCover ? <span className="badge">{t('recaps.photos.cover')}</span> : null}
            </p>
            <p className="muted small">
              {photo.showsPupils
                ? photo.pupils.length
                  ? t('recaps.photos.shows', { names: photo.pupils.map((p) => p.name).join(separator) })
                  : t('recaps.photos.showsUnnamed')
                : t('recaps.photos.showsNoPupils')}
            </p>
            {photo.withheld.length ? (
              <WithheldNotes photo={photo} />
            ) : (
              <p className="small recap-shown">
                {audienceIsStaff ? t('recaps.photos.staffOnly') : t('recaps.photos.shownToAll')}
              </p>
            )}
            <div className="cell-actions recap-photo-actions">
              <Link
                to={`/recaps/${recapId}/edit?photo=${photo.id}#photo-editor`}
                className="button button-secondary button-small"
              >
                {t('recaps.photos.edit')}
                <span className="visually-hidden"> {photo.caption}</span>
              </Link>
              {photo.isCover ? null : (
                <RowAction
                  intent="set-cover"
                  values={{ photoId: photo.id }}
                  label={t('recaps.photos.setCover')}
                  who={photo.caption}
                />
              )}
              {index > 0 ? (
                <RowAction
                  intent="move-photo"
                  values={{ photoId: photo.id, direction: 'up' }}
                  label={t('recaps.photos.moveUp')}
                  who={photo.caption}
                />
              ) : null}
              {index < photos.length - 1 ? (
                <RowAction
                  intent="move-photo"
                  values={{ photoId: photo.id, direction: 'down' }}
                  label={t('recaps.photos.moveDown')}
                  who={photo.caption}
                />
              ) : null}
              <RowAction
                intent="delete-photo"
                values={{ photoId: photo.id }}
                label={t('recaps.photos.delete')}
                who={photo.caption}
                danger
              />
            </div>
          </div>
        </li>
      ))}
    </ol>
  )
}
