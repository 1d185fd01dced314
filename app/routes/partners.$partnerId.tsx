import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PartnerForm } from '~/components/partner-form'
import { PhoneLink } from '~/components/phone-link'
import { StatusBadge } from '~/components/status-badge'
import { can } from '~/domain/permissions'
import { parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import {
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
import { parsePartnerForm } from '~/utils/partner-form.server'
import { notFound } from '~/utils/responses'
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
  const parsed = await parsePartnerForm(formData, { schoolId, form: 'edit-partner', exceptId: partner.id })
  if (!parsed.ok) return parsed.refusal
  const { partner: edited, nameTaken } = parsed
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
      if (isUniqueViolation(error)) return nameTaken()
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

type Partner = ReturnType<typeof useLoaderData<typeof loader>>['partner']

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
          <PartnerForm
            key={JSON.stringify(partner)}
            id="edit-partner"
            intent="update"
            defaultValue={{
              name: partner.name,
              category: partner.category,
              offers: partner.offers,
              patrioticBase: partner.patrioticBase === 1,
              contactName: partner.contactName,
              contactPhone: partner.contactPhone,
              notes: partner.notes,
            }}
            reply={reply}
            submitLabel={t('partners.detail.save')}
            submittingLabel={t('partners.detail.saving')}
          />
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
