import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { Transaction } from 'kysely'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { ANONYMISE_FORM, AnonymisePupil } from '~/components/anonymise-pupil'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RowAction } from '~/components/row-action'
import { CheckboxField, SelectField, TextField } from '~/components/ui/field'
import { classLabel, type SchoolKind } from '~/domain/grades'
import { READ_ACTIONS } from '~/domain/read-audit'
import { mayAnonymiseNow } from '~/domain/retention'
import { RELATIONS } from '~/domain/roster-fields'
import {
  AnonymiseSchema,
  LinkGuardianSchema,
  NewGuardianSchema,
  PupilEditSchema,
  UnlinkGuardianSchema,
} from '~/domain/roster-schemas'
import { parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import { anonymisePupils } from '~/models/retention.server'
import {
  findParent,
  getPupil,
  insertParentAccounts,
  isStudentNumberTaken,
  linkGuardian,
  listCurrentClasses,
  listGuardiansOfPupil,
  unlinkGuardian,
  updatePupil,
} from '~/models/roster.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { nowIso } from '~/utils/clock'
import { formatDay, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { hashPassword } from '~/utils/password.server'
import { deletePhotoFiles } from '~/utils/photo-files.server'
import { auditRead } from '~/utils/read-audit.server'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/schema'
import { generateOneTimePassword } from './school.accounts/one-time-password.server'
import { type IssuedAccount, IssuedAccounts, NO_STORE } from './school.roster/roster-ui'

async function requirePupil(user: SessionUser, studentId: string | undefined) {
  const id = parseId(studentId)
  const pupil = id ? await getPupil(db, { schoolId: user.schoolId, id }) : undefined
  if (!pupil) notFound()
  return pupil
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const pupil = await requirePupil(user, params.studentId)
  const [guardians, classes] = await Promise.all([
    listGuardiansOfPupil(db, { schoolId: user.schoolId, studentId: pupil.id }),
    listCurrentClasses(db, { schoolId: user.schoolId }),
  ])
  await auditRead(user, context, {
    action: READ_ACTIONS.pupilRecord,
    entity: 'student',
    entityId: pupil.id,
    pupilIds: [pupil.id],
  })
  return { kind: user.school.kind, pupil, guardians, classes }
}

type Pupil = Awaited<ReturnType<typeof requirePupil>>
type Reply = {
  form: string
  result: SubmissionResult<string[]>
  issued?: IssuedAccount
  /** The reason typed, while the admin confirms anonymising */
  confirming?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const pupil = await requirePupil(user, params.studentId)
  const formData = await request.formData()
  const intent = formData.get('intent')
  // An anonymised record is final: nothing may put a name or a family back on it.
  if (pupil.anonymisedAt && intent !== 'anonymise') throw new Response('Anonymised', { status: 409 })
  switch (intent) {
    case 'anonymise':
      return anonymise(user, pupil, formData)
    case 'save':
      return savePupil(user, pupil, formData)
    case 'link-guardian':
      return linkExisting(user, pupil, formData)
    case 'new-guardian':
      return createGuardian(user, pupil, formData)
    case 'unlink-guardian':
      return unlink(user, pupil, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function savePupil(user: SessionUser, pupil: Pupil, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: PupilEditSchema })
  if (submission.status !== 'success') return invalidForm('pupil', submission.reply())
  const { studentNumber, name, classId, active } = submission.value
  const refuse = (field: 'studentNumber' | 'classId', message: string) =>
    invalidForm('pupil', submission.reply({ fieldErrors: { [field]: [message] } }))
  const classes = await listCurrentClasses(db, { schoolId })
  const current = classes.some((c) => c.id === classId)
  // A graduated pupil may keep last year's (archived) class, but only while they stay inactive.
  if (!current && classId !== pupil.classId) return refuse('classId', 'validation.unknownChoice')
  if (!current && active) return refuse('classId', 'roster.validation.archivedClass')
  if (await isStudentNumberTaken(db, { schoolId, studentNumber, exceptId: pupil.id })) {
    return refuse('studentNumber', 'roster.validation.numberTaken')
  }
  try {
    await db.transaction().execute(async (trx) => {
      await updatePupil(trx, {
        schoolId,
        id: pupil.id,
        classId,
        studentNumber,
        name,
        active,
        today: todayIn(user.school.timeZone),
      })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'pupil-updated',
        entity: 'student',
        entityId: pupil.id,
        detail: {
          from: {
            studentNumber: pupil.studentNumber,
            name: pupil.name,
            classId: pupil.classId,
            active: pupil.active,
          },
          to: { studentNumber, name, classId, active: active ? 1 : 0 },
        },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('studentNumber', 'roster.validation.numberTaken')
    throw error
  }
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.pupil.saved')
}

async function recordLink(
  trx: Transaction<Database>,
  user: SessionUser,
  pupil: Pupil,
  guardian: { id: number; username: string },
  relation: string,
) {
  await recordAudit(trx, {
    schoolId: user.schoolId,
    userId: user.id,
    action: 'guardian-linked',
    entity: 'student',
    entityId: pupil.id,
    detail: { guardianId: guardian.id, username: guardian.username, relation },
  })
}

async function linkExisting(user: SessionUser, pupil: Pupil, formData: FormData) {
  const submission = parseWithZod(formData, { schema: LinkGuardianSchema })
  if (submission.status !== 'success') return invalidForm('link-guardian', submission.reply())
  const { username, relation } = submission.value
  // Another school's account, a teacher's: the same answer, so usernames of other schools do not leak.
  const guardian = await findParent(db, { schoolId: user.schoolId, username })
  if (!guardian) {
    return invalidForm(
      'link-guardian',
      submission.reply({ fieldErrors: { username: ['roster.validation.noParent'] } }),
    )
  }
  await db.transaction().execute(async (trx) => {
    await linkGuardian(trx, { guardianId: guardian.id, studentId: pupil.id, relation })
    await recordLink(trx, user, pupil, guardian, relation)
  })
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.guardians.linked')
}

async function createGuardian(user: SessionUser, pupil: Pupil, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: NewGuardianSchema })
  if (submission.status !== 'success') return invalidForm('new-guardian', submission.reply())
  const { guardianName, guardianPhone, relation } = submission.value
  // The phone is how an import recognises a parent: one with an account already gets this child too.
  const existing = await findParent(db, { schoolId, phone: guardianPhone })
  if (existing) {
    await db.transaction().execute(async (trx) => {
      await linkGuardian(trx, { guardianId: existing.id, studentId: pupil.id, relation })
      await recordLink(trx, user, pupil, existing, relation)
    })
    return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.guardians.phoneKnown')
  }
  const password = generateOneTimePassword()
  // Hashed before the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const passwordHash = await hashPassword(password)
  const account = await db.transaction().execute(async (trx) => {
    const [created] = await insertParentAccounts(trx, {
      schoolId,
      usernamePrefix: user.school.slug,
      accounts: [{ phone: guardianPhone, name: guardianName, passwordHash }],
    })
    if (!created) throw new Error('Guardian account not created')
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'account-created',
      entity: 'user',
      entityId: created.id,
      detail: { username: created.username, role: 'parent' },
    })
    await linkGuardian(trx, { guardianId: created.id, studentId: pupil.id, relation })
    await recordLink(trx, user, pupil, created, relation)
    return created
  })
  return data<Reply>(
    {
      form: 'new-guardian',
      result: submission.reply({ resetForm: true }),
      issued: {
        displayName: account.displayName,
        username: account.username,
        password,
        pupils: [pupil.name],
      },
    },
    { headers: NO_STORE },
  )
}

async function unlink(user: SessionUser, pupil: Pupil, formData: FormData) {
  const submission = parseWithZod(formData, { schema: UnlinkGuardianSchema })
  if (submission.status !== 'success') throw new Response('Bad guardian', { status: 400 })
  const { guardianId } = submission.value
  const guardians = await listGuardiansOfPupil(db, { schoolId: user.schoolId, studentId: pupil.id })
  const guardian = guardians.find((g) => g.id === guardianId)
  if (!guardian) notFound()
  await db.transaction().execute(async (trx) => {
    await unlinkGuardian(trx, { guardianId, studentId: pupil.id })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'guardian-unlinked',
      entity: 'student',
      entityId: pupil.id,
      detail: { guardianId, username: guardian.username },
    })
  })
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'roster.guardians.unlinked')
}

