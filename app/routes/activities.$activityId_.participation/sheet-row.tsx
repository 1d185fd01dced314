import { type FieldName, useField } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { describedBy, FieldErrors } from '~/components/ui/field'
import {
  ATTENDANCE_STATUSES,
  type Defaults,
  PARTICIPATION_ROLES,
  REASON_MAX,
  type SheetValues,
} from '~/domain/participation'
import type { OpenSheet } from './route'
import { type ConflictView, useDescribeEntry } from './sheet-notices'

/** One pupil's row of the sheet: who, and the inputs (or, once the window has closed, what was recorded). */

export type Row = OpenSheet['rows'][number]
export type RowValues = NonNullable<SheetValues['rows'][number]>
export const FORM_ID = 'sheet'

function Who({ row }: { row: Row }) {
  const { t } = useTranslation()
  return (
    <div className="sheet-who">
      <Link to={`/students/${row.studentId}`} className="sheet-name">
        {row.name}
      </Link>
      <span className="sheet-number">{row.studentNumber}</span>
      {row.added ? <span className="badge badge-muted">{t('participation.sheet.added')}</span> : null}
      {row.consent !== 'given' && (row.consentFlag || row.consent) ? (
        <span className={row.consentFlag ? 'badge badge-warning' : 'badge badge-muted'}>
          {row.consent ? t(`consents.statuses.${row.consent}`) : t('participation.consent.noAnswer')}
        </span>
      ) : null}
      {row.removable ? (
        <button
          type="submit"
          form="remove-pupil"
          name="studentId"
          value={row.studentId}
          className="button button-danger button-small sheet-remove"
        >
          {t('participation.sheet.remove')}
          <span className="visually-hidden"> {row.name}</span>
        </button>
      ) : null}
    </div>
  )
}

export const RowInputs = memo(function RowInputs({
  row,
  name: fieldName,
  defaults,
  planning,
  conflict,
}: {
  row: Row
  name: FieldName<RowValues, SheetValues>
  defaults: Defaults
  /** Before the start: the role only, as planned */
  planning: boolean
  conflict: ConflictView | undefined
}) {
  const { t } = useTranslation()
  const describe = useDescribeEntry()
  const [meta] = useField<RowValues, SheetValues>(fieldName, { formId: FORM_ID })
  const f = meta.getFieldset()
  const invalid = Boolean(f.status.errors || f.hours.errors || f.reason.errors || f.role.errors)
  const className = ['sheet-row', invalid && 'sheet-row-invalid', conflict && 'sheet-row-conflict']
    .filter(Boolean)
    .join(' ')
  const name = <span className="visually-hidden"> {row.name}</span>
  return (
    <li id={`pupil-${row.studentId}`} className={className}>
      <input type="hidden" name={f.studentId.name} value={row.studentId} />
      {/* After a conflict the form carries the revision it has now been shown, so saving again is deliberate. */}
      <input
        type="hidden"
        name={f.revision.name}
        value={conflict ? conflict.revision : (f.revision.initialValue ?? 0)}
      />
      <Who row={row} />
      {planning ? null : (
        <>
          <fieldset className="segmented" aria-describedby={f.status.errors ? f.status.errorId : undefined}>
            <legend className="visually-hidden">
              {t('participation.sheet.statusOf', { name: row.name })}
            </legend>
            {ATTENDANCE_STATUSES.map((status) => (
              <label key={status} className={`segment segment-${status}`}>
                <input
                  type="radio"
                  name={f.status.name}
                  value={status}
                  defaultChecked={f.status.initialValue === status}
                  key={`${f.status.key ?? ''}-${status}`}
                  aria-invalid={f.status.errors ? true : undefined}
                />
                <span>{t(`participation.statuses.${status}`)}</span>
              </label>
            ))}
          </fieldset>
          <FieldErrors id={f.status.errorId} errors={f.status.errors} />
        </>
      )}
      <div className="sheet-details">
        <div className="sheet-field">
          <label htmlFor={f.role.id}>
            {t('participation.sheet.role')}
            {name}
          </label>
          <select
            id={f.role.id}
            name={f.role.name}
            defaultValue={f.role.initialValue ?? defaults.role}
            key={f.role.key}
            aria-invalid={f.role.errors ? true : undefined}
            aria-describedby={f.role.errors ? f.role.errorId : undefined}
          >
            {PARTICIPATION_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`participation.roles.${role}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={f.role.errorId} errors={f.role.errors} />
        </div>
        {planning ? null : (
          <>
            <div className="sheet-field sheet-hours">
              <label htmlFor={f.hours.id}>
                {t('participation.sheet.hours')}
                {name}
              </label>
              <input
                id={f.hours.id}
                name={f.hours.name}
                defaultValue={f.hours.initialValue ?? ''}
                key={f.hours.key}
                inputMode="decimal"
                autoComplete="off"
                placeholder={defaults.hours === null ? undefined : String(defaults.hours)}
                aria-invalid={f.hours.errors ? true : undefined}
                aria-describedby={describedBy(f.hours.errors && f.hours.errorId)}
              />
              <FieldErrors id={f.hours.errorId} errors={f.hours.errors} />
            </div>
            <div className="sheet-field sheet-reason">
              <label htmlFor={f.reason.id}>
                {t('participation.sheet.reason')}
                {name}
              </label>
              <input
                id={f.reason.id}
                name={f.reason.name}
                defaultValue={f.reason.initialValue ?? ''}
                key={f.reason.key}
                maxLength={REASON_MAX}
                autoComplete="off"
                aria-invalid={f.reason.errors ? true : undefined}
                aria-describedby={describedBy(f.reason.errors && f.reason.errorId)}
              />
              <FieldErrors id={f.reason.errorId} errors={f.reason.errors} />
            </div>
          </>
        )}
      </div>
      {conflict?.stored ? (
        <p className="sheet-conflict">
          {t('participation.conflict.theirs', { values: describe(conflict.stored) })}
        </p>
      ) : null}
    </li>
  )
})

/** A row to read, not to edit: locked after its notice period, or added since the form was filled. */
export function ReadOnlyRow({ row }: { row: Row }) {
  const { t } = useTranslation()
  const describe = useDescribeEntry()
  return (
    <li id={`pupil-${row.studentId}`} className="sheet-row sheet-row-readonly">
      <Who row={row} />
      <p className="sheet-readonly">
        {row.entry ? describe(row.entry) : t('participation.statuses.unmarked')}{' '}
        {row.locked ? (
          <span className="badge badge-muted" title={t('participation.sheet.lockedHint')}>
            {t('participation.sheet.locked')}
          </span>
        ) : (
          <span className="muted small">{t('participation.sheet.newSince')}</span>
        )}
      </p>
    </li>
  )
}
