/**
 * The icons Siji uses, by their Lucide names (lucide-static, ISC licence). `npm run icons` builds
 * public/icons.svg from exactly this list; a unit test checks the sprite holds each one.
 */
export const ICON_NAMES = [
  'arrow-left',
  'award',
  'building-2',
  'calendar',
  'calendar-clock',
  'calendar-cog',
  'calendar-days',
  'chart-column',
  'clipboard-check',
  'file-check',
  'footprints',
  'handshake',
  'history',
  'house',
  'image',
  'leaf',
  'list',
  'megaphone',
  'newspaper',
  'pen-line',
  'printer',
  'rss',
  'school',
  'sprout',
  'trash-2',
  'upload',
  'user-cog',
  'users',
] as const

export type IconName = (typeof ICON_NAMES)[number]
