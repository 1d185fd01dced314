import { type FieldMetadata, getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useClassName } from '~/components/award-certificate'
import { describedBy, FieldErrors, FormErrors } from '~/components/ui/field'
import { levelLabel } from '~/domain/award-levels'
import { CITATION_MAX, type ResultsValues, resultsSchema } from '~/domain/awards'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { LevelOptions, SharedFields, useAwardContext } from './entry-forms'
import type { OpenAwards } from './route'

/* The results form: a contest's winners entered row by row, one level per pupil. */

/** Pupils who already hold this contest's award (its title, as theirs alone): entered once, edited after. */
function winnersOf(data: OpenAwards) {
  const winners = new Map<number, OpenAwards['awards']>()
  for (const award of data.awards) {
    if (award.recipientKind !== 'pupil' || award.title !== data.defaults.title) continue
    for (const { studentId } of award.recipients)
      winners.set(studentId, [...(winners.get(studentId) ?? []), award])
  }
  return winners
}

/** A winner's row: the award they hold and a link to correct it, instead of a second one to enter. */
function WinnerCells({
  awards,
  name,
  levelMeta,
}: {
  awards: OpenAwards['awards']
  name: string
  levelMeta: FieldMetadata<string | undefined>
}) {
  const { t } = useTranslation()
  return (
    <>
      <td>
        <ul className="plain-list">
          {awards.map((award) => (
            <li key={award.id}>
              <strong>{t('awards.results.holds', { level: levelLabel(award.level, t) })}</strong>{' '}
              <Link to={`?edit=${award.id}#edit-heading`} preventScrollReset>
                {t('common.edit')}
                <span className="visually-hidden"> {t('awards.results.awardOf', { name })}</span>
              </Link>
            </li>
          ))}
        </ul>
        {/* A page opened before the award was entered may still send one: the refusal shows here. */}
        <FieldErrors id={levelMeta.errorId} errors={levelMeta.errors} />
      </td>
      <td>
        {awards
          .map((award) => award.citation)
          .filter(Boolean)
          .join(' ') || '—'}
      </td>
    </>
  )
}

/** A contest's results on one page: a level (or none) for each participant, sent in one go. */
export function ResultsForm({ data }: { data: OpenAwards }) {
  const { t } = useTranslation()
  const context = useAwardContext(data)
  const className = useClassName(data.kind)
  const [form, fields] = useForm<ResultsValues>({
    id: 'results',
    lastResult: useFormReply('results'),
    defaultValue: {
      ...data.defaults,
      rows: data.participants.map((p) => ({ studentId: String(p.studentId) })),
    },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resultsSchema(context) }),
  })
  const byStudent = new Map(data.participants.map((p) => [String(p.studentId), p]))
  const held = winnersOf(data)
  const rows = fields.rows.getFieldList().flatMap((item) => {
    const row = item.getFieldset()
    const participant = byStudent.get(String(row.studentId.initialValue))
    return participant ? [{ row, participant }] : []
  })
  return (
    <section className="card stack" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('awards.results.title')}</h2>
      {data.participants.length === 0 ? (
        <p className="muted">
          {t('awards.results.noParticipants')}{' '}
          <Link to={`/activities/${data.activity.id}/participation`}>
            {t('awards.results.toParticipation')}
          </Link>
        </p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="results" />
          <p className="muted">{t('awards.results.lead')}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SharedFields fields={fields} data={data} />
          <div className="table-wrap">
            <table className="awards-results">
              <caption className="visually-hidden">{t('awards.results.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('awards.results.pupil')}</th>
                  <th scope="col">{t('awards.results.level')}</th>
                  <th scope="col">{t('awards.fields.citation')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ row, participant }) => (
                  <tr key={participant.studentId}>
                    <th scope="row">
                      <input type="hidden" name={row.studentId.name} value={participant.studentId} />
                      {participant.name}
                      <span className="muted awards-class"> {className(participant)}</span>
                    </th>
                    {held.has(participant.studentId) ? (
                      <WinnerCells
                        awards={held.get(participant.studentId) ?? []}
                        name={participant.name}
                        levelMeta={row.level}
                      />
                    ) : (
                      <>
                        <td>
                          <label htmlFor={row.level.id} className="visually-hidden">
                            {t('awards.results.levelOf', { name: participant.name })}
                          </label>
                          <select
                            id={row.level.id}
                            name={row.level.name}
                            defaultValue={row.level.initialValue ?? ''}
                            key={row.level.key}
                            aria-invalid={row.level.errors ? true : undefined}
                            aria-describedby={describedBy(row.level.errors && row.level.errorId)}
                          >
                            <LevelOptions levels={data.levels} none={t('awards.results.noAward')} />
                          </select>
                          <FieldErrors id={row.level.errorId} errors={row.level.errors} />
                        </td>
                        <td>
                          <label htmlFor={row.citation.id} className="visually-hidden">
                            {t('awards.results.citationOf', { name: participant.name })}
                          </label>
                          <input
                            id={row.citation.id}
                            name={row.citation.name}
                            defaultValue={row.citation.initialValue ?? ''}
                            key={row.citation.key}
                            maxLength={CITATION_MAX}
                            autoComplete="off"
                            aria-invalid={row.citation.errors ? true : undefined}
                            aria-describedby={describedBy(row.citation.errors && row.citation.errorId)}
                          />
                          <FieldErrors id={row.citation.errorId} errors={row.citation.errors} />
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <button type="submit" className="button">
              {t('awards.results.submit')}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}
