import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { EmblemForm } from '~/components/emblem-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { GradeClasses } from '~/components/grade-classes'
import { PageHeader } from '~/components/page-header'
import { SelectField, TextField } from '~/components/ui/field'
import { classLabel, classNameZh, gradeLabel, missingGrades, type SchoolKind } from '~/domain/grades'
import { ClassEditSchema, ClassSchema, GradeSchema, parseId, SchoolProfileSchema } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import {
  getClass,
  getGrade,
  getSchoolProfile,
  insertClass,
  insertGrades,
  isClassNumberTaken,
  listClasses,
  listGrades,
  renameGrade,
  updateClass,
  updateSchoolProfile,
} from '~/models/school.server'
import { getAccount, listTeachers } from '~/models/users.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { emblemPath } from '~/utils/emblem.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const { schoolId } = user
  const [profile, grades, classes, teachers] = await Promise.all([
    getSchoolProfile(db, { schoolId }),
    listGrades(db, { schoolId }),
    listClasses(db, { schoolId }),
    listTeachers(db, { schoolId }),
  ])
  // ?editClass=… opens one class's edit form: a link, so it works without JavaScript.
  const editParam = new URL(request.url).searchParams.get('editClass')
  const editingId = editParam === null ? null : parseId(editParam)
  if (editParam !== null && !classes.some((c) => c.id === editingId)) notFound()
  const kind = profile.kind
  return {
    profile: { name: profile.name, district: profile.district, slug: profile.slug, kind },
    emblem: { src: emblemPath(profile), uploaded: profile.emblemKey !== null },
    grades,
    missing: missingGrades(
      kind,
      grades.map((g) => g.level),
    ),
    classes,
    teachers,
    editingId,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'profile':
      return saveProfile(user, formData)
    case 'create-grades':
      return createGrades(user)
    case 'rename-grade':
      return saveGradeName(user, formData)
    case 'add-class':
      return addClass(user, formData)
    case 'edit-class':
      return editClass(user, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function saveProfile(user: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: SchoolProfileSchema })
  if (submission.status !== 'success') return invalidForm('profile', submission.reply())
  const { name, district } = submission.value
  await db.transaction().execute(async (trx) => {
    await updateSchoolProfile(trx, { schoolId: user.schoolId, name, district })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'school-updated',
      entity: 'school',
      entityId: user.schoolId,
      detail: { name, district },
    })
  })
  return redirectWithFlash(user, '/school', 'school.profile.saved')
}

async function createGrades(user: SessionUser) {
  const existing = await listGrades(db, { schoolId: user.schoolId })
  const missing = missingGrades(
    user.school.kind,
    existing.map((g) => g.level),
  )
  if (missing.length === 0) return redirectWithFlash(user, '/school#grades', 'school.grades.noneMissing')
  await db.transaction().execute(async (trx) => {
    await insertGrades(trx, { schoolId: user.schoolId, grades: missing })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'grades-created',
      entity: 'school',
      entityId: user.schoolId,
      detail: { levels: missing.map((g) => g.level) },
    })
  })
  return redirectWithFlash(user, '/school#grades', 'school.grades.created')
}

async function saveGradeName(user: SessionUser, formData: FormData) {
  const gradeId = parseId(formData.get('gradeId'))
  const grade = gradeId ? await getGrade(db, { schoolId: user.schoolId, id: gradeId }) : undefined
  if (!grade) notFound()
  const submission = parseWithZod(formData, { schema: GradeSchema })
  if (submission.status !== 'success') return invalidForm(`rename-grade-${grade.id}`, submission.reply())
  const { name } = submission.value
  await db.transaction().execute(async (trx) => {
    await renameGrade(trx, { schoolId: user.schoolId, id: grade.id, name })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'grade-renamed',
      entity: 'grade',
      entityId: grade.id,
      detail: { from: grade.name, to: name },
    })
  })
  return redirectWithFlash(user, '/school#grades', 'school.grades.renamed')
}

/**
 * A head teacher must be staff of this school. Another school's account answers 404 like any
 * foreign id; a parent, or a deactivated account newly chosen, is a field message.
 */
async function headTeacherProblem(
  schoolId: number,
  headTeacherId: number | undefined,
  currentId: number | null,
): Promise<string | null> {
  if (headTeacherId === undefined) return null
  const candidate = await getAccount(db, { schoolId, id: headTeacherId })
  if (!candidate) notFound()
  if (candidate.role === 'parent') return 'validation.unknownChoice'
  if (!candidate.active && candidate.id !== currentId) return 'validation.unknownChoice'
  return null
}

async function addClass(user: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: ClassSchema })
  if (submission.status !== 'success') return invalidForm('add-class', submission.reply())
  const { gradeId, number, name, headTeacherId } = submission.value
  const { schoolId } = user
  const grade = await getGrade(db, { schoolId, id: gradeId })
  if (!grade) notFound()
  const teacherProblem = await headTeacherProblem(schoolId, headTeacherId, null)
  if (teacherProblem) {
    return invalidForm('add-class', submission.reply({ fieldErrors: { headTeacherId: [teacherProblem] } }))
  }
  if (await isClassNumberTaken(db, { schoolId, gradeId, number })) {
    return invalidForm(
      'add-class',
      submission.reply({ fieldErrors: { number: ['validation.classNumberTaken'] } }),
    )
  }
  const className = name ?? classNameZh(user.school.kind, grade.level, number)
  await db.transaction().execute(async (trx) => {
    const id = await insertClass(trx, {
      schoolId,
      gradeId,
      number,
      name: className,
      headTeacherId: headTeacherId ?? null,
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'class-created',
      entity: 'class',
      entityId: id,
      detail: { name: className, headTeacherId: headTeacherId ?? null },
    })
  })
  return redirectWithFlash(user, '/school#classes', 'school.classes.added')
}

