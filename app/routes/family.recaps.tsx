import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RecapCover } from '~/components/recap-cover'
import { parseId } from '~/domain/schemas'
import { listChildrenOfGuardian } from '~/models/family.server'
import {
  listChildrenOfRecaps,
  listCoversShownToParents,
  listFamilyRecaps,
} from '~/models/family-portal.server'
import { getSchoolEmblem } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { emblemPath } from '~/utils/emblem.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'family:read' })
  const { schoolId } = user
  const asked = new URL(request.url).searchParams.get('page')
  const page = asked === null ? 1 : parseId(asked)
  if (!page) notFound()
  const children = await listChildrenOfGuardian(db, { schoolId, guardianId: user.id })
  // One more than a page tells whether an older page follows.
  const rows = await listFamilyRecaps(db, {
    schoolId,
    gradeIds: [...new Set(children.map((child) => child.gradeId))],
    classIds: [...new Set(children.map((child) => child.classId))],
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  })
  const recaps = rows.slice(0, PAGE_SIZE)
  const [concerned, covers, school] = await Promise.all([
    listChildrenOfRecaps(db, {
      schoolId,
      childIds: children.map((child) => child.id),
      recapIds: recaps
        .filter((recap) => recap.audience !== 'public' && recap.audience !== 'parents')
        .map((r) => r.id),
    }),
    listCoversShownToParents(db, { schoolId, recaps }),
    getSchoolEmblem(db, { schoolId }),
  ])
  const nameOf = new Map(children.map((child) => [child.id, child.name]))
  return {
    page,
    hasOlder: rows.length > PAGE_SIZE,
    timeZone: user.school.timeZone,
    emblem: emblemPath(school),
    recaps: recaps.map((recap) => ({
      id: recap.id,
      title: recap.title,
      publishedAt: recap.publishedAt,
      coverId: covers.get(recap.id) ?? null,
      // Meant for everyone: say so; meant for grades or classes: say which children it is about.
      audience: recap.audience === 'public' || recap.audience === 'parents' ? recap.audience : null,
      children: (concerned.get(recap.id) ?? []).map((id) => nameOf.get(id) ?? ''),
    })),
  }
}

export default function FamilyRecapsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { page, hasOlder, recaps, timeZone, emblem } = useLoaderData<typeof loader>()
  return (
    <div className="family-portal">
      <PageHeader
        title={t('family.recaps.title')}
        lead={
          page > 1
            ? `${t('family.recaps.lead')} ${t('family.recaps.page', { page })}`
            : t('family.recaps.lead')
        }
      />
      {recaps.length ? (
        <ul className="plain-list card family-list family-recap-list">
          {recaps.map((recap) => (
            <li key={recap.id} className="family-recap">
              <RecapCover coverId={recap.coverId} emblem={emblem} />
              <div>
                <h2 className="family-recap-title">
                  <Link to={`/recaps/${recap.id}`}>{recap.title}</Link>
                </h2>
                <p className="muted small">
                  <time dateTime={recap.publishedAt}>
                    {t('family.recaps.publishedOn', {
                      date: formatInstant(recap.publishedAt, locale, timeZone, 'day'),
                    })}
                  </time>{' '}
                  {recap.audience ? (
                    <span className="badge badge-muted">
                      {t(`family.recaps.audiences.${recap.audience}`)}
                    </span>
                  ) : recap.children.length ? (
                    <span className="badge">
                      {t('family.recaps.forChildren', {
                        names: recap.children.join(t('common.listSeparator')),
                      })}
                    </span>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card muted">{page > 1 ? t('family.recaps.pastEnd') : t('family.recaps.empty')}</p>
      )}
      {page > 1 || hasOlder ? (
        <nav aria-label={t('family.recaps.pages')} className="link-row family-pager">
          {page > 1 ? (
            <Link to={page === 2 ? '/family/recaps' : `/family/recaps?page=${page - 1}`} rel="prev">
              {t('family.recaps.newer')}
            </Link>
          ) : null}
          {hasOlder ? (
            <Link to={`/family/recaps?page=${page + 1}`} rel="next">
              {t('family.recaps.older')}
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p>
        <Link to="/family">{t('family.recaps.backHome')}</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'family.recaps.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
