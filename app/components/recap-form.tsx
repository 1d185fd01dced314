import type { FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  describedBy,
  FieldErrors,
  listErrors,
  listValues,
  SelectField,
  TextField,
} from '~/components/ui/field'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { RECAP_AUDIENCES } from '~/domain/recap-lifecycle'
import { RECAP_TITLE_MAX } from '~/domain/recap-schemas'
import { formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

/** The options the loaders send (see utils/recap-form.server), as plain data. */
export type RecapFormOptionsData = {
  years: { id: number; name: string }[]
  yearId: number | null
  seasons: { id: number; title: string; academicYearId: number; yearName: string }[]
  activities: {
    id: number
    title: string
    startsAt: string
    seasonId: number
    seasonTitle: string
    strandId: number | null
    strandTitle: string | null
  }[]
  grades: { id: number; level: number; name: string }[]
  classes: { id: number; number: number; name: string; gradeId: number; gradeLevel: number }[]
}

type Fields = {
  title: FieldMetadata<string | undefined>
  seasonId: FieldMetadata<number | undefined>
  activityIds: FieldMetadata<unknown>
  audience: FieldMetadata<string | undefined>
  gradeIds: FieldMetadata<unknown>
  classIds: FieldMetadata<unknown>
}

type Group = {
  id: number
  title: string
  strands: { id: number | null; title: string | null; activities: RecapFormOptionsData['activities'] }[]
}

/** Activities by season (newest first, as listed) and, within a season, by strand. */
function groupActivities(activities: RecapFormOptionsData['activities']): Group[] {
  const groups: Group[] = []
  for (const activity of activities) {
    let group = groups.find((g) => g.id === activity.seasonId)
    if (!group) {
      group = { id: activity.seasonId, title: activity.seasonTitle, strands: [] }
      groups.push(group)
    }
    let strand = group.strands.find((s) => s.id === activity.strandId)
    if (!strand) {
      strand = { id: activity.strandId, title: activity.strandTitle, activities: [] }
      group.strands.push(strand)
    }
    strand.activities.push(activity)
  }
  return groups
}

function ActivityPicker({
  meta,
  options,
  timeZone,
}: {
  meta: FieldMetadata<unknown>
  options: RecapFormOptionsData
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const chosen = new Set(listValues(meta.initialValue))
  const errors = listErrors(meta)
  const hintId = `${meta.id}-hint`
  const groups = groupActivities(options.activities)
  return (
    <fieldset className="choice-group stack" aria-describedby={describedBy(hintId, errors && meta.errorId)}>
      <legend>{t('recaps.form.activities')}</legend>
      <p id={hintId} className="field-hint">
        {t('recaps.form.activitiesHint')}
      </p>
      {groups.length ? (
        groups.map((group, index) => (
          <details
            key={group.id}
            className="recap-group"
            open={
              index === 0 || group.strands.some((s) => s.activities.some((a) => chosen.has(String(a.id))))
            }
          >
            <summary>
              {t('recaps.form.seasonGroup', {
                title: group.title,
                count: group.strands.reduce((n, s) => n + s.activities.length, 0),
              })}
            </summary>
            <div className="stack recap-group-body">
              {group.strands.map((strand) => (
                <fieldset key={strand.id ?? 'none'} className="recap-strand">
                  <legend>{strand.title ?? t('recaps.form.noStrand')}</legend>
                  <div className="recap-check-list">
                    {strand.activities.map((activity) => (
                      <label key={`${meta.key ?? ''}-${activity.id}`} className="check">
                        <input
                          type="checkbox"
                          name={meta.name}
                          value={activity.id}
                          defaultChecked={chosen.has(String(activity.id))}
                        />
                        <span>
                          {activity.title}{' '}
                          <span className="muted small">
                            {formatInstant(activity.startsAt, locale, timeZone, 'day')}
                          </span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
            </div>
          </details>
        ))
      ) : (
        <p className="muted">{t('recaps.form.noActivities')}</p>
      )}
      <FieldErrors id={meta.errorId} errors={errors} />
    </fieldset>
  )
}

function TargetChecks({
  meta,
  legend,
  options,
}: {
  meta: FieldMetadata<unknown>
  legend: string
  options: { group?: string; items: { value: number; label: string }[] }[]
}) {
  const chosen = new Set(listValues(meta.initialValue))
  const errors = listErrors(meta)
  return (
    <fieldset className="recap-targets" aria-describedby={errors ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((row) => (
        <div key={row.group ?? 'all'} className="choices">
          {row.items.map((item) => (
            <label key={`${meta.key ?? ''}-${item.value}`} className="check">
              <input
                type="checkbox"
                name={meta.name}
                value={item.value}
                defaultChecked={chosen.has(String(item.value))}
              />
              {item.label}
            </label>
          ))}
        </div>
      ))}
      <FieldErrors id={meta.errorId} errors={errors} />
    </fieldset>
  )
}

function AudienceChoice({
  fields,
  options,
  kind,
}: {
  fields: Fields
  options: RecapFormOptionsData
  kind: SchoolKind
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const meta = fields.audience
  const hintId = `${meta.id}-hint`
  const gradeOptions = [
    { items: options.grades.map((g) => ({ value: g.id, label: gradeLabel(locale, kind, g) })) },
  ]
  const classOptions = options.grades
    .map((grade) => ({
      group: String(grade.id),
      items: options.classes
        .filter((c) => c.gradeId === grade.id)
        .map((c) => ({ value: c.id, label: classLabel(locale, kind, c) })),
    }))
    .filter((row) => row.items.length)
  return (
    <fieldset
      className="choice-group stack recap-audience"
      aria-describedby={describedBy(hintId, meta.errors && meta.errorId)}
    >
      <legend>{t('recaps.form.audience')}</legend>
      <p id={hintId} className="field-hint">
        {t('recaps.form.audienceHint')}
      </p>
      {RECAP_AUDIENCES.map((audience) => (
        <div key={audience} className={`recap-audience-option recap-audience-${audience}`}>
          <label className="check">
            <input
              type="radio"
              name={meta.name}
              value={audience}
              defaultChecked={meta.initialValue === audience}
              key={`${meta.key ?? ''}-${audience}`}
            />
            <span>
              {t(`recaps.audience.${audience}`)}
              <span className="muted small recap-audience-note">
                {' '}
                {t(`recaps.form.audienceNotes.${audience}`)}
              </span>
            </span>
          </label>
          {audience === 'grades' ? (
            <TargetChecks meta={fields.gradeIds} legend={t('recaps.form.grades')} options={gradeOptions} />
          ) : null}
          {audience === 'classes' ? (
            <TargetChecks meta={fields.classIds} legend={t('recaps.form.classes')} options={classOptions} />
          ) : null}
        </div>
      ))}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  )
}

/**
 * The fields a recap is created and edited with: title, then `children` (the editor's body), season,
 * linked activities, audience. Checked on the server only (the same form drafts, previews and saves).
 */
export function RecapFields({
  fields,
  options,
  kind,
  timeZone,
  titleHint,
  children,
}: {
  fields: Fields
  options: RecapFormOptionsData
  kind: SchoolKind
  timeZone: string
  titleHint?: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const years = [...new Set(options.seasons.map((s) => s.yearName))]
  return (
    <>
      <TextField
        meta={fields.title}
        label={t('recaps.form.title')}
        hint={titleHint ?? t('recaps.form.titleHint', { max: RECAP_TITLE_MAX })}
      />
      {children}
      <SelectField meta={fields.seasonId} label={t('recaps.form.season')}>
        <option value="">{t('recaps.form.noSeason')}</option>
        {years.map((year) => (
          <optgroup key={year} label={year}>
            {options.seasons
              .filter((s) => s.yearName === year)
              .map((season) => (
                <option key={season.id} value={season.id}>
                  {season.title}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
      <ActivityPicker meta={fields.activityIds} options={options} timeZone={timeZone} />
      <AudienceChoice fields={fields} options={options} kind={kind} />
    </>
  )
}
