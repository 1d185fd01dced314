import { SchoolEmblem } from './school-emblem'

/**
 * A small cover beside a recap's title on the family pages: its cover photo when this reader may
 * see it, else the school's emblem. Decorative either way: the title says what it is.
 */
export function RecapCover({ coverId, emblem }: { coverId: number | null; emblem: string }) {
  if (coverId === null) {
    return (
      <span className="family-cover-emblem">
        <SchoolEmblem src={emblem} schoolName="" size={56} decorative />
      </span>
    )
  }
  return (
    <img
      className="family-cover"
      src={`/photos/${coverId}/small`}
      alt=""
      width={96}
      height={72}
      loading="lazy"
    />
  )
}
