import type { PhotoConsent, RecapAudience, RecapStatus } from './vocabulary'

/**
 * Who is reading. School matching is the caller's query's job: a signed-in user of another school
 * reads as the public.
 */
export type RecapReader =
  | { kind: 'public' }
  | { kind: 'staff'; userId: number; isAdmin: boolean }
  /** The grades and classes of the parent's own children */
  | { kind: 'parent'; gradeIds: readonly number[]; classIds: readonly number[] }

export type RecapReaderKind = RecapReader['kind']

export type RecapAccess = {
  status: RecapStatus
  audience: RecapAudience
  authorId: number | null
  /** Targets of audience 'grades' and 'classes' */
  gradeIds: readonly number[]
  classIds: readonly number[]
}

function overlaps(a: readonly number[], b: readonly number[]): boolean {
  return a.some((id) => b.includes(id))
}

/**
 * The one rule of who reads a recap. Staff read every published recap of their school (staff-only
 * ones too) and their own at any stage; admins also read what waits for their review; nobody reads
 * someone else's draft or returned recap. Everyone else reads published recaps only: parents those
 * meant for the public, all parents, or one of their children's grades or classes; the public only
 * public ones.
 */
export function canReadRecap(recap: RecapAccess, reader: RecapReader): boolean {
  if (reader.kind === 'staff') {
    if (recap.authorId !== null && recap.authorId === reader.userId) return true
    if (recap.status === 'published') return true
    return recap.status === 'in_review' && reader.isAdmin
  }
  if (recap.status !== 'published') return false
  if (reader.kind === 'public') return recap.audience === 'public'
  switch (recap.audience) {
    case 'public':
    case 'parents':
      return true
    case 'grades':
      return overlaps(recap.gradeIds, reader.gradeIds)
    case 'classes':
      return overlaps(recap.classIds, reader.classIds)
    case 'staff':
      return false
  }
}

// Two-character surnames (复姓) that keep both characters when a name is masked.
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '澹台',
  '端木',
  '司空',
  '南宫',
  '西门',
  '独孤',
  '百里',
  '呼延',
  '闻人',
  '申屠',
  '太史',
  '万俟',
  '赫连',
  '淳于',
  '单于',
  '濮阳',
  '公冶',
  '宗政',
  '仲孙',
  '羊舌',
  '拓跋',
  '第五',
  '梁丘',
  '左丘',
  '东郭',
  '乐正',
  '亓官',
  '巫马',
  '谷梁',
  '漆雕',
  '壤驷',
  '公良',
  '公西',
  '司寇',
  '鲜于',
  '东门',
  '段干',
  '子车',
  '颛孙',
  '公羊',
]

const MASK_SUFFIX = '同学'
/** What teachers write after a pupil's name; the mask ends in the same word, so it is written once. */
const HONORIFICS = ['同学', '小朋友'] as const
// Middle dots of transcribed names (阿依古丽·买买提): ASCII-era, Japanese, hyphenation-point and
// half-width variants all occur in typed text and rosters alike.
const DOTS = '·•・‧･∙⋅'
// A Latin name ("Li Ming") or a name with a middle dot keeps one part.
const NAME_PARTS = new RegExp(`[\\s${DOTS}.]+`, 'u')
const HAS_DOT = new RegExp(`[${DOTS}]`, 'u')
const HAS_LATIN = /[A-Za-z]/

/**
 * 张思远 → 张同学, 欧阳娜娜 → 欧阳同学, Li Ming → Li 同学, Tom → T 同学. A name with a middle dot keeps
 * its last part, the one that plays a surname's role in a transcribed name (given name first:
 * 阿依古丽·买买提 → 买买提同学), so the given name a classmate calls the pupil by stays hidden.
 * `honorific` replaces 同学 (张思远小朋友 → 张小朋友).
 */
