import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { SerializeFrom } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { SelectField, TextField } from '~/components/ui/field'
import { gradeLabel, type SchoolKind } from '~/domain/grades'
import { ClassEditSchema, ClassSchema, GradeSchema, SchoolProfileSchema } from '~/domain/schemas'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { loader } from './route'

type LoaderData = SerializeFrom<typeof loader>
type ClassRow = LoaderData['classes'][number]
type Teacher = LoaderData['teachers'][number]

export function ProfileForm({ profile }: { profile: LoaderData['profile'] }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'profile',
    lastResult: useFormReply('profile'),
    defaultValue: { name: profile.name, district: profile.district },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SchoolProfileSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="profile" />
      <TextField meta={fields.name} label={t('school.profile.name')} autoComplete="organization" />
      <TextField meta={fields.district} label={t('school.profile.district')} />
      <div>
        <button type="submit" className="button">
          {t('school.profile.save')}
        </button>
      </div>
    </Form>
  )
}

export function GradeNameForm({
  grade,
  label,
}: {
  grade: { id: number; level: number; name: string }
  label: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `rename-grade-${grade.id}`,
    lastResult: useFormReply(`rename-grade-${grade.id}`),
    defaultValue: { name: grade.name },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GradeSchema }),
  })
  return (
    <Form method="post" className="inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="rename-grade" />
      <input type="hidden" name="gradeId" value={grade.id} />
      <TextField meta={fields.name} label={t('school.grades.nameLabel', { level: grade.level })} />
      <button type="submit" className="button button-secondary">
        {t('school.grades.rename')}
        <span className="visually-hidden"> {label}</span>
      </button>
    </Form>
  )
}

function TeacherOptions({
  teachers,
  current,
}: {
  teachers: Teacher[]
  current?: { id: number; name: string }
}) {
  const { t } = useTranslation()
  // A deactivated head teacher is not in the list but stays selectable for the class they head.
  const extra = current && !teachers.some((teacher) => teacher.id === current.id) ? current : null
  return (
    <>
      <option value="">{t('school.classes.noHeadTeacher')}</option>
      {teachers.map((teacher) => (
        <option key={teacher.id} value={teacher.id}>
          {teacher.label}
        </option>
      ))}
      {extra ? <option value={extra.id}>{extra.name}</option> : null}
    </>
  )
}

export function AddClassForm({
  grades,
  teachers,
  kind,
}: Pick<LoaderData, 'grades' | 'teachers'> & { kind: SchoolKind }) {
  const { t } = useTranslation()
  const locale = useLocale()
  // Typed by the parsed values: zod's coerce leaves the input type unknown.
  const [form, fields] = useForm<output<typeof ClassSchema>>({
    id: 'add-class',
    lastResult: useFormReply('add-class'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClassSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-class" />
      <div className="form-grid">
        <SelectField meta={fields.gradeId} label={t('school.classes.grade')}>
          <option value="">{t('school.classes.chooseGrade')}</option>
          {grades.map((grade) => (
            <option key={grade.id} value={grade.id}>
              {gradeLabel(locale, kind, grade)}
            </option>
          ))}
        </SelectField>
        <TextField meta={fields.number} label={t('school.classes.number')} type="number" />
        <TextField meta={fields.name} label={t('school.classes.name')} hint={t('school.classes.nameHint')} />
        <SelectField meta={fields.headTeacherId} label={t('school.classes.headTeacher')}>
          <TeacherOptions teachers={teachers} />
        </SelectField>
      </div>
      <div>
        <button type="submit" className="button">
          {t('school.classes.add')}
        </button>
      </div>
    </Form>
  )
}

export function EditClassForm({
  schoolClass,
  teachers,
  title,
}: {
  schoolClass: ClassRow
  teachers: Teacher[]
  title: string
}) {
  const { t } = useTranslation()
  const formId = `edit-class-${schoolClass.id}`
  const [form, fields] = useForm<output<typeof ClassEditSchema>>({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: {
      number: String(schoolClass.number),
      name: schoolClass.name,
      headTeacherId: schoolClass.headTeacherId ? String(schoolClass.headTeacherId) : '',
    },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClassEditSchema }),
  })
  const current =
    schoolClass.headTeacherId && schoolClass.headTeacherName
      ? { id: schoolClass.headTeacherId, name: schoolClass.headTeacherName }
      : undefined
  return (
    <section id="edit-class" className="card stack" aria-labelledby="edit-class-title">
      <h3 id="edit-class-title">{title}</h3>
      <Form
        method="post"
        action={`/school?editClass=${schoolClass.id}`}
        className="stack"
        {...getFormProps(form)}
      >
        <input type="hidden" name="intent" value="edit-class" />
        <input type="hidden" name="classId" value={schoolClass.id} />
        <div className="form-grid">
          <TextField meta={fields.number} label={t('school.classes.number')} type="number" />
          <TextField
            meta={fields.name}
            label={t('school.classes.name')}
            hint={t('school.classes.nameHint')}
          />
          <SelectField meta={fields.headTeacherId} label={t('school.classes.headTeacher')}>
            <TeacherOptions teachers={teachers} current={current} />
          </SelectField>
        </div>
        <div className="inline-form">
          <button type="submit" className="button">
            {t('school.classes.save')}
          </button>
          <Link to="/school#classes" className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  )
}
