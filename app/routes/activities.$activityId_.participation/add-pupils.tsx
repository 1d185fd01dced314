import { getFormProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxGroup, SelectField } from '~/components/ui/field'
import { classLabel } from '~/domain/grades'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { OpenSheet } from './route'

type ClassOption = OpenSheet['classes'][number]

function useClassName(kind: OpenSheet['kind']) {
  const locale = useLocale()
  return (c: ClassOption) => classLabel(locale, kind, c)
}

/** Whole classes of the grades the activity is for. */
function AddClassForm({ data }: { data: OpenSheet }) {
  const { t } = useTranslation()
  const nameOf = useClassName(data.kind)
  // The server checks the choice against the school; the browser only needs one made.
  const [form, fields] = useForm<{ classId: number }>({
    id: 'add-class',
    lastResult: useFormReply('add-class'),
  })
  return (
    <Form method="post" className="inline-form" preventScrollReset {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-class" />
      <SelectField meta={fields.classId} label={t('participation.add.wholeClass')}>
        <option value="">{t('participation.add.chooseClass')}</option>
        {data.wholeClasses.map((c) => (
          <option key={c.id} value={c.id}>
            {nameOf(c)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button-secondary">
        {t('participation.add.addClass')}
      </button>
    </Form>
  )
}

/** Pupils of the class chosen with ?addFrom, not on the sheet yet. */
function PickPupilsForm({ data, picker }: { data: OpenSheet; picker: NonNullable<OpenSheet['picker']> }) {
  const { t } = useTranslation()
  const nameOf = useClassName(data.kind)
  const navigation = useNavigation()
  const chosenClass = data.classes.find((c) => c.id === picker.classId)
  const [form, fields] = useForm<{ studentIds: number[] }>({
    id: 'add-pupils',
    lastResult: useFormReply('add-pupils'),
  })
  const adding = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add-pupils'
  if (picker.pupils.length === 0) return <p className="muted">{t('participation.add.allOnSheet')}</p>
  return (
    <Form method="post" className="stack" preventScrollReset {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-pupils" />
      <CheckboxGroup
        meta={fields.studentIds}
        legend={t('participation.add.pupilsOf', { class: chosenClass ? nameOf(chosenClass) : '' })}
        options={picker.pupils.map((pupil) => ({ value: String(pupil.id), label: pupil.name }))}
      />
      <div>
        <button type="submit" className="button" disabled={adding}>
          {t('participation.add.addPupils')}
        </button>
      </div>
    </Form>
  )
}

export function AddPupils({ data }: { data: OpenSheet }) {
  const { t } = useTranslation()
  const nameOf = useClassName(data.kind)
  if (data.classes.length === 0) return null
  return (
    <section id="add-others" className="card stack" aria-labelledby="add-title">
      <h2 id="add-title">{t('participation.add.title')}</h2>
      <p className="muted">{t('participation.add.lead')}</p>
      {data.wholeClasses.length ? <AddClassForm data={data} /> : null}
      {/* A plain GET: without JavaScript the page comes back listing the chosen class's pupils. */}
      <Form method="get" className="inline-form" preventScrollReset>
        <div className="field">
          <label htmlFor="add-from">{t('participation.add.pickClassLabel')}</label>
          <select id="add-from" name="addFrom" defaultValue={data.picker?.classId ?? ''}>
            <option value="">{t('participation.add.chooseClass')}</option>
            {data.classes.map((c) => (
              <option key={c.id} value={c.id}>
                {nameOf(c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('participation.add.showPupils')}
        </button>
      </Form>
      {data.picker ? <PickPupilsForm data={data} picker={data.picker} /> : null}
    </section>
  )
}
