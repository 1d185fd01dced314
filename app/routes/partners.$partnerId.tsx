import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { StatusBadge } from '~/components/status-badge'
import { FieldErrors, SelectField, TextField } from '~/components/ui/field'
import { PARTNER_CATEGORIES, type PartnerInput, PartnerSchema } from '~/domain/partner-schemas'
import { can } from '~/domain/permissions'
import { parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import {
  findPartnerByName,
  getPartner,
  listActivitiesOfPartner,
  type PartnerDetail,
  setPartnerActive,
  updatePartner,
} from '~/models/partners.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useLocale } from '~/utils/use-locale'
import { isUniqueViolation } from '../../db/errors'

async function requirePartner(user: SessionUser, partnerId: string | undefined) {
  const id = parseId(partnerId)
  const partner = id ? await getPartner(db, { schoolId: user.schoolId, id }) : undefined
  return partner ?? notFound()
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'partners:read' })
  const partner = await requirePartner(user, params.partnerId)
  const activities = await listActivitiesOfPartner(db, { schoolId: user.schoolId, partnerId: partner.id })
  return {
    partner,
    activities,
    timeZone: user.school.timeZone,
    canManage: can(user.role, 'partners:manage'),
  }
}

/** A refused edit: the form's messages, and the partner already holding the name, to link to. */
type Reply = { form: string; result: SubmissionResult<string[]>; existing?: { id: number; name: string } }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'partners:manage' })
  const partner = await requirePartner(user, params.partnerId)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'update':
      return editPartner(user, partner, formData)
    case 'deactivate':
      return setActive(user, partner, false)
    case 'reactivate':
      return setActive(user, partner, true)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

const FIELDS = [
  'name',
  'category',
  'offers',
  'patrioticBase',
  'contactName',
  'contactPhone',
  'notes',
] as const

async function editPartner(user: SessionUser, partner: PartnerDetail, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: PartnerSchema })
  if (submission.status !== 'success') {
    return data<Reply>({ form: 'edit-partner', result: submission.reply() }, { status: 400 })
  }
  const edited = submission.value
  const taken = async () => {
    const existing = await findPartnerByName(db, { schoolId, name: edited.name, exceptId: partner.id })
    return data<Reply>(
      {
        form: 'edit-partner',
        result: submission.reply({ fieldErrors: { name: ['partners.validation.nameTaken'] } }),
        existing,
      },
      { status: 400 },
    )
  }
  if (await findPartnerByName(db, { schoolId, name: edited.name, exceptId: partner.id })) return taken()
  const before = { ...partner, patrioticBase: partner.patrioticBase === 1 }
  const changed = FIELDS.filter((field) => edited[field] !== before[field])
  if (changed.length) {
    try {
      await db.transaction().execute(async (trx) => {
        await updatePartner(trx, { schoolId, id: partner.id, ...edited })
        await recordAudit(trx, {
          schoolId,
          userId: user.id,
          action: 'partner-updated',
          entity: 'partner',
          entityId: partner.id,
          detail: { name: edited.name, changed },
        })
      })
    } catch (error) {
      // Another teacher gave that name to a partner between the check and the update.
      if (isUniqueViolation(error)) return taken()
      throw error
    }
  }
  return redirectWithFlash(user, `/partners/${partner.id}`, 'partners.detail.saved')
}

async function setActive(user: SessionUser, partner: PartnerDetail, active: boolean) {
  // A repeated click changes nothing and records nothing.
  if (partner.active !== (active ? 1 : 0)) {
    await db.transaction().execute(async (trx) => {
      await setPartnerActive(trx, { schoolId: user.schoolId, id: partner.id, active })
      await recordAudit(trx, {
        schoolId: user.schoolId,
        userId: user.id,
        action: 'partner-updated',
        entity: 'partner',
        entityId: partner.id,
        detail: { name: partner.name, active },
      })
    })
  }
  return redirectWithFlash(
    user,
    `/partners/${partner.id}`,
    active ? 'partners.detail.reactivated' : 'partners.detail.deactivated',
  )
}

