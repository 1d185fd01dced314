import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import type { Locale } from '~/domain/locale'
import { parseId } from '~/domain/schemas'
import { findSchoolBySlug } from '~/models/calendar.server'
import { listPublicRecapPage, newsCacheHeaders, smallSize } from '~/models/news.server'
import { getSessionUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { createI18n } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

/**
 * A school's public news, newest first. Anyone may read it; a signed-in reader sees exactly what a
 * visitor sees, whatever their role or school.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const school = params.slug ? await findSchoolBySlug(db, params.slug) : undefined
  if (!school) notFound()
  const url = new URL(request.url)
  const asked = url.searchParams.get('page')
  const page = asked === null ? 1 : parseId(asked)
  if (page === null) notFound()
  const [{ recaps, hasNext }, reader] = await Promise.all([
    listPublicRecapPage(db, { schoolId: school.id, page }),
    getSessionUser(request),
  ])
  if (page > 1 && recaps.length === 0) notFound()
  return data(
    {
      school: { slug: school.slug, name: school.name, kind: school.kind, timeZone: school.timeZone },
      home: `${publicOrigin()}/s/${encodeURIComponent(school.slug)}`,
      page,
      hasNext,
      recaps: recaps.map(({ cover, ...recap }) => ({
        ...recap,
        thumbnail: cover ? { id: cover.id, ...smallSize(cover) } : null,
      })),
    },
    { headers: newsCacheHeaders('page', reader !== null) },
  )
}

// `data()` carries the cache headers; without single fetch's type augmentation its payload is typed here.
type LoaderData = Awaited<ReturnType<typeof loader>>['data']

function pagePath(base: string, page: number): string {
  return page === 1 ? base : `${base}?page=${page}`
}

function feedPath(base: string, locale: Locale): string {
  return `${base}/feed.xml${locale === 'en' ? '?lang=en' : ''}`
}

export default function SchoolNews() {
  const { school, page, hasNext, recaps } = useLoaderData() as LoaderData
  const { t } = useTranslation()
  const locale = useLocale()
  const base = `/s/${encodeURIComponent(school.slug)}`
  const names = { school: school.name }
  return (
    <div className="news">
      <header className="news-hero">
        <p className="news-kind">{t(`kinds.${school.kind}`)}</p>
        <h1>{school.name}</h1>
        <p className="lead">{t('news.welcome', names)}</p>
        <p className="news-subscribe">
          <a href={feedPath(base, locale)} type="application/atom+xml" className="news-feed-link">
            {t('news.subscribe')}
          </a>
          <span className="muted small">{t('news.subscribeHint')}</span>
        </p>
      </header>

      <section className="section" aria-labelledby="news-list-title">
        <h2 id="news-list-title">
          {t('news.listHeading')}
          {page > 1 ? <span className="muted"> · {t('news.pagination.page', { page })}</span> : null}
        </h2>
        {recaps.length === 0 ? (
          <p className="card news-empty">{t('news.empty')}</p>
        ) : (
          <ol className="news-list">
            {recaps.map((recap) => (
              <li key={recap.id}>
                <article className="news-item">
                  {recap.thumbnail ? (
                    <img
                      className="news-thumb"
                      src={`/photos/${recap.thumbnail.id}/small`}
                      width={recap.thumbnail.width}
                      height={recap.thumbnail.height}
                      alt=""
                      loading="lazy"
                    />
                  ) : null}
                  <div className="news-item-text">
                    <h3>
                      <Link to={`${base}/recaps/${recap.id}`} className="news-item-link">
                        {recap.title}
                      </Link>
                    </h3>
                    <p className="news-date">
                      <time dateTime={recap.publishedAt}>
                        {formatInstant(recap.publishedAt, locale, school.timeZone, 'day')}
                      </time>
                    </p>
                    {recap.excerpt ? <p className="news-excerpt">{recap.excerpt}</p> : null}
                  </div>
                </article>
              </li>
            ))}
          </ol>
        )}
        {page > 1 || hasNext ? (
          <nav className="news-pages" aria-label={t('news.pagination.label')}>
            {page > 1 ? (
              <Link to={pagePath(base, page - 1)} rel="prev" className="button button-secondary">
                {t('news.pagination.newer')}
              </Link>
            ) : null}
            {hasNext ? (
              <Link to={pagePath(base, page + 1)} rel="next" className="button button-secondary">
                {t('news.pagination.older')}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      {recaps.length ? <p className="news-privacy muted small">{t('news.privacyNote')}</p> : null}
    </div>
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

const translators = { zh: createI18n('zh').t, en: createI18n('en').t }

export const meta: MetaFunction = ({ data: loaded, matches }) => {
  const data = loaded as LoaderData | undefined
  if (!data) return pageTitle(matches, 'news.title')
  const locale =
    (matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined)?.locale ?? 'zh'
  const t = translators[locale]
  const names = { school: data.school.name }
  const url = pagePath(data.home, data.page)
  return [
    ...pageTitle(matches, 'news.pageTitle', names),
    { name: 'description', content: t('news.welcome', names) },
    { property: 'og:type', content: 'website' },
    { property: 'og:title', content: t('news.pageTitle', names) },
    { property: 'og:description', content: t('news.welcome', names) },
    { property: 'og:url', content: url },
    { property: 'og:site_name', content: data.school.name },
    { property: 'og:locale', content: locale === 'en' ? 'en_US' : 'zh_CN' },
    { tagName: 'link', rel: 'canonical', href: url },
    {
      tagName: 'link',
      rel: 'alternate',
      type: 'application/atom+xml',
      href: feedPath(data.home, locale),
      title: t('news.feedLinkTitle', names),
    },
    ...(data.page > 1 ? [{ tagName: 'link', rel: 'prev', href: pagePath(data.home, data.page - 1) }] : []),
    ...(data.hasNext ? [{ tagName: 'link', rel: 'next', href: pagePath(data.home, data.page + 1) }] : []),
  ]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
