import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useRecipientLine } from '~/components/award-certificate'
import { RowAction } from '~/components/row-action'
import { FormErrors, SelectField, TextareaField, TextField } from '~/components/ui/field'
import { levelLabel } from '~/domain/award-levels'
import { type EditValues, editSchema } from '~/domain/awards'
import { formatDay } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { LevelOptions, SharedFields, useAwardContext } from './entry-forms'
import type { OpenAwards } from './route'

type Award = OpenAwards['awards'][number]

export function AwardList({ data }: { data: OpenAwards }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const recipientLine = useRecipientLine(data.kind)
  const { awards } = data
  return (
    <section className="card" aria-labelledby="list-heading">
      <h2 id="list-heading">{t('awards.list.title', { count: awards.length })}</h2>
      {awards.length === 0 ? (
        <p className="muted">{t('awards.list.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('awards.list.lead')}</p>
          <div className="table-wrap">
            <table className="awards-list">
              <thead>
                <tr>
                  <th scope="col">{t('awards.list.order')}</th>
                  <th scope="col">{t('awards.list.award')}</th>
                  <th scope="col">{t('awards.list.recipients')}</th>
                  <th scope="col">{t('awards.list.presenter')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {awards.map((award, index) => {
                  const who = recipientLine(award)
                  return (
                    <tr key={award.id} id={`award-${award.id}`}>
                      <td>{index + 1}</td>
                      <th scope="row">
                        <span className="badge">{levelLabel(award.level, t)}</span> {award.title}
                        <span className="muted awards-meta">
                          {t(`awards.scopes.${award.scope}`)} · {formatDay(award.awardedOn, locale)}
                        </span>
                      </th>
                      <td>{who}</td>
                      <td>{[award.presenterTitle, award.presenterName].filter(Boolean).join(' ') || '—'}</td>
                      <td>
                        <div className="awards-actions">
                          {index > 0 ? (
                            <RowAction
                              intent="move"
                              values={{ awardId: award.id, direction: 'up' }}
                              label={t('awards.list.up')}
                              who={who}
                            />
                          ) : null}
                          {index < awards.length - 1 ? (
                            <RowAction
                              intent="move"
                              values={{ awardId: award.id, direction: 'down' }}
                              label={t('awards.list.down')}
                              who={who}
                            />
                          ) : null}
                          <Link
                            to={`?edit=${award.id}#edit-heading`}
                            className="button button-secondary button-small"
                            preventScrollReset
                          >
                            {t('common.edit')}
                            <span className="visually-hidden"> {who}</span>
                          </Link>
                          <Link
                            to={`/activities/${data.activity.id}/certificates/${award.id}`}
                            className="button button-secondary button-small"
                          >
                            {t('awards.list.certificate')}
                            <span className="visually-hidden"> {who}</span>
                          </Link>
                          <RowAction
                            intent="delete"
                            values={{ awardId: award.id }}
                            label={t('common.delete')}
                            who={who}
                            danger
                          />
                        </div>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

/** Corrects one award; opened with ?edit=<id>, so it works without JavaScript. */
export function EditAwardForm({ data, award }: { data: OpenAwards; award: Award }) {
  const { t } = useTranslation()
  const context = useAwardContext(data)
  const recipientLine = useRecipientLine(data.kind)
  const [form, fields] = useForm<EditValues>({
    id: `edit-${award.id}`,
    lastResult: useFormReply('edit'),
    defaultValue: {
      awardId: String(award.id),
      title: award.title,
      scope: award.scope,
      presenterName: award.presenterName,
      presenterTitle: award.presenterTitle,
      awardedOn: award.awardedOn,
      level: award.level,
      teamName: award.teamName,
      citation: award.citation,
    },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editSchema(context, award) }),
  })
  return (
    <section className="card awards-edit" aria-labelledby="edit-heading">
      <h2 id="edit-heading" tabIndex={-1}>
        {t('awards.edit.title')}
      </h2>
      <p>{recipientLine(award)}</p>
      <p className="muted">{t('awards.edit.recipientsHint')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="awardId" value={award.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {award.recipientKind === 'team' ? (
          <TextField meta={fields.teamName} label={t('awards.team.name')} />
        ) : null}
        <SelectField meta={fields.level} label={t('awards.fields.level')}>
          <LevelOptions levels={data.levels} none={t('awards.fields.chooseLevel')} />
        </SelectField>
        <SharedFields fields={fields} data={data} />
        <TextareaField meta={fields.citation} label={t('awards.fields.citation')} rows={2} />
        <div className="link-row">
          <button type="submit" className="button">
            {t('common.save')}
          </button>
          <Link to="." className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  )
}