async function anonymise(user: SessionUser, pupil: Pupil, formData: FormData) {
  const submission = parseWithZod(formData, { schema: AnonymiseSchema })
  if (submission.status !== 'success') return invalidForm(ANONYMISE_FORM, submission.reply())
  if (!mayAnonymiseNow(pupil)) {
    const error = pupil.anonymisedAt ? 'retention.errors.already' : 'retention.errors.notDeparted'
    return invalidForm(ANONYMISE_FORM, submission.reply({ formErrors: [error] }))
  }
  const { reason, confirmed } = submission.value
  if (!confirmed) return data<Reply>({ form: ANONYMISE_FORM, result: submission.reply(), confirming: reason })
  const { fileKeys } = await db.transaction().execute((trx) =>
    anonymisePupils(trx, {
      schoolId: user.schoolId,
      pupils: [{ id: pupil.id, cause: { by: 'admin', userId: user.id, reason } }],
      at: nowIso(),
    }),
  )
  // Files go once the rows are gone for good; a file left behind is harmless, a row without its file is not.
  await Promise.all(fileKeys.map(deletePhotoFiles))
  return redirectWithFlash(user, `/school/roster/${pupil.id}`, 'retention.done')
}

function useClassName() {
  const locale = useLocale()
  const { kind } = useLoaderData<typeof loader>()
  return (c: { name: string; gradeLevel: number; number: number }) =>
    classLabel(locale, kind as SchoolKind, c)
}

