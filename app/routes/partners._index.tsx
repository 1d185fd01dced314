import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PartnerForm } from '~/components/partner-form'
import { PhoneLink } from '~/components/phone-link'
import { TableScroll } from '~/components/ui/table-scroll'
import { isPartnerCategory, PARTNER_CATEGORIES } from '~/domain/partner-schemas'
import { can } from '~/domain/permissions'
import { recordAudit } from '~/models/audit.server'
import { insertPartner, listPartners } from '~/models/partners.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { parsePartnerForm } from '~/utils/partner-form.server'
import { useLocale } from '~/utils/use-locale'
import { isUniqueViolation } from '../../db/errors'

const SEARCH_MAX = 60

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'partners:read' })
  const params = new URL(request.url).searchParams
  const category = params.get('category')
  const filter = {
    category: isPartnerCategory(category) ? category : undefined,
    patrioticOnly: params.get('patriotic') === '1',
    search: params.get('q')?.trim().slice(0, SEARCH_MAX) || undefined,
    includeInactive: params.get('inactive') === '1',
  }
  const partners = await listPartners(db, { schoolId: user.schoolId, ...filter })
  return {
    partners,
    filter: { ...filter, category: filter.category ?? '', search: filter.search ?? '' },
    timeZone: user.school.timeZone,
    canManage: can(user.role, 'partners:manage'),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'partners:manage' })
  const formData = await request.formData()
  if (formData.get('intent') !== 'create') throw new Response('Unknown intent', { status: 400 })
  return createPartner(user, formData)
}

async function createPartner(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const parsed = await parsePartnerForm(formData, { schoolId, form: 'add-partner' })
  if (!parsed.ok) return parsed.refusal
  const { partner, nameTaken } = parsed
  let id: number
  try {
    id = await db.transaction().execute(async (trx) => {
      const id = await insertPartner(trx, { schoolId, ...partner })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'partner-created',
        entity: 'partner',
        entityId: id,
        detail: { name: partner.name, category: partner.category, patrioticBase: partner.patrioticBase },
      })
      return id
    })
  } catch (error) {
    // A double-clicked submit: the first request took the name between the check and the insert.
    if (isUniqueViolation(error)) return nameTaken()
    throw error
  }
  return redirectWithFlash(user, `/partners/${id}`, 'partners.add.added')
}

type Filter = ReturnType<typeof useLoaderData<typeof loader>>['filter']

/** A plain GET form: the filter lives in the URL, so it can be bookmarked and works without JavaScript. */
function FilterForm({ filter }: { filter: Filter }) {
  const { t } = useTranslation()
  const filtered = Boolean(filter.category || filter.search || filter.patrioticOnly || filter.includeInactive)
  return (
    <Form
      method="get"
      className="inline-form filter-form"
      role="search"
      aria-label={t('partners.list.filterTitle')}
    >
      <div className="field">
        <label htmlFor="partner-filter-category">{t('partners.list.category')}</label>
        <select id="partner-filter-category" name="category" defaultValue={filter.category}>
          <option value="">{t('partners.list.allCategories')}</option>
          {PARTNER_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`partners.categories.${category}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="partner-filter-q">{t('partners.list.search')}</label>
        <input
          id="partner-filter-q"
          name="q"
          type="search"
          defaultValue={filter.search}
          maxLength={SEARCH_MAX}
        />
      </div>
      <label className="check" htmlFor="partner-filter-patriotic">
        <input
          id="partner-filter-patriotic"
          name="patriotic"
          type="checkbox"
          value="1"
          defaultChecked={filter.patrioticOnly}
        />
        {t('partners.list.patrioticOnly')}
      </label>
      <label className="check" htmlFor="partner-filter-inactive">
        <input
          id="partner-filter-inactive"
          name="inactive"
          type="checkbox"
          value="1"
          defaultChecked={filter.includeInactive}
        />
        {t('partners.list.showInactive')}
      </label>
      <button type="submit" className="button button-secondary">
        {t('partners.list.filter')}
      </button>
      {filtered ? <Link to="/partners">{t('partners.list.clear')}</Link> : null}
    </Form>
  )
}

export default function PartnersPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { partners, filter, timeZone, canManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const filtered = Boolean(filter.category || filter.search || filter.patrioticOnly || filter.includeInactive)
  return (
    <>
      <PageHeader
        title={t('partners.title')}
        lead={t('partners.lead')}
        actions={
          canManage ? (
            <a href="#add-partner-section" className="button button-secondary">
              {t('partners.add.title')}
            </a>
          ) : null
        }
      />
      <section className="section" aria-labelledby="list-title">
        <h2 id="list-title">{t('partners.list.title', { count: partners.length })}</h2>
        <FilterForm key={JSON.stringify(filter)} filter={filter} />
        {partners.length === 0 ? (
          <p className="muted">{filtered ? t('partners.list.noMatch') : t('partners.list.empty')}</p>
        ) : (
          <TableScroll label={t('partners.list.title', { count: partners.length })}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('partners.list.name')}</th>
                  <th scope="col">{t('partners.fields.category')}</th>
                  <th scope="col">{t('partners.list.offers')}</th>
                  <th scope="col">{t('partners.list.contact')}</th>
                  <th scope="col">{t('partners.list.activities')}</th>
                  <th scope="col">{t('partners.list.lastActivity')}</th>
                </tr>
              </thead>
              <tbody>
                {partners.map((partner) => (
                  <tr key={partner.id}>
                    <td>
                      <Link to={`/partners/${partner.id}`}>{partner.name}</Link>
                      {partner.active ? null : (
                        <>
                          {' '}
                          <span className="badge badge-muted">{t('partners.list.inactiveBadge')}</span>
                        </>
                      )}
                    </td>
                    <td>
                      <span className="badge-row">
                        <span className="badge badge-muted">
                          {t(`partners.categories.${partner.category}`)}
                        </span>
                        {partner.patrioticBase ? (
                          <span className="badge">{t('partners.list.patrioticBadge')}</span>
                        ) : null}
                      </span>
                    </td>
                    <td className="cell-text">{partner.offers}</td>
                    <td>
                      {partner.contactName}
                      {partner.contactName && partner.contactPhone ? <br /> : null}
                      {partner.contactPhone ? <PhoneLink phone={partner.contactPhone} /> : null}
                    </td>
                    <td>{t('partners.list.activityCount', { count: partner.activityCount })}</td>
                    <td>
                      {partner.lastActivityAt ? (
                        formatInstant(partner.lastActivityAt, locale, timeZone, 'day')
                      ) : (
                        <span className="muted">{t('partners.list.never')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {canManage ? (
        <section id="add-partner-section" className="card" aria-labelledby="add-partner-title">
          <h2 id="add-partner-title">{t('partners.add.title')}</h2>
          <PartnerForm
            id="add-partner"
            intent="create"
            defaultValue={{ category: 'community' }}
            reply={reply}
            submitLabel={t('partners.add.submit')}
            submittingLabel={t('partners.add.submitting')}
          />
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
