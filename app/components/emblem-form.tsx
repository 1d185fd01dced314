import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Icon } from './icon'
import { SchoolEmblem } from './school-emblem'
import { describedBy, FieldErrors } from './ui/field'

/**
 * The emblem's card of the school settings: the emblem as shown, an upload and a way back to the
 * generated seal. Both forms post to /school/emblem, which answers a refusal on its own page.
 */
export function EmblemForm({
  school,
  src,
  uploaded,
  error,
}: {
  school: { name: string }
  src: string
  uploaded: boolean
  error?: string | null
}) {
  const { t } = useTranslation()
  const errorId = 'emblem-file-error'
  return (
    <div className="emblem-settings">
      <SchoolEmblem src={src} schoolName={school.name} size={96} />
      <div className="stack">
        <p className="muted small">{t('identity.emblem.lead')}</p>
        <p>{uploaded ? t('identity.emblem.uploaded') : t('identity.emblem.generated')}</p>
        <Form method="post" action="/school/emblem" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="emblem-file">{t('identity.emblem.file')}</label>
            <p id="emblem-file-hint" className="field-hint">
              {t('identity.emblem.fileHint')}
            </p>
            <input
              id="emblem-file"
              name="photo"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy('emblem-file-hint', error ? errorId : undefined)}
            />
            <FieldErrors id={errorId} errors={error ? [error] : undefined} />
          </div>
          <div>
            <button type="submit" className="button">
              <Icon name="upload" /> {t('identity.emblem.upload')}
            </button>
          </div>
        </Form>
        {uploaded ? (
          <Form method="post" action="/school/emblem">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button-secondary">
              {t('identity.emblem.remove')}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  )
}
