import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { discriminatedUnion, literal, object, unknown } from 'zod'
import { EmblemForm } from '~/components/emblem-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { GradeClasses } from '~/components/grade-classes'
import { PageHeader } from '~/components/page-header'
import { classLabel, gradeLabel, missingGrades } from '~/domain/grades'
import { ClassEditSchema, ClassSchema, GradeSchema, parseId, SchoolProfileSchema } from '~/domain/schemas'
import { getSchoolProfile, listClasses, listGrades } from '~/models/school.server'
import { listTeachers } from '~/models/users.server'
import {
  type IntentPermissions,
  requireUser,
  requireUserForIntent,
  type SessionUser,
} from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { emblemPath } from '~/utils/emblem.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'
import {
  addClass,
  classProblem,
  createGrades,
  editClass,
  saveGradeName,
  saveProfile,
} from './structure.server'
import { AddClassForm, EditClassForm, GradeNameForm, ProfileForm } from './structure-forms'

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

/** Every form of the page is the school administrator's: the table names them, another is a 400. */
const INTENTS = {
  profile: 'school:manage',
  'create-grades': 'school:manage',
  'rename-grade': 'school:manage',
  'add-class': 'school:manage',
  'edit-class': 'school:manage',
} as const satisfies IntentPermissions

/** A malformed or missing grade or class id names none of this school's: 404, not a form error. */
const recordId = unknown().transform(parseId)

/**
 * The page's forms, told apart by `intent`. A class's number and head teacher are checked against
 * the school's records here, so a refusal is a field message like any other.
 */
function schoolPageSchema(user: SessionUser) {
  return discriminatedUnion('intent', [
    SchoolProfileSchema.extend({ intent: literal('profile') }),
    object({ intent: literal('create-grades') }),
    GradeSchema.extend({ intent: literal('rename-grade'), gradeId: recordId }),
    ClassSchema.extend({ intent: literal('add-class') }),
    ClassEditSchema.extend({ intent: literal('edit-class'), classId: recordId }),
  ]).superRefine(async (form, ctx) => {
    if (form.intent !== 'add-class' && form.intent !== 'edit-class') return
    for (const [field, message] of Object.entries((await classProblem(user, form)) ?? {})) {
      ctx.addIssue({ code: 'custom', path: [field], message })
    }
  })
}

/** Which form a refused submission answers, so only that one shows its messages. */
function formIdOf(intent: keyof typeof INTENTS, formData: FormData): string {
  if (intent === 'rename-grade') return `rename-grade-${formData.get('gradeId')}`
  if (intent === 'edit-class') return `edit-class-${formData.get('classId')}`
  return intent
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const submission = await parseWithZod(formData, { schema: schoolPageSchema(user), async: true })
  if (submission.status !== 'success') return invalidForm(formIdOf(intent, formData), submission.reply())
  const form = submission.value
  switch (form.intent) {
    case 'profile':
      return saveProfile(user, form)
    case 'create-grades':
      return createGrades(user)
    case 'rename-grade':
      return saveGradeName(user, form)
    case 'add-class':
      return addClass(user, form)
    case 'edit-class':
      return editClass(user, form)
  }
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
