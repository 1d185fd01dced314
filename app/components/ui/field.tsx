import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
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

/** The ids an input points to with aria-describedby: its hint and, when shown, its errors. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined
}

/** The messages of a list field and of its items (a forged id fails on the item). */
export function listErrors(meta: FieldMetadata<unknown>): string[] | undefined {
  const all = [...new Set(Object.values(meta.allErrors).flat())]
  return all.length ? all : undefined
}

/** The values a list field starts with, as the strings the checkboxes carry. */
export function listValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined && v !== null).map(String)
  return value === undefined || value === null ? [] : [String(value)]
}

function Hint({ id, hint }: { id?: string; hint?: string }) {
  if (!hint) return null
  return (
    <p id={id} className="field-hint">
      {hint}
    </p>
  )
}

type InputType = 'text' | 'password' | 'date' | 'datetime-local' | 'number' | 'email' | 'search'

export function TextField({
  meta,
  label,
  type = 'text',
  hint,
  autoComplete,
  required,
  min,
  max,
  step,
  inputMode,
}: {
  meta: FieldMetadata<string | number | undefined>
  label: string
  type?: InputType
  hint?: string
  autoComplete?: string
  required?: boolean
  min?: number
  max?: number
  step?: number
  inputMode?: 'decimal' | 'numeric'
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <input
        {...getInputProps(meta, { type, ariaAttributes: false })}
        key={meta.key}
        autoComplete={autoComplete}
        required={required}
        min={min}
        max={max}
        step={step}
        inputMode={inputMode}
        aria-invalid={meta.errors ? true : undefined}
        aria-describedby={describedBy(hintId, meta.errors && meta.errorId)}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function TextareaField({
  meta,
  label,
  hint,
  rows = 3,
}: {
  meta: FieldMetadata<string | undefined>
  label: string
  hint?: string
  rows?: number
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea
        {...getTextareaProps(meta, { ariaAttributes: false })}
        key={meta.key}
        rows={rows}
        aria-invalid={meta.errors ? true : undefined}
        aria-describedby={describedBy(hintId, meta.errors && meta.errorId)}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** One checkbox for a yes/no field, its label beside it. */
export function CheckboxField({
  meta,
  label,
  hint,
}: {
  meta: FieldMetadata<boolean | undefined>
  label: string
  hint?: string
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  return (
    <div className="field">
      <label className="check" htmlFor={meta.id}>
        <input
          {...getInputProps(meta, { type: 'checkbox', ariaAttributes: false })}
          key={meta.key}
          aria-invalid={meta.errors ? true : undefined}
          aria-describedby={describedBy(hintId, meta.errors && meta.errorId)}
        />
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** A list field as a group of checkboxes under a legend; `empty` is said when there is nothing to tick. */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  empty,
}: {
  meta: FieldMetadata<unknown>
  legend: string
  hint?: string
  options: { value: string; label: string }[]
  empty?: string
}) {
  const chosen = new Set(listValues(meta.initialValue))
  const errors = listErrors(meta)
  const hintId = hint ? `${meta.id}-hint` : undefined
  return (
    <fieldset className="choice-group stack" aria-describedby={describedBy(hintId, errors && meta.errorId)}>
      <legend>{legend}</legend>
      <Hint id={hintId} hint={hint} />
      {options.length ? (
        <div className="choices">
          {options.map((option) => (
            <label key={option.value} className="check">
              <input
                type="checkbox"
                name={meta.name}
                value={option.value}
                defaultChecked={chosen.has(option.value)}
                key={`${meta.key ?? ''}-${option.value}`}
              />
              {option.label}
            </label>
          ))}
        </div>
      ) : (
        <p className="muted">{empty}</p>
      )}
      <FieldErrors id={meta.errorId} errors={errors} />
    </fieldset>
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
