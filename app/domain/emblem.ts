/**
 * A school's generated emblem: a round seal with its short name, used until the school uploads
 * its own. Pure, so the server renders it as SVG (and as PNG for share cards) and tests read it.
 */

// What a school's name ends with, longest first: 纪王学校 → 纪王, 藻北小学 → 藻北.
const NAME_ENDINGS = [
  '九年一贯制学校',
  '实验学校',
  '初级中学',
  '高级中学',
  '完全中学',
  '中心小学',
  '幼儿园',
  '小学',
  '中学',
  '学校',
]

/** 闵行区纪王学校 → 纪王, 宝山区藻北小学 → 藻北, 嘉定区怀少幼儿园 → 怀少; at most four characters. */
export function schoolShortName(name: string, district = ''): string {
  let short = name.trim()
  if (district && short.startsWith(district) && short.length > district.length) {
    short = short.slice(district.length)
  }
  // A district written into the name without the school's district field: "…区" up front.
  short = short.replace(/^[\p{Script=Han}]{2,3}[区县](?=[\p{Script=Han}]{2,})/u, '')
  const ending = NAME_ENDINGS.find((end) => short.endsWith(end) && short.length > end.length)
  if (ending) short = short.slice(0, -ending.length)
  const chars = [...short]
  if (/^[\p{Script=Han}]+$/u.test(short)) return chars.slice(0, 4).join('')
  // A Latin name: its initials.
  const initials = short
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('')
  return initials.slice(0, 4) || chars.slice(0, 2).join('')
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char,
  )
}

/** The seal's colour: the palette's accent (a calm vermilion), as a printed seal reads. */
export const EMBLEM_COLOUR = '#a44a24'
export const EMBLEM_SIZE = 200

/** The short name, on one line (up to two characters) or two (three or four). */
function centreText(short: string): string {
  const chars = [...short]
  const font = `font-family="'Noto Serif CJK SC','Source Han Serif SC','Songti SC',SimSun,serif" font-weight="700" fill="${EMBLEM_COLOUR}" text-anchor="middle"`
  if (chars.length <= 2) {
    return `<text x="100" y="118" font-size="52" ${font}>${escapeXml(short)}</text>`
  }
  const half = Math.ceil(chars.length / 2)
  const [top, bottom] = [chars.slice(0, half).join(''), chars.slice(half).join('')]
  return `<text x="100" y="98" font-size="40" ${font}>${escapeXml(top)}</text><text x="100" y="142" font-size="40" ${font}>${escapeXml(bottom)}</text>`
}

/**
 * The seal as a standalone SVG document: double ring, the full name along the upper ring, the short
 * name in the middle, a star below. Text is escaped; nothing external is referenced.
 */
export function emblemSvg({ name, shortName }: { name: string; shortName: string }): string {
  const nameSize = Math.min(18, Math.floor(230 / Math.max(1, [...name].length)))
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="${EMBLEM_SIZE}" height="${EMBLEM_SIZE}">`,
    `<title>${escapeXml(name)}</title>`,
    `<circle cx="100" cy="100" r="95" fill="#ffffff" stroke="${EMBLEM_COLOUR}" stroke-width="6"/>`,
    `<circle cx="100" cy="100" r="66" fill="none" stroke="${EMBLEM_COLOUR}" stroke-width="2"/>`,
    '<path id="ring" d="M 22 100 A 78 78 0 0 1 178 100" fill="none"/>',
    `<text font-size="${nameSize}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-weight="700" fill="${EMBLEM_COLOUR}" letter-spacing="1"><textPath href="#ring" startOffset="50%" text-anchor="middle">${escapeXml(name)}</textPath></text>`,
    centreText(shortName),
    `<path d="M100 160 l3.5 7.2 7.9 1.1 -5.7 5.6 1.3 7.9 -7 -3.7 -7 3.7 1.3 -7.9 -5.7 -5.6 7.9 -1.1z" fill="${EMBLEM_COLOUR}"/>`,
    '</svg>',
  ].join('')
}
