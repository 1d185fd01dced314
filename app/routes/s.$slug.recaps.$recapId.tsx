import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { RecapArticle } from '~/components/recap-article'
import type { Locale } from '~/domain/locale'
import { parseId } from '~/domain/schemas'
import { findSchoolBySlug } from '~/models/calendar.server'
import { findPublicRecap, newsCacheHeaders } from '~/models/news.server'
import { getSessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { EMBLEM_PIXELS, emblemPngPath } from '~/utils/emblem.server'
import { pageTitle } from '~/utils/meta'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

/**
 * One public recap, as shared in WeChat: names masked, public photos only. Whatever is not public
 * (a draft, one for parents, another school's) is 404, so its existence does not show.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const school = params.slug ? await findSchoolBySlug(db, params.slug) : undefined
  if (!school) notFound()
  const recapId = parseId(params.recapId)
  if (recapId === null) notFound()
  const [recap, reader] = await Promise.all([
    findPublicRecap(db, { schoolId: school.id, recapId }),
    getSessionUser(request),
  ])
  if (!recap) notFound()
  const origin = publicOrigin()
  const { cover } = recap
  return data(
    {
      school: { slug: school.slug, name: school.name, timeZone: school.timeZone },
      recap: {
        id: recap.id,
        title: recap.title,
        excerpt: recap.excerpt,
        publishedAt: recap.publishedAt,
        seasonTitle: recap.seasonTitle,
        bodyHtml: recap.bodyHtml,
        cover,
        photos: recap.photos.filter((photo) => photo.id !== cover?.id),
      },
      url: `${origin}/s/${encodeURIComponent(school.slug)}/recaps/${recap.id}`,
      // The cover when the public may see it, else the school's emblem (as PNG: share cards take no SVG).
      image: cover
        ? {
            url: `${origin}/photos/${cover.id}/large`,
            width: cover.width,
            height: cover.height,
            alt: cover.caption,
            large: true,
          }
        : {
            url: `${origin}${emblemPngPath(school)}`,
            width: EMBLEM_PIXELS,
            height: EMBLEM_PIXELS,
            alt: school.name,
            large: false,
          },
    },
    { headers: newsCacheHeaders('page', reader !== null) },
  )
}

// `data()` carries the cache headers; without single fetch's type augmentation its payload is typed here.
type LoaderData = Awaited<ReturnType<typeof loader>>['data']

export default function PublicRecap() {
  const { school, recap } = useLoaderData() as LoaderData
  const { t } = useTranslation()
  const locale = useLocale()
  const base = `/s/${encodeURIComponent(school.slug)}`
  const names = { school: school.name }
  return (
    <div className="news news-recap">
      <p className="news-back">
        <Link to={base}>
          <span aria-hidden="true">← </span>
          {t('news.back', names)}
        </Link>
      </p>
      <RecapArticle
        title={recap.title}
        schoolName={school.name}
        publishedAt={recap.publishedAt}
        bodyHtml={recap.bodyHtml}
        cover={recap.cover}
        photos={recap.photos}
        seasonTitle={recap.seasonTitle}
        timeZone={school.timeZone}
      />
      <footer className="news-recap-footer">
        <p className="news-privacy muted small">{t('news.privacyNote')}</p>
        <p className="link-row">
          <Link to={base}>{t('news.back', names)}</Link>
          <a href={`${base}/feed.xml${locale === 'en' ? '?lang=en' : ''}`} type="application/atom+xml">
            {t('news.subscribe')}
          </a>
        </p>
      </footer>
    </div>
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export const meta: MetaFunction = ({ data: loaded, matches }) => {
  const data = loaded as LoaderData | undefined
  if (!data) return pageTitle(matches, 'news.title')
  const { recap, school, image } = data
  const locale =
    (matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined)?.locale ?? 'zh'
  return [
    ...pageTitle(matches, 'news.recapTitle', { title: recap.title, school: school.name }),
    { name: 'description', content: recap.excerpt },
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: recap.title },
    { property: 'og:description', content: recap.excerpt },
    { property: 'og:url', content: data.url },
    { property: 'og:site_name', content: school.name },
    { property: 'og:locale', content: locale === 'en' ? 'en_US' : 'zh_CN' },
    { property: 'og:image', content: image.url },
    { property: 'og:image:width', content: String(image.width) },
    { property: 'og:image:height', content: String(image.height) },
    ...(image.alt ? [{ property: 'og:image:alt', content: image.alt }] : []),
    { property: 'article:published_time', content: recap.publishedAt },
    // A large card needs a photo; with the square emblem the small card reads better.
    { name: 'twitter:card', content: image.large ? 'summary_large_image' : 'summary' },
    { tagName: 'link', rel: 'canonical', href: data.url },
  ]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
