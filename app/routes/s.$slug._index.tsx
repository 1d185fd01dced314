import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Icon } from '~/components/icon'
import { SchoolEmblem } from '~/components/school-emblem'
import type { Locale } from '~/domain/locale'
import { parseId } from '~/domain/schemas'
import { strandColourClass } from '~/domain/strand-colours'
import { findSchoolBySlug } from '~/models/calendar.server'
import {
  findCurrentPublicSeason,
  listPublicRecapPage,
  newsCacheHeaders,
  smallSize,
} from '~/models/news.server'
import { getSessionUser } from '~/utils/auth.server'
import * as clock from '~/utils/clock'
import { formatInstant, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { emblemPath } from '~/utils/emblem.server'
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
  const today = todayIn(school.timeZone, clock.now())
  const [{ recaps, hasNext }, season, reader] = await Promise.all([
    listPublicRecapPage(db, { schoolId: school.id, page }),
    findCurrentPublicSeason(db, { schoolId: school.id, today }),
    getSessionUser(request),
  ])
  if (page > 1 && recaps.length === 0) notFound()
  const emblem = emblemPath(school)
  return data(
    {
      school: { slug: school.slug, name: school.name, kind: school.kind, timeZone: school.timeZone, emblem },
      home: `${publicOrigin()}/s/${encodeURIComponent(school.slug)}`,
      page,
      hasNext,
      season,
      recaps: recaps.map(({ cover, strand, ...recap }) => ({
        ...recap,
        // A recap without a photo the public may see shows the school's emblem instead.
        image: cover ? { src: `/photos/${cover.id}/small`, ...smallSize(cover) } : null,
        strand: strand ? { title: strand.title, colour: strandColourClass(strand.position) } : null,
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
  const { school, page, hasNext, season, recaps } = useLoaderData() as LoaderData
  const { t } = useTranslation()
  const locale = useLocale()
  const base = `/s/${encodeURIComponent(school.slug)}`
  const names = { school: school.name }
  return (
    <div className="news">
      <header className="news-hero">
        <SchoolEmblem src={school.emblem} schoolName={school.name} size={88} className="news-emblem" />
        <div className="news-hero-text">
          <p className="news-kind">{t(`kinds.${school.kind}`)}</p>
          <h1>{school.name}</h1>
          {season ? (
            <p className="news-season">
              <Icon name="sprout" />
              <span>
                <span className="news-season-label">{t('identity.news.currentSeason')}</span>{' '}
                <strong>{season.title}</strong>
                {season.slogan ? <span className="news-season-slogan">{season.slogan}</span> : null}
              </span>
            </p>
          ) : null}
          <p className="lead">{t('news.welcome', names)}</p>
        </div>
      </header>

      <section className="section" aria-labelledby="news-list-title">
        <h2 id="news-list-title">
          <Icon name="newspaper" /> {t('news.listHeading')}
          {page > 1 ? <span className="muted"> · {t('news.pagination.page', { page })}</span> : null}
        </h2>
        {recaps.length === 0 ? (
          <p className="card news-empty">{t('news.empty')}</p>
        ) : (
          <ol className="news-list">
            {recaps.map((recap) => (
              <li key={recap.id}>
                <article className={recap.strand ? `news-item ${recap.strand.colour}` : 'news-item'}>
                  {recap.image ? (
                    <img
                      className="news-thumb"
                      src={recap.image.src}
                      width={recap.image.width}
                      height={recap.image.height}
                      alt=""
                      loading="lazy"
                    />
                  ) : (
                    <span className="news-thumb news-thumb-emblem">
                      <SchoolEmblem src={school.emblem} schoolName={school.name} size={96} decorative />
                    </span>
                  )}
                  <div className="news-item-text">
                    {recap.strand ? (
                      <p className="strand-chip">
                        {t('identity.news.strand', { strand: recap.strand.title })}
                      </p>
                    ) : null}
                    <h3>
                      <Link to={`${base}/recaps/${recap.id}`} className="news-item-link">
                        {recap.title}
                      </Link>
                    </h3>
                    <p className="news-date">
                      <Icon name="calendar" />{' '}
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

      <footer className="news-footer">
        {recaps.length ? <p className="news-privacy muted small">{t('news.privacyNote')}</p> : null}
        {/* Kept for readers who follow the school in an RSS reader, below the news rather than above it. */}
        <p className="news-subscribe small">
          <a href={feedPath(base, locale)} type="application/atom+xml" className="news-feed-link">
            <Icon name="rss" /> {t('news.subscribe')}
          </a>
          <span className="muted">{t('news.subscribeHint')}</span>
        </p>
      </footer>
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
