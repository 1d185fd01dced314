import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { FormErrors, SelectField, TextareaField } from '~/components/ui/field'
import { TableScroll } from '~/components/ui/table-scroll'
import {
  CORRECTION_TEXT_MAX,
  CorrectionRequestSchema,
  FAMILY_DATA_SECTIONS,
  isFamilyDataSection,
} from '~/domain/family-data'
import { recordAudit } from '~/models/audit.server'
import { type ChildData, insertCorrectionRequest, listCorrectionAnswerers } from '~/models/family-data.server'
import { ANSWERED_BY, markActedOn, notify } from '~/models/notifications.server'
import { requireChildData } from '~/services/family-data-export.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { type DataTable, familyDataTables } from '~/utils/family-data-tables'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'family:read' })
  const data = await requireChildData(user, params.studentId)
  // Reading the answers is what their messages asked of the guardian.
  await markActedOn(db, {
    schoolId: user.schoolId,
    userId: user.id,
    entity: 'correction',
    entityIds: data.corrections.filter((c) => c.status === 'answered').map((c) => c.id),
    kinds: ANSWERED_BY.reading.correction,
  })
  return { data, timeZone: user.school.timeZone }
}

const CORRECTION_FORM = 'correction'

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'family:read' })
  const { schoolId } = user
  const { child } = await requireChildData(user, params.studentId)
  const formData = await request.formData()
  if (formData.get('intent') !== 'correction') throw new Response('Unknown intent', { status: 400 })
  const submission = parseWithZod(formData, { schema: CorrectionRequestSchema })
  if (submission.status !== 'success') return invalidForm(CORRECTION_FORM, submission.reply())
  const { section, message } = submission.value
  await db.transaction().execute(async (trx) => {
    const id = await insertCorrectionRequest(trx, {
      schoolId,
      studentId: child.id,
      guardianId: user.id,
      section,
      message,
    })
    await notify(trx, {
      schoolId,
      userIds: await listCorrectionAnswerers(trx, { schoolId, studentId: child.id }),
      kind: 'correction-requested',
      entity: 'correction',
      entityId: id,
      params: { studentId: child.id, child: child.name, section, message },
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'correction-requested',
      entity: 'student',
      entityId: child.id,
      detail: { correctionId: id, section },
    })
  })
  return redirectWithFlash(
    user,
    `/family/children/${child.id}/data#corrections`,
    'familyData.correction.flash',
  )
}

function SectionTable({ table }: { table: DataTable }) {
  const { t } = useTranslation()
  const label = t(`familyData.sections.${table.section}`)
  if (table.rows.length === 0) return <p className="muted">{t('familyData.empty')}</p>
  return (
    <TableScroll label={label}>
      <table className="table">
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            // Rows are a fixed list for this render: their place is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              {row.map((cell, cellIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the columns
                <td key={cellIndex}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function Photos({ photos }: { photos: ChildData['photos'] }) {
  const { t } = useTranslation()
  const shown = photos.filter((photo) => photo.shown)
  if (shown.length === 0) return null
  return (
    <ul className="plain-list family-data-photos">
      {shown.map((photo) => (
        <li key={photo.id}>
          <img
            src={`/photos/${photo.id}/small`}
            alt={
              photo.caption
                ? t('familyData.photoAlt', { recap: photo.recapTitle, caption: photo.caption })
                : t('familyData.photoAltNoCaption', { recap: photo.recapTitle })
            }
            loading="lazy"
            width={160}
          />
        </li>
      ))}
    </ul>
  )
}

function CorrectionForm() {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const asked = searchParams.get('section')
  const [form, fields] = useForm({
    id: CORRECTION_FORM,
    lastResult: useFormReply(CORRECTION_FORM),
    defaultValue: { section: isFamilyDataSection(asked) ? asked : FAMILY_DATA_SECTIONS[0] },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionRequestSchema }),
  })
  return (
    <Form method="post" className="card stack" aria-labelledby="correction-title" {...getFormProps(form)}>
      <h2 id="correction-title">{t('familyData.correction.title')}</h2>
      <p className="muted">{t('familyData.correction.lead')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="correction" />
      <SelectField meta={fields.section} label={t('familyData.correction.section')}>
        {FAMILY_DATA_SECTIONS.map((section) => (
          <option key={section} value={section}>
            {t(`familyData.sections.${section}`)}
          </option>
        ))}
      </SelectField>
      <TextareaField
        meta={fields.message}
        label={t('familyData.correction.message')}
        hint={t('familyData.correction.messageHint', { max: CORRECTION_TEXT_MAX })}
        rows={4}
      />
      <div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('familyData.correction.submit')}
        </button>
      </div>
    </Form>
  )
}

