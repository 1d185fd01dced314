import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { useNames } from '~/components/season-overview'
import { CheckboxGroup, TextField } from '~/components/ui/field'
import { StrandSchema } from '~/domain/season-schemas'
import type { FormReply } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import type { SeasonPageData as Data } from './route'

function StrandForm({ data, strand }: { data: Data; strand?: Data['strands'][number] }) {
  const { t } = useTranslation()
  const formId = strand ? `strand-${strand.id}` : 'add-strand'
  const names = useNames(data, data.kind)
  const [form, fields] = useForm<output<typeof StrandSchema>>({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: strand
      ? {
          title: strand.title,
          slogan: strand.slogan,
          position: String(strand.position),
          gradeIds: strand.gradeIds.map(String),
        }
      : { position: String(data.strands.length + 1) },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StrandSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={strand ? 'update-strand' : 'add-strand'} />
      {strand ? <input type="hidden" name="strandId" value={strand.id} /> : null}
      <div className="form-grid">
        <TextField meta={fields.title} label={t('seasons.strands.name')} />
        <TextField meta={fields.slogan} label={t('seasons.strands.slogan')} />
        <TextField meta={fields.position} label={t('seasons.strands.position')} type="number" />
      </div>
      <CheckboxGroup
        meta={fields.gradeIds}
        legend={t('seasons.strands.grades')}
        options={data.grades.map((g) => ({ value: String(g.id), label: names.grades[g.id] ?? g.name }))}
      />
      <div>
        <button type="submit" className={strand ? 'button button-secondary' : 'button'}>
          {strand ? t('seasons.strands.save') : t('seasons.strands.add')}
          {strand ? <span className="visually-hidden"> {strand.title}</span> : null}
        </button>
      </div>
    </Form>
  )
}

export function Strands({ data }: { data: Data }) {
  const { t } = useTranslation()
  const names = useNames(data, data.kind)
  // A strand edit refused by the server opens its form again, with the messages and what was typed.
  const reply = useActionData() as FormReply | undefined
  return (
    <section id="strands" className="card stack" aria-labelledby="strands-title">
      <h2 id="strands-title">{t('seasons.strands.title')}</h2>
      {data.strands.length === 0 ? <p className="muted">{t('seasons.strands.empty')}</p> : null}
      <ol className="plain-list stack">
        {data.strands.map((strand) => (
          <li key={strand.id} className="strand">
            <h3>{strand.title}</h3>
            {strand.slogan ? <p className="muted">{strand.slogan}</p> : null}
            <p className="badge-row">
              {strand.gradeIds.map((id) => (
                <span key={id} className="badge">
                  {names.grades[id]}
                </span>
              ))}
            </p>
            {data.canEdit ? (
              <div className="link-row">
                <Link to={`/seasons/${data.season.id}/activities/new?strand=${strand.id}`}>
                  {t('seasons.strands.addActivityHere')}
                  <span className="visually-hidden">: {strand.title}</span>
                </Link>
              </div>
            ) : null}
            {data.canEdit ? (
              <details className="subform" open={reply?.form === `strand-${strand.id}`}>
                <summary className="toggle">
                  {t('seasons.strands.editStrand', { title: strand.title })}
                </summary>
                <StrandForm data={data} strand={strand} />
                <Form method="post" className="delete-form">
                  <input type="hidden" name="intent" value="delete-strand" />
                  <input type="hidden" name="strandId" value={strand.id} />
                  <button type="submit" className="button button-danger button-small">
                    {t('seasons.strands.delete')}
                    <span className="visually-hidden"> {strand.title}</span>
                  </button>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {data.canEdit ? (
        <div className="subform">
          <h3>{t('seasons.strands.addTitle')}</h3>
          <StrandForm key={data.strands.length} data={data} />
        </div>
      ) : null}
    </section>
  )
}