async function editClass(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const classId = parseId(formData.get('classId'))
  const existing = classId ? await getClass(db, { schoolId, id: classId }) : undefined
  if (!existing) notFound()
  const form = `edit-class-${existing.id}`
  const submission = parseWithZod(formData, { schema: ClassEditSchema })
  if (submission.status !== 'success') return invalidForm(form, submission.reply())
  const { number, name, headTeacherId } = submission.value
  const teacherProblem = await headTeacherProblem(schoolId, headTeacherId, existing.headTeacherId)
  if (teacherProblem) {
    return invalidForm(form, submission.reply({ fieldErrors: { headTeacherId: [teacherProblem] } }))
  }
  if (await isClassNumberTaken(db, { schoolId, gradeId: existing.gradeId, number, exceptId: existing.id })) {
    return invalidForm(form, submission.reply({ fieldErrors: { number: ['validation.classNumberTaken'] } }))
  }
  const className = name ?? classNameZh(user.school.kind, existing.gradeLevel, number)
  await db.transaction().execute(async (trx) => {
    await updateClass(trx, {
      schoolId,
      id: existing.id,
      number,
      name: className,
      headTeacherId: headTeacherId ?? null,
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'class-updated',
      entity: 'class',
      entityId: existing.id,
      detail: { name: className, number, headTeacherId: headTeacherId ?? null },
    })
  })
  return redirectWithFlash(user, '/school#classes', 'school.classes.updated')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type ClassRow = LoaderData['classes'][number]
type Teacher = LoaderData['teachers'][number]

function ProfileForm({ profile }: { profile: LoaderData['profile'] }) {
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

function GradeNameForm({
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

function AddClassForm({
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

function EditClassForm({
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

export default function SchoolPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { profile, emblem, grades, missing, classes, teachers, editingId } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const kind = profile.kind
  // After a refused edit the URL may lack ?editClass, so the answer says which class it was.
  const replyEditId = reply?.form.startsWith('edit-class-')
    ? Number(reply.form.slice('edit-class-'.length))
    : null
  const editing = classes.find((c) => c.id === (editingId ?? replyEditId))
  const classesByGrade = grades.map((grade) => ({
    grade,
    classes: classes.filter((c) => c.gradeId === grade.id),
  }))

  return (
    <>
      <PageHeader title={t('school.structure.title')} lead={t('school.structure.lead')} />
      <div className="grid-2 section">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('school.profile.title')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('school.profile.kind')}</dt>
              <dd>{t(`kinds.${kind}`)}</dd>
            </div>
            <div>
              <dt>{t('school.profile.slug')}</dt>
              <dd>
                <code>{profile.slug}</code>
              </dd>
            </div>
          </dl>
          <ProfileForm profile={profile} />
        </section>

        <section id="emblem" className="card" aria-labelledby="emblem-title">
          <h2 id="emblem-title">{t('identity.emblem.title')}</h2>
          <EmblemForm school={profile} src={emblem.src} uploaded={emblem.uploaded} />
        </section>

        <section id="privacy" className="card" aria-labelledby="privacy-title">
          <h2 id="privacy-title">{t('privacy.admin.title')}</h2>
          <p>{t('privacy.admin.linkLead')}</p>
          <p>
            <Link to="/school/privacy">{t('privacy.admin.link')}</Link>
          </p>
        </section>

        <section id="grades" className="card" aria-labelledby="grades-title">
          <h2 id="grades-title">{t('school.grades.title')}</h2>
          {missing.length ? (
            <div className="stack">
              <p>
                {t('school.grades.missing', {
                  kind: t(`kinds.${kind}`),
                  grades: missing.map((g) => gradeLabel(locale, kind, g)).join(t('common.listSeparator')),
                })}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="create-grades" />
                <button type="submit" className="button">
                  {t('school.grades.create', { count: missing.length })}
                </button>
              </Form>
            </div>
          ) : (
            <p className="muted">{t('school.grades.complete', { kind: t(`kinds.${kind}`) })}</p>
          )}
          {grades.length ? (
            <ul className="plain-list grade-list">
              {grades.map((grade) => (
                <li key={grade.id}>
                  <GradeNameForm grade={grade} label={gradeLabel(locale, kind, grade)} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>

      <section id="classes" className="section stack" aria-labelledby="classes-title">
        <h2 id="classes-title">{t('school.classes.title')}</h2>
        {editing ? (
          <EditClassForm
            key={editing.id}
            schoolClass={editing}
            teachers={teachers}
            title={t('school.classes.editTitle', { name: classLabel(locale, kind, editing) })}
          />
        ) : null}
        <section className="card" aria-labelledby="add-class-title">
          <h3 id="add-class-title">{t('school.classes.addTitle')}</h3>
          {grades.length ? (
            // Keyed by the count so that, once a class is added, the form starts empty again.
            <AddClassForm key={classes.length} grades={grades} teachers={teachers} kind={kind} />
          ) : (
            <p>{t('school.classes.noGrades')}</p>
          )}
        </section>
        {classesByGrade.map(({ grade, classes: gradeClasses }) => (
          <GradeClasses
            key={grade.id}
            kind={kind}
            grade={grade}
            classes={gradeClasses}
            Heading="h3"
            editHref={(classId) => `/school?editClass=${classId}#edit-class`}
          />
        ))}
      </section>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.structure.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
