import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { ANONYMISE_FORM, AnonymisePupil } from '~/components/anonymise-pupil'
import { RowAction } from '~/components/row-action'
import { CheckboxField, SelectField, TextField } from '~/components/ui/field'
import { classLabel, type SchoolKind } from '~/domain/grades'
import { RELATIONS } from '~/domain/roster-fields'
import { LinkGuardianSchema, NewGuardianSchema, PupilEditSchema } from '~/domain/roster-schemas'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { Reply } from './pupil.server'
import type { loader } from './route'

export function useClassName() {
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

export function PupilSections({ reply }: { reply: Reply | undefined }) {
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
