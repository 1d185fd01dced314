import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { describedBy, FieldErrors, listErrors, listValues } from '~/components/ui/field'
import { classLabel, type SchoolKind } from '~/domain/grades'
import { useLocale } from '~/utils/use-locale'

import type { PupilOption } from './recap-photos'

/** Which pupils a photo shows: their parents' consent decides where it may appear. */
export function PupilPicker({
  meta,
  pupils,
  kind,
}: {
  meta: FieldMetadata<unknown>
  pupils: PupilOption[]
  kind: SchoolKind
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const chosen = new Set(listValues(meta.initialValue))
  const errors = listErrors(meta)
  const hintId = `${meta.id}-hint`
  const classes: { id: number; label: string; pupils: PupilOption[] }[] = []
  for (const pupil of pupils) {
    let group = classes.find((c) => c.id === pupil.classId)
    if (!group) {
      group = {
        id: pupil.classId,
        label: classLabel(locale, kind, {
          gradeLevel: pupil.gradeLevel,
          number: pupil.classNumber,
          name: pupil.className,
        }),
        pupils: [],
      }
      classes.push(group)
    }
    group.pupils.push(pupil)
  }
  return (
    <fieldset className="choice-group stack" aria-describedby={describedBy(hintId, errors && meta.errorId)}>
      <legend>{t('recaps.photos.pupils')}</legend>
      <p id={hintId} className="field-hint">
        {t('recaps.photos.pupilsHint')}
      </p>
      {classes.length ? (
        classes.map((group) => {
          const ticked = group.pupils.filter((p) => chosen.has(String(p.id))).length
          return (
            <details key={group.id} className="recap-group" open={ticked > 0}>
              <summary>
                {t('recaps.photos.classGroup', { name: group.label, count: group.pupils.length })}
              </summary>
              <div className="choices recap-group-body">
                {group.pupils.map((pupil) => (
                  <label key={`${meta.key ?? ''}-${pupil.id}`} className="check">
                    <input
                      type="checkbox"
                      name={meta.name}
                      value={pupil.id}
                      defaultChecked={chosen.has(String(pupil.id))}
                    />
                    {pupil.name}
                  </label>
                ))}
              </div>
            </details>
          )
        })
      ) : (
        <p className="muted">{t('recaps.photos.noPupils')}</p>
      )}
      <FieldErrors id={meta.errorId} errors={errors} />
    </fieldset>
  )
}
