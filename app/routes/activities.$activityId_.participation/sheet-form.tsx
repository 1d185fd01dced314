import { type FieldName, FormProvider, getFormProps, useFormMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { type ReactNode, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { classLabel } from '~/domain/grades'
import {
  countStatuses,
  type Defaults,
  SheetSchema,
  type SheetValues,
  type StatusCounts,
} from '~/domain/participation'
import { translateMessage } from '~/utils/translate'
import { useForm } from '~/utils/use-form'
import { useHydrated } from '~/utils/use-hydrated'
import { useLocale } from '~/utils/use-locale'
import type { AttendanceStatus, ParticipationRole } from '../../../db/schema'
import type { OpenSheet } from './route'
import { SaveRefusal, type SheetReply, useDescribeEntry } from './sheet-notices'
import { FORM_ID, ReadOnlyRow, type Row, RowInputs, type RowValues } from './sheet-row'

/** A row's starting values, as the strings the inputs carry. */
function rowInput(row: Row, defaults: Defaults) {
  return {
    studentId: String(row.studentId),
    revision: String(row.entry?.revision ?? 0),
    status: row.entry?.status ?? undefined,
    role: row.entry?.role ?? defaults.role,
    hours: row.entry?.hours === null || row.entry?.hours === undefined ? '' : String(row.entry.hours),
    reason: row.entry?.excuseReason ?? '',
  }
}

/** Consecutive rows of one class: the sheet is sorted by class. */
function byClass(rows: readonly Row[]): Row[][] {
  const groups: Row[][] = []
  for (const row of rows) {
    const last = groups.at(-1)
    if (last?.[0]?.classId === row.classId) last.push(row)
    else groups.push([row])
  }
  return groups
}

/** What a refused save posted for a pupil: "yours", beside another teacher's stored values. */
function postedRow(
  reply: SheetReply,
  studentId: number,
): Partial<Record<keyof RowValues, string>> | undefined {
  const rows = (reply.result.initialValue as { rows?: unknown } | null | undefined)?.rows
  if (!Array.isArray(rows)) return undefined
  return rows.find((row) => row && String(row.studentId) === String(studentId))
}

/**
 * The sheet's counts, one source for the tallies at the top and the save bar: with JavaScript they
 * follow every tap (`live`); without it, or before hydration, they are the saved ones.
 */
function useSheetCounts(
  saved: StatusCounts,
  fixedStatuses: readonly (AttendanceStatus | null | undefined)[],
): { counts: StatusCounts; live: boolean } {
  const live = useHydrated()
  // Subscribes the caller to every tap of the form's values.
  const form = useFormMetadata<SheetValues>(FORM_ID)
  if (!live) return { counts: saved, live }
  const posted = (form.value?.rows ?? []) as ({ status?: AttendanceStatus } | undefined)[]
  return {
    counts: countStatuses([...posted.filter(Boolean).map((row) => row?.status), ...fixedStatuses]),
    live,
  }
}

export function SheetForm({ data, children }: { data: OpenSheet; children?: ReactNode }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const describe = useDescribeEntry()
  const reply = useActionData() as SheetReply | undefined
  const mine = reply?.form === FORM_ID ? reply : undefined
  const { defaults } = data.activity
  const [form, fields] = useForm<SheetValues>({
    id: FORM_ID,
    lastResult: mine?.result,
    // Locked rows are shown, not posted.
    defaultValue: { rows: data.rows.filter((row) => !row.locked).map((row) => rowInput(row, defaults)) },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SheetSchema }),
  })
  // The rows the form holds, by pupil: after a refused save, the ones that were posted. Each row
  // subscribes to its own fields (RowInputs), so a tap re-renders one row, not the whole sheet.
  const nameOf = new Map<number, FieldName<RowValues, SheetValues>>()
  const rowErrors: { row: Row; message: string; key: string }[] = []
  const byStudent = new Map(data.rows.map((row) => [row.studentId, row]))
  for (const item of fields.rows.getFieldList()) {
    const fieldset = item.getFieldset()
    const row = byStudent.get(Number(fieldset.studentId.initialValue))
    if (!row) continue
    nameOf.set(row.studentId, item.name as FieldName<RowValues, SheetValues>)
    for (const field of [fieldset.status, fieldset.hours, fieldset.reason, fieldset.role]) {
      for (const message of field.errors ?? [])
        rowErrors.push({ row, message, key: `${field.name}-${message}` })
    }
  }
  const conflicts = new Map((mine?.conflicts ?? []).map((c) => [c.studentId, c]))
  const yours = (studentId: number) => {
    const posted = mine && postedRow(mine, studentId)
    if (!posted) return null
    const hours = Number.parseFloat(posted.hours ?? '')
    const status = (posted.status as AttendanceStatus | undefined) ?? null
    return describe({
      status,
      role: (posted.role as ParticipationRole | undefined) ?? defaults.role,
      hours: Number.isNaN(hours) ? defaults.hours : hours,
      excuseReason: posted.reason ?? '',
    })
  }
  // Rows shown but not in the form count as stored.
  const fixedStatuses = data.rows.filter((row) => !nameOf.has(row.studentId)).map((row) => row.entry?.status)

  return (
    <FormProvider context={form.context}>
      {data.planning ? null : <SheetTallies saved={data.counts} fixedStatuses={fixedStatuses} />}
      {data.rows.length ? (
        <p>
          {/* Forty pupils are a hundred and more Tab stops, the consent flags more: one to the save bar instead. */}
          <a href="#sheet-bar" className="sheet-skip">
            {t('participation.sheet.skipToSave')}
          </a>
        </p>
      ) : null}
      {children}
      <section className="participation-sheet" aria-labelledby="sheet-title">
        <h2 id="sheet-title">{t('participation.sheet.title')}</h2>
        {data.rows.length ? (
          data.planning ? (
            <p className="muted">{t('participation.planning.lead')}</p>
          ) : (
            <SheetLead saved={data.counts} fixedStatuses={fixedStatuses} />
          )
        ) : (
          <p className="muted">{t('participation.sheet.empty')}</p>
        )}
        {mine ? <SaveRefusal reply={mine} yours={yours} timeZone={data.timeZone} /> : null}
        {rowErrors.length ? (
          <div className="alert alert-error" role="alert">
            <p>{t('participation.sheet.errors', { count: rowErrors.length })}</p>
            <ul className="participation-names">
              {rowErrors.map(({ row, message, key }) => (
                <li key={key}>
                  <a href={`#pupil-${row.studentId}`}>
                    {t('participation.sheet.errorAt', {
                      name: row.name,
                      message: translateMessage(t, message),
                    })}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" className="sheet-form" {...getFormProps(form)}>
          {byClass(data.rows).map((group) => {
            const first = group[0] as Row
            const label = classLabel(locale, data.kind, {
              gradeLevel: first.gradeLevel,
              number: first.classNumber,
              name: first.className,
            })
            return (
              <section key={first.classId} aria-labelledby={`class-${first.classId}`}>
                <h3 id={`class-${first.classId}`} className="sheet-class">
                  {label}{' '}
                  <span className="muted small">
                    {t('participation.sheet.classCount', { count: group.length })}
                  </span>
                </h3>
                <ul className="sheet-rows">
                  {group.map((row) => {
                    const name = nameOf.get(row.studentId)
                    return name && !row.locked ? (
                      <RowInputs
                        key={row.studentId}
                        row={row}
                        name={name}
                        defaults={defaults}
                        planning={data.planning}
                        conflict={conflicts.get(row.studentId)}
                      />
                    ) : (
                      <ReadOnlyRow key={row.studentId} row={row} />
                    )
                  })}
                </ul>
              </section>
            )
          })}
          <SheetBar
            hasRows={data.rows.length > 0}
            saved={data.counts}
            fixedStatuses={fixedStatuses}
            planning={data.planning}
          />
        </Form>
        {/* Rows' remove buttons belong to this form (form="remove-pupil"): forms cannot nest. */}
        <Form id="remove-pupil" method="post" preventScrollReset>
          <input type="hidden" name="intent" value="remove" />
        </Form>
      </section>
    </FormProvider>
  )
}

type CountsProps = {
  saved: StatusCounts
  fixedStatuses: readonly (AttendanceStatus | null | undefined)[]
}

/** The tallies above the sheet: the same counts as the save bar, saved or live, and says which. */
function SheetTallies({ saved, fixedStatuses }: CountsProps) {
  const { t } = useTranslation()
  const { counts, live } = useSheetCounts(saved, fixedStatuses)
  return (
    <section aria-labelledby="tallies-title">
      <h2 id="tallies-title" className="visually-hidden">
        {t(live ? 'participation.header.live' : 'participation.header.saved')}
      </h2>
      <dl className="stats participation-stats">
        {(['attended', 'absent', 'excused', 'unmarked'] as const).map((status) => (
          <div key={status}>
            <dt>{t(`participation.statuses.${status}`)}</dt>
            <dd>{counts[status]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        {t(live ? 'participation.header.liveHint' : 'participation.header.savedHint')}
      </p>
    </section>
  )
}

/** How to fill the sheet: "all present" is offered only while someone is unmarked, as the bar does. */
function SheetLead({ saved, fixedStatuses }: CountsProps) {
  const { t } = useTranslation()
  const { counts } = useSheetCounts(saved, fixedStatuses)
  return counts.unmarked ? (
    <>
      <p className="muted">{t('participation.sheet.lead')}</p>
      <p className="muted small">{t('participation.sheet.allPresentHint')}</p>
    </>
  ) : (
    <p className="muted">{t('participation.sheet.leadRecorded')}</p>
  )
}

/**
 * Counts as the teacher taps, and the buttons: kept at the bottom of the screen. The page keeps its
 * height as scroll padding, so a control reached with Tab scrolls clear of it (WCAG 2.4.11).
 */
function SheetBar({
  hasRows,
  saved,
  fixedStatuses,
  planning,
}: CountsProps & {
  hasRows: boolean
  planning: boolean
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const bar = useRef<HTMLDivElement>(null)
  const { counts, live } = useSheetCounts(saved, fixedStatuses)
  const intent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent')) : null
  const busy = intent === 'save' || intent === 'all-present'
  useEffect(() => {
    const element = bar.current
    if (!element) return
    const root = document.documentElement
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--sheet-bar-height', `${Math.ceil(element.getBoundingClientRect().height)}px`),
    )
    observer.observe(element)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--sheet-bar-height')
    }
  }, [])
  if (planning) {
    // Roles only: nothing here can mark a pupil present before the day.
    return hasRows ? (
      <div className="sheet-bar" id="sheet-bar" tabIndex={-1} ref={bar}>
        <div className="sheet-bar-actions">
          <button type="submit" name="intent" value="save" className="button" disabled={busy}>
            {busy ? t('participation.sheet.saving') : t('participation.planning.save')}
          </button>
          <p className="sheet-enter-hint">{t('participation.sheet.enterSaves')}</p>
        </div>
      </div>
    ) : null
  }
  return (
    <div className="sheet-bar" id="sheet-bar" tabIndex={-1} ref={bar}>
      <p className="sheet-counts" aria-live="polite">
        {t(live ? 'participation.sheet.counts' : 'participation.sheet.savedCounts', counts)}
      </p>
      {hasRows ? (
        <div className="sheet-bar-actions">
          {/* First in the form, so Enter in a field saves rather than marking everyone present. */}
          <button type="submit" name="intent" value="save" className="button" disabled={busy}>
            {intent === 'save' ? t('participation.sheet.saving') : t('participation.sheet.save')}
          </button>
          {counts.unmarked ? (
            <button
              type="submit"
              name="intent"
              value="all-present"
              className="button button-secondary"
              disabled={busy}
            >
              {t('participation.sheet.allPresent')}
            </button>
          ) : null}
          <p className="sheet-enter-hint">{t('participation.sheet.enterSaves')}</p>
        </div>
      ) : null}
    </div>
  )
}