function TextareaField({
  meta,
  label,
  hint,
  rows = 3,
}: {
  meta: FieldMetadata<string | undefined>
  label: string
  hint?: string
  rows?: number
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  const describedBy = [hintId, meta.errors ? meta.errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...getTextareaProps(meta, { ariaAttributes: false })}
        key={meta.key}
        rows={rows}
        aria-invalid={meta.errors ? true : undefined}
        aria-describedby={describedBy}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

function CheckboxField({
  meta,
  label,
  hint,
}: {
  meta: FieldMetadata<boolean | undefined>
  label: string
  hint?: string
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  const describedBy = [hintId, meta.errors ? meta.errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label className="check" htmlFor={meta.id}>
        <input
          {...getInputProps(meta, { type: 'checkbox', ariaAttributes: false })}
          key={meta.key}
          aria-invalid={meta.errors ? true : undefined}
          aria-describedby={describedBy}
        />
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

type Partner = ReturnType<typeof useLoaderData<typeof loader>>['partner']

function EditPartnerForm({ partner, reply }: { partner: Partner; reply?: Reply }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<PartnerInput>({
    id: 'edit-partner',
    lastResult: reply?.form === 'edit-partner' ? reply.result : undefined,
    defaultValue: {
      name: partner.name,
      category: partner.category,
      offers: partner.offers,
      patrioticBase: partner.patrioticBase === 1,
      contactName: partner.contactName,
      contactPhone: partner.contactPhone,
      notes: partner.notes,
    },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerSchema }),
  })
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'update'
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      <div className="form-grid">
        <TextField meta={fields.name} label={t('partners.fields.name')} autoComplete="off" />
        <SelectField meta={fields.category} label={t('partners.fields.category')}>
          {PARTNER_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`partners.categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <TextField meta={fields.contactName} label={t('partners.fields.contactName')} autoComplete="off" />
        <TextField
          meta={fields.contactPhone}
          label={t('partners.fields.contactPhone')}
          hint={t('partners.fields.contactPhoneHint')}
          autoComplete="off"
        />
      </div>
      {reply?.existing ? (
        <p>
          <Link to={`/partners/${reply.existing.id}`}>
            {t('partners.duplicate', { name: reply.existing.name })}
          </Link>
        </p>
      ) : null}
      <CheckboxField
        meta={fields.patrioticBase}
        label={t('partners.fields.patrioticBase')}
        hint={t('partners.fields.patrioticBaseHint')}
      />
      <TextareaField
        meta={fields.offers}
        label={t('partners.fields.offers')}
        hint={t('partners.fields.offersHint')}
        rows={2}
      />
      <TextareaField meta={fields.notes} label={t('partners.fields.notes')} />
      <div>
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('partners.detail.saving') : t('partners.detail.save')}
        </button>
      </div>
    </Form>
  )
}

function StatusForm({ partner }: { partner: Partner }) {
  const { t } = useTranslation()
  const active = partner.active === 1
  return (
    <Form method="post" className="stack" aria-labelledby="status-title">
      <h3 id="status-title">{t('partners.detail.status')}</h3>
      <input type="hidden" name="intent" value={active ? 'deactivate' : 'reactivate'} />
      <p className="muted">
        {active ? t('partners.detail.deactivateHint') : t('partners.detail.inactiveNote')}
      </p>
      <div>
        <button type="submit" className={active ? 'button button-danger' : 'button button-secondary'}>
          {active ? t('partners.detail.deactivate') : t('partners.detail.reactivate')}
          <span className="visually-hidden"> {partner.name}</span>
        </button>
      </div>
    </Form>
  )
}

/** A tel: link dials the digits; the text keeps the spacing the school typed. */
function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
}

/** Text typed into a textarea keeps its line breaks. */
function Paragraphs({ text, empty }: { text: string; empty: string }) {
  const lines = text.split(/\n+/).filter((line) => line.trim())
  if (!lines.length) return <p className="muted">{empty}</p>
  return (
    <>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, never reordered
        <p key={index}>{line}</p>
      ))}
    </>
  )
}

function Details({ partner }: { partner: Partner }) {
  const { t } = useTranslation()
  const missing = <span className="muted">{t('partners.detail.noContact')}</span>
  return (
    <section className="card section" aria-labelledby="details-title">
      <h2 id="details-title">{t('partners.detail.details')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('partners.fields.category')}</dt>
          <dd>{t(`partners.categories.${partner.category}`)}</dd>
        </div>
        <div>
          <dt>{t('partners.detail.status')}</dt>
          <dd>{partner.active ? t('partners.detail.active') : t('partners.detail.inactive')}</dd>
        </div>
        <div>
          <dt>{t('partners.fields.contactName')}</dt>
          <dd>{partner.contactName || missing}</dd>
        </div>
        <div>
          <dt>{t('partners.fields.contactPhone')}</dt>
          <dd>{partner.contactPhone ? <PhoneLink phone={partner.contactPhone} /> : missing}</dd>
        </div>
      </dl>
      <h3>{t('partners.fields.offers')}</h3>
      <Paragraphs text={partner.offers} empty={t('partners.detail.noOffers')} />
      <h3>{t('partners.fields.notes')}</h3>
      <Paragraphs text={partner.notes} empty={t('partners.detail.noNotes')} />
    </section>
  )
}

function Activities() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activities, timeZone } = useLoaderData<typeof loader>()
  return (
    <section className="section" aria-labelledby="activities-title">
      <h2 id="activities-title">{t('partners.detail.activitiesTitle', { count: activities.length })}</h2>
      {activities.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('partners.detail.date')}</th>
                <th scope="col">{t('partners.detail.activity')}</th>
                <th scope="col">{t('partners.detail.season')}</th>
                <th scope="col">{t('partners.detail.role')}</th>
                <th scope="col">{t('partners.detail.activityStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {activities.map((activity) => (
                <tr key={activity.id}>
                  <td>{formatInstant(activity.startsAt, locale, timeZone, 'day')}</td>
                  <td>
                    <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
                  </td>
                  <td>
                    <Link to={`/seasons/${activity.seasonId}`}>{activity.seasonTitle}</Link>
                  </td>
                  <td>{t(`partners.roles.${activity.role}`)}</td>
                  <td>
                    <StatusBadge status={activity.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('partners.detail.noActivities')}</p>
      )}
    </section>
  )
}

export default function PartnerPage() {
  const { t } = useTranslation()
  const { partner, canManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <>
      <p>
        <Link to="/partners">{t('partners.detail.back')}</Link>
      </p>
      <PageHeader
        title={partner.name}
        lead={
          <span className="badge-row">
            <span className="badge badge-muted">{t(`partners.categories.${partner.category}`)}</span>
            {partner.patrioticBase ? (
              <span className="badge">{t('partners.list.patrioticBadge')}</span>
            ) : null}
            {partner.active ? null : (
              <span className="badge badge-warning">{t('partners.list.inactiveBadge')}</span>
            )}
          </span>
        }
      />
      <Details partner={partner} />
      <Activities />
      {canManage ? (
        <section className="card section stack" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('partners.detail.editTitle')}</h2>
          {/* Keyed by the saved values so that, after a save, the form shows what was stored. */}
          <EditPartnerForm key={JSON.stringify(partner)} partner={partner} reply={reply} />
          <StatusForm partner={partner} />
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, 'partners.detail.title', { name: data.partner.name })
    : pageTitle(matches, 'partners.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