export function maskPupilName(name: string, honorific: string = MASK_SUFFIX): string {
  const trimmed = name.trim()
  if (trimmed === '') return honorific
  const parts = trimmed.split(NAME_PARTS).filter(Boolean)
  if (parts.length > 1) {
    const kept = (HAS_DOT.test(trimmed) ? parts.at(-1) : parts[0]) ?? trimmed
    return HAS_LATIN.test(kept) ? `${kept} ${honorific}` : `${kept}${honorific}`
  }
  const chars = [...trimmed]
  // A one-word Latin name has no surname to keep apart: its initial stands for it.
  if (HAS_LATIN.test(trimmed)) return `${chars[0]} ${honorific}`
  const compound = chars.length > 2 && COMPOUND_SURNAMES.includes(chars.slice(0, 2).join(''))
  return `${chars.slice(0, compound ? 2 : 1).join('')}${honorific}`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function namePattern(name: string): string {
  // Latin names match as whole words and with any spacing; Chinese text has no word boundaries.
  if (HAS_LATIN.test(name)) {
    const words = name.split(/\s+/).map(escapeRegExp).join('\\s+')
    return `(?<![A-Za-z0-9])${words}(?![A-Za-z0-9])`
  }
  // A dotted name matches whichever dot the text was typed with.
  if (HAS_DOT.test(name)) {
    return name
      .split(new RegExp(`\\s*[${DOTS}]\\s*`, 'u'))
      .map(escapeRegExp)
      .join(`\\s*[${DOTS}]\\s*`)
  }
  return escapeRegExp(name)
}

/** The key a name is known by, whatever dot or spacing the text used. */
function nameKey(name: string): string {
  return name
    .trim()
    .replace(new RegExp(`\\s*[${DOTS}]\\s*`, 'gu'), '·')
    .replace(/\s+/g, ' ')
}

/**
 * The names of the list that occur in the text, however their dots and spaces were typed: a school
 * has thousands of pupils and a recap names a few, so only these go into the masking pattern.
 */
export function pupilNamesIn(text: string, names: readonly string[]): string[] {
  const normalised = nameKey(text)
  return names.filter((name) => normalised.includes(nameKey(name)))
}

// Markdown that may close around a name before its honorific: emphasis (**张思远**同学) or a link's
// target ([张思远](/students/3)同学).
const CLOSING_MARKUP = String.raw`(?:[*_~]+|\]\([^)\s]*\))*`

/**
 * Masks every one of these pupils' names that appears in the text, in one pass: longer names are
 * tried first at each place (王明宇 before 王明), and what a mask wrote is never looked at again. A
 * 同学 or 小朋友 the author wrote after the name (past any closing emphasis or link) takes the
 * mask's 同学's place, so 张思远同学 reads 张同学 and 张思远小朋友 reads 张小朋友, never 张同学同学.
 * A name shorter than two characters is skipped: one character would mask ordinary words.
 */
export function maskPupilNames(text: string, names: readonly string[]): string {
  const unique = [...new Set(names.map(nameKey))].filter((name) => [...name].length >= 2)
  if (unique.length === 0 || text === '') return text
  unique.sort((a, b) => [...b].length - [...a].length || a.localeCompare(b))
  const masks = new Map<string, string>()
  const honorifics = HONORIFICS.join('|')
  const pattern = new RegExp(
    `(${unique.map(namePattern).join('|')})(${CLOSING_MARKUP})([ \\t]*(?:${honorifics}))?`,
    'gu',
  )
  return text.replace(pattern, (_found, name: string, markup: string, honorific: string | undefined) => {
    const said = honorific?.trim() ?? MASK_SUFFIX
    const key = `${nameKey(name)}\u0000${said}`
    let masked = masks.get(key)
    if (masked === undefined) {
      masked = maskPupilName(nameKey(name), said)
      masks.set(key, masked)
    }
    return `${masked}${markup}`
  })
}

export type PhotoPupil = { name: string; photoConsent: PhotoConsent }

export type PhotoPrivacy = { showsPupils: boolean; pupils: readonly PhotoPupil[] }

const CONSENTS_ALLOWING: Record<'public' | 'parent', readonly PhotoConsent[]> = {
  public: ['public'],
  parent: ['school', 'public'],
}

export type PhotoWithheld = { reason: 'no-pupils-named' } | { reason: 'consent'; pupils: string[] }

/**
 * Why this reader may not see the photo, or null when they may. Staff always see it. A photo
 * without pupils follows its recap. One showing pupils needs every pupil's consent for this reader
 * ('public' for public pages, 'school' or 'public' for parents); one marked as showing pupils with
 * none named cannot be checked, so only staff see it.
 */
export function photoWithheldReason(photo: PhotoPrivacy, readerKind: RecapReaderKind): PhotoWithheld | null {
  // Pupils named on a photo not marked as showing pupils (a stale tick) still count: privacy first.
  if (readerKind === 'staff' || (!photo.showsPupils && photo.pupils.length === 0)) return null
  if (photo.pupils.length === 0) return { reason: 'no-pupils-named' }
  const allowed = CONSENTS_ALLOWING[readerKind]
  const lacking = photo.pupils.filter((pupil) => !allowed.includes(pupil.photoConsent)).map((p) => p.name)
  return lacking.length === 0 ? null : { reason: 'consent', pupils: lacking }
}

/** Whether this reader, who may read the photo's recap, may see the photo. */
export function photoShownTo(photo: PhotoPrivacy, readerKind: RecapReaderKind): boolean {
  return photoWithheldReason(photo, readerKind) === null
}