function RelationOptions() {
  const { t } = useTranslation()
  return (
    <>
      <option value="">{t('roster.guardians.chooseRelation')}</option>
      {RELATIONS.map((relation) => (
        <option key={relation} value={relation}>
          {t(`relations.${relation}`)}
        </option>
      ))}
    </>
  )
}

function PupilForm() {
  const { t } = useTranslation()
  const { pupil, classes } = useLoaderData<typeof loader>()
  const className = useClassName()
  const archived = pupil.classArchivedAt !== null
  const [form, fields] = useForm<output<typeof PupilEditSchema>>({
    id: 'pupil',
    lastResult: useFormReply('pupil'),
    defaultValue: {
      studentNumber: pupil.studentNumber,
      name: pupil.name,
      classId: pupil.classId,
      active: pupil.active === 1,
    },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PupilEditSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <div className="form-grid">
        <TextField meta={fields.studentNumber} label={t('roster.columns.studentNumber')} autoComplete="off" />
        <TextField meta={fields.name} label={t('roster.columns.name')} autoComplete="off" />
        <SelectField meta={fields.classId} label={t('roster.columns.className')}>
          {archived ? (
            <option value={pupil.classId}>
              {t('roster.pupil.archivedClass', {
                name: className({
                  name: pupil.className,
                  gradeLevel: pupil.gradeLevel,
                  number: pupil.classNumber,
                }),
              })}
            </option>
          ) : null}
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {className(c)}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField
        meta={fields.active}
        label={t('roster.pupil.active')}
        hint={t('roster.pupil.activeHint')}
      />
      <div>
        <button type="submit" className="button">
          {t('roster.pupil.save')}
        </button>
      </div>
    </Form>
  )
}

function LinkGuardianForm() {
  const { t } = useTranslation()
  const [form, fields] = useForm<output<typeof LinkGuardianSchema>>({
    id: 'link-guardian',
    lastResult: useFormReply('link-guardian'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LinkGuardianSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="link-guardian" />
      <div className="form-grid">
        <TextField
          meta={fields.username}
          label={t('roster.guardians.username')}
          hint={t('roster.guardians.usernameHint')}
          autoComplete="off"
        />
        <SelectField meta={fields.relation} label={t('roster.columns.relation')}>
          <RelationOptions />
        </SelectField>
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t('roster.guardians.link')}
        </button>
      </div>
    </Form>
  )
}

function NewGuardianForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const [form, fields] = useForm<output<typeof NewGuardianSchema>>({
    id: 'new-guardian',
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewGuardianSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="new-guardian" />
      <div className="form-grid">
        <TextField meta={fields.guardianName} label={t('roster.columns.guardianName')} autoComplete="off" />
        <TextField
          meta={fields.guardianPhone}
          label={t('roster.columns.guardianPhone')}
          hint={t('roster.guardians.phoneHint')}
          autoComplete="off"
        />
        <SelectField meta={fields.relation} label={t('roster.columns.relation')}>
          <RelationOptions />
        </SelectField>
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t('roster.guardians.create')}
        </button>
      </div>
    </Form>
  )
}

export default function PupilPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { pupil } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const className = useClassName()
  const status = pupil.anonymisedAt
    ? t('retention.badge')
    : pupil.active
      ? t('roster.status.active')
      : pupil.graduatedOn
        ? t('roster.pupil.graduatedOn', { date: formatDay(pupil.graduatedOn, locale) })
        : t('roster.status.inactive')
  return (
    <>
      <p>
        <Link to="/school/roster">{t('roster.back')}</Link>
      </p>
      <PageHeader
        title={pupil.name}
        lead={[
          t('roster.pupil.number', { number: pupil.studentNumber }),
          className({ name: pupil.className, gradeLevel: pupil.gradeLevel, number: pupil.classNumber }),
          status,
        ].join(' · ')}
      />
      {reply?.issued ? <IssuedAccounts accounts={[reply.issued]} /> : null}
      {pupil.anonymisedAt ? <AnonymisePupil pupil={pupil} /> : <PupilSections reply={reply} />}
    </>
  )
}

