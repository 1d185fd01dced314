import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '~/utils/translate'

export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{translateMessage(t, error)}</li>
      ))}
    </ul>
  )
}

type InputType = 'text' | 'password' | 'date' | 'number' | 'email' | 'search'

export function TextField({
  meta,
  label,
  type = 'text',
  hint,
  autoComplete,
  required,
}: {
  meta: FieldMetadata<string | number | undefined>
  label: string
  type?: InputType
  hint?: string
  autoComplete?: string
  required?: boolean
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  const describedBy = [hintId, meta.errors ? meta.errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        {...getInputProps(meta, { type, ariaAttributes: false })}
        key={meta.key}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={meta.errors ? true : undefined}
        aria-describedby={describedBy}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function SelectField({
  meta,
  label,
  children,
}: {
  meta: FieldMetadata<string | number | undefined>
  label: string
  children: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select
        {...getSelectProps(meta, { ariaAttributes: false })}
        key={meta.key}
        aria-invalid={meta.errors ? true : undefined}
        aria-describedby={meta.errors ? meta.errorId : undefined}
      >
        {children}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** Messages about the whole form (wrong credentials, throttling), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div id={id} className="alert alert-error" role="alert">
      {errors.map((error) => (
        <p key={error}>{translateMessage(t, error)}</p>
      ))}
    </div>
  )
}
