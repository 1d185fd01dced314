import { useTranslation } from 'react-i18next'
import { formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

/** A photo as a reader sees it: the caller passes only those this reader may see. */
export type RecapPhotoView = { id: number; caption: string; width: number; height: number }

function Photo({ photo, sizes, eager }: { photo: RecapPhotoView; sizes: string; eager?: boolean }) {
  return (
    <figure className="recap-figure">
      <img
        src={`/photos/${photo.id}/large`}
        srcSet={`/photos/${photo.id}/small 480w, /photos/${photo.id}/large 1600w`}
        sizes={sizes}
        width={photo.width}
        height={photo.height}
        alt={photo.caption}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
      />
      <figcaption>{photo.caption}</figcaption>
    </figure>
  )
}

/**
 * A recap as readers see it, on the staff page, the parents' pages and the public news: title,
 * school and date, the cover, the body (HTML already rendered safe by renderMarkdown) and the other
 * photos. The caller has already masked names and left out the photos this reader may not see.
 */
export function RecapArticle({
  title,
  schoolName,
  publishedAt,
  bodyHtml,
  cover,
  photos,
  seasonTitle,
  timeZone = 'Asia/Shanghai',
}: {
  title: string
  schoolName: string
  publishedAt: string | null
  bodyHtml: string
  cover: RecapPhotoView | null
  photos: RecapPhotoView[]
  seasonTitle?: string | null
  /** The school's time zone, for the date; Shanghai unless said */
  timeZone?: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const gallery = cover ? photos.filter((photo) => photo.id !== cover.id) : photos
  return (
    <article className="recap-article">
      <header className="recap-article-header">
        <h1>{title}</h1>
        <p className="recap-byline">
          <span>{schoolName}</span>
          <span>
            {publishedAt
              ? t('recaps.article.publishedOn', { date: formatInstant(publishedAt, locale, timeZone, 'day') })
              : t('recaps.article.notPublished')}
          </span>
          {seasonTitle ? <span>{seasonTitle}</span> : null}
        </p>
      </header>
      {cover ? (
        <div className="recap-cover">
          <Photo photo={cover} sizes="(max-width: 800px) 100vw, 760px" eager />
        </div>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's output, raw HTML stripped and sanitised */}
      <div className="recap-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {gallery.length ? (
        <section className="recap-gallery" aria-label={t('recaps.article.photos')}>
          {gallery.map((photo) => (
            <Photo key={photo.id} photo={photo} sizes="(max-width: 600px) 100vw, 370px" />
          ))}
        </section>
      ) : null}
    </article>
  )
}