function PupilSections({ reply }: { reply: Reply | undefined }) {
  const { t } = useTranslation()
  const { pupil, guardians } = useLoaderData<typeof loader>()
  return (
    <>
      <section className="card section" aria-labelledby="pupil-title">
        <h2 id="pupil-title">{t('roster.pupil.editTitle')}</h2>
        <PupilForm />
      </section>
      <section className="section" aria-labelledby="guardians-title">
        <h2 id="guardians-title">{t('roster.guardians.title', { count: guardians.length })}</h2>
        {guardians.length === 0 ? (
          <p className="muted">{t('roster.guardians.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('roster.columns.guardianName')}</th>
                  <th scope="col">{t('roster.columns.relation')}</th>
                  <th scope="col">{t('roster.guardians.username')}</th>
                  <th scope="col">{t('roster.columns.guardianPhone')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {guardians.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      {g.displayName}
                      {g.active ? null : (
                        <>
                          {' '}
                          <span className="badge badge-muted">{t('roster.status.inactive')}</span>
                        </>
                      )}
                    </th>
                    <td>{t(`relations.${g.relation}`, { defaultValue: g.relation })}</td>
                    <td>
                      <code>{g.username}</code>
                    </td>
                    <td>{g.phone || '—'}</td>
                    <td className="cell-actions">
                      <RowAction
                        intent="unlink-guardian"
                        values={{ guardianId: g.id }}
                        label={t('roster.guardians.unlink')}
                        who={g.displayName}
                        danger
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card section" aria-labelledby="link-title">
        <h2 id="link-title">{t('roster.guardians.linkTitle')}</h2>
        <LinkGuardianForm />
      </section>
      <section className="card section" aria-labelledby="new-guardian-title">
        <h2 id="new-guardian-title">{t('roster.guardians.createTitle')}</h2>
        <p className="muted">{t('roster.guardians.createLead')}</p>
        <NewGuardianForm lastResult={reply?.form === 'new-guardian' ? reply.result : undefined} />
      </section>
      <AnonymisePupil
        pupil={pupil}
        confirming={reply?.form === ANONYMISE_FORM ? reply.confirming : undefined}
      />
    </>
  )
}

// A document answer to an action may show a one-time password (data requests carry NO_STORE).
export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'roster.pupil.title', { name: data?.pupil.name ?? '' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