function Corrections({ corrections, timeZone }: { corrections: ChildData['corrections']; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section id="corrections" className="card stack" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('familyData.correction.yours')}</h2>
      {corrections.length === 0 ? <p className="muted">{t('familyData.correction.none')}</p> : null}
      <ul className="plain-list stack">
        {corrections.map((request) => (
          <li key={request.id} className="stack">
            <p className="small">
              {request.outcome ? (
                <>
                  <span className="badge">{t(`familyData.correction.outcomes.${request.outcome}`)}</span>{' '}
                </>
              ) : null}
              {t('familyData.correction.asked', {
                when: formatInstant(request.createdAt, locale, timeZone),
                section: t(`familyData.sections.${request.section}`, { defaultValue: request.section }),
              })}
            </p>
            <blockquote className="notice-quote">{request.message}</blockquote>
            {request.status === 'open' ? (
              <p className="muted small">{t('familyData.correction.waiting')}</p>
            ) : (
              <>
                <p className="small">
                  {t('familyData.correction.answeredBy', {
                    who: request.answeredBy ?? t('familyData.correction.school'),
                    when: request.answeredAt ? formatInstant(request.answeredAt, locale, timeZone) : '',
                  })}
                </p>
                <blockquote className="notice-quote notice-answer">{request.answer}</blockquote>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

export default function ChildDataPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { data, timeZone } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const tables = familyDataTables(data, { t, locale, timeZone })
  const { child } = data
  return (
    <>
      <p className="record-back">
        <Link to={`/family/children/${child.id}`}>{t('familyData.back', { name: child.name })}</Link>
      </p>
      <PageHeader
        title={t('familyData.title', { name: child.name })}
        lead={t('familyData.lead', { name: child.name })}
      />
      <div className="card stack">
        <p>
          <a className="button" href={`/family/children/${child.id}/data.zip`} download>
            {t('familyData.download')}
          </a>
        </p>
        <p className="muted small">{t('familyData.downloadHint')}</p>
      </div>
      {tables.map((table) => {
        const titleId = `section-${table.section}`
        const note =
          table.section === 'photos' || table.section === 'accounts'
            ? t(`familyData.sectionNotes.${table.section}`)
            : null
        return (
          <section key={table.section} className="card stack" aria-labelledby={titleId}>
            <h2 id={titleId}>{t(`familyData.sections.${table.section}`)}</h2>
            {note ? <p className="muted small">{note}</p> : null}
            {table.section === 'photos' ? <Photos photos={data.photos} /> : null}
            <SectionTable table={table} />
            <p className="small">
              <Link to={`?section=${table.section}#correction`} preventScrollReset={false}>
                {t('familyData.askCorrection')}
                <span className="visually-hidden">
                  {t('familyData.askCorrectionContext', {
                    section: t(`familyData.sections.${table.section}`),
                  })}
                </span>
              </Link>
            </p>
          </section>
        )
      })}
      {/* A section link picks the select's section: a new form, since the fields keep their first defaults. */}
      <CorrectionForm key={searchParams.get('section') ?? ''} />
      <Corrections corrections={data.corrections} timeZone={timeZone} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'familyData.title', { name: data.data.child.name })
    : pageTitle(matches, 'familyData.fallbackTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
