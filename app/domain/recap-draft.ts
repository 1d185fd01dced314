import type { TFunction } from 'i18next'
import { formatDay } from '../utils/dates'
import { levelLabel } from './award-levels'
import { compareLevels } from './award-records'
import type { Locale } from './locale'
import { localDay } from './school-time'
import type {
  ActivityKind,
  AwardRecipientKind,
  ParticipationRole,
  PracticeCategory,
  SchoolKind,
} from './vocabulary'

/**
 * A first draft of a recap, written from the records of the activities it covers: shaped like the
 * schools' own articles (a headline, a lead saying who, when and what, a paragraph per strand or
 * activity, a closing line). It states only what the records hold; the teacher edits it.
 */

/** Roles whose pupils the draft names; the other roles are counted. */
export const NAMED_ROLES = [
  'host',
  'flag_raiser',
  'flag_guard',
  'speaker',
  'docent',
] as const satisfies readonly ParticipationRole[]

/** The order roles are told in: the ceremony's people first, the plain participants never. */
const TOLD_ROLES = [
  ...NAMED_ROLES,
  'performer',
  'class_representative',
  'volunteer',
] as const satisfies readonly ParticipationRole[]

export function isNamedRole(role: ParticipationRole): boolean {
  return (NAMED_ROLES as readonly ParticipationRole[]).includes(role)
}

export type RecapRoleFacts = {
  role: ParticipationRole
  /** Pupils who attended in this role */
  count: number
  /** Labels of the classes they were in, in grade and class order */
  classes: string[]
  /** Their names, for NAMED_ROLES only; empty for counted roles */
  names: string[]
}

export type RecapHoursFacts = {
  /** The social-practice category the activity counts for; null: volunteer hours only */
  category: PracticeCategory | null
  /** Pupils credited with hours */
  pupils: number
  total: number
  /** The 课时 of each pupil when they all got the same; null when they differ */
  each: number | null
}

export type RecapAwardFacts = {
  id: number
  title: string
  /** A standard level key (awards.levels.*) or a contest's own label */
  level: string
  recipientKind: AwardRecipientKind
  /** Pupils' names, for pupil and team awards */
  pupils: string[]
  teamName: string
  /** The class label of a class award */
  className: string | null
  presenterName: string
  presenterTitle: string
}

export type RecapActivityFacts = {
  id: number
  title: string
  kind: ActivityKind
  /** The subject lesson the activity was part of (陶艺课), or empty */
  lesson: string
  strand: { id: number; title: string; slogan: string; position: number } | null
  /** ISO instants */
  startsAt: string
  endsAt: string
  venue: string
  offCampus: boolean
  /** Target grades and classes, labelled in the reader's language */
  grades: string[]
  /** The activity is for every grade of the school (全校) */
  wholeSchool: boolean
  classes: string[]
  partners: string[]
  guests: string[]
  /** Pupils marked as attended; null while no attendance has been taken */
  attended: number | null
  /** Roles other than plain participant, among pupils who attended */
  roles: RecapRoleFacts[]
  hours: RecapHoursFacts | null
  /** In presenting order */
  awards: RecapAwardFacts[]
}

export type RecapFacts = {
  locale: Locale
  timeZone: string
  schoolName: string
  schoolKind: SchoolKind
  season: { title: string; slogan: string; startsOn: string; endsOn: string } | null
  /** In date order */
  activities: RecapActivityFacts[]
}

export type RecapDraft = { title: string; body: string }

/**
 * Text from the records, made inert in Markdown: the marks that open emphasis, code, a link or an
 * image, HTML, an entity, strikethrough or a heading are backslash-escaped, and so are the ':', '@'
 * and 'www.' a bare web or mail address is recognised by; a list marker or rule at the start is too
 * (an English sentence may begin with a name), and line breaks fold into spaces so a title cannot
 * start a block of its own. Other punctuation stays as typed (五(2)班, Class 5-2) so the teacher
 * edits a source that still reads naturally.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>&~#:@]/g, (c) => `\\${c}`)
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1')
}

/**
 * Sentences run on without a space after Chinese punctuation (。) and with one after Western (.),
 * so both catalogues' sentences join the way their readers expect.
 */
export function joinSentences(sentences: readonly string[]): string {
  return sentences
    .filter(Boolean)
    .reduce(
      (text, sentence) =>
        text === '' || /[\u3000-\u303f\uff00-\uffef]$/.test(text) ? text + sentence : `${text} ${sentence}`,
      '',
    )
}

function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10
}

type Writer = {
  t: TFunction
  facts: RecapFacts
  /** The year the lead names: activity dates in it need no year */
  year: string
}

function list(w: Writer, items: readonly string[]): string {
  return items.map(escapeMarkdown).join(w.t('common.listSeparator'))
}

/** A title in the catalogue's quotation marks; Chinese corner brackets inside become the nested ones. */
function quoted(t: TFunction, text: string): string {
  return t('recapDraft.quote', { text: text.replace(/「/g, '『').replace(/」/g, '』') })
}

function dayOf(w: Writer, iso: string, full: boolean): string {
  const day = localDay(iso, w.facts.timeZone)
  return formatDay(day, w.facts.locale, full || !day.startsWith(w.year) ? 'day' : 'short')
}

/** When an activity (or several) took place: one day, or the first day to the last. */
function when(w: Writer, startsAt: string, endsAt: string, full: boolean): string {
  const from = dayOf(w, startsAt, full)
  const to = dayOf(w, endsAt, full)
  return from === to ? w.t('recapDraft.when.day', { date: from }) : w.t('recapDraft.when.range', { from, to })
}

/** A kindergarten's pupils are 幼儿, children: the i18next context of the sentences that count them. */
function pupilsContext(facts: RecapFacts): 'kindergarten' | undefined {
  return facts.schoolKind === 'kindergarten' ? 'kindergarten' : undefined
}

/** Who took part: "五年级40名学生", "pupils of Grade 5" while attendance is not taken. */
function who(w: Writer, activity: RecapActivityFacts): string {
  const context = pupilsContext(w.facts)
  const targets = [...activity.grades, ...activity.classes]
  // Nobody marked present (attendance not taken, or all absent): the draft states no number.
  const count = activity.attended || null
  if (activity.wholeSchool) {
    return count
      ? w.t('recapDraft.who.wholeSchoolCounted', { count, context })
      : w.t('recapDraft.who.wholeSchool', { context })
  }
  if (targets.length === 0) {
    return count
      ? w.t('recapDraft.who.counted', { count, context })
      : w.t('recapDraft.who.anyone', { context })
  }
  const labels = list(w, targets)
  return count
    ? w.t('recapDraft.who.targetsCounted', { targets: labels, count, context })
    : w.t('recapDraft.who.targets', { targets: labels, context })
}

/** The sentence that opens an activity's paragraph: when, who, where, what. */
function mainSentence(w: Writer, activity: RecapActivityFacts, whoText: string, full: boolean): string {
  const values = {
    when: when(w, activity.startsAt, activity.endsAt, full),
    who: whoText,
    title: quoted(w.t, escapeMarkdown(activity.title)),
    venue: escapeMarkdown(activity.venue),
    lesson: escapeMarkdown(activity.lesson),
  }
  if (activity.venue && activity.offCampus) return w.t('recapDraft.activity.offCampus', values)
  if (activity.lesson) return w.t('recapDraft.activity.inLesson', values)
  if (activity.venue) return w.t('recapDraft.activity.atVenue', values)
  return w.t('recapDraft.activity.plain', values)
}

function fromClasses(w: Writer, classes: readonly string[]): string {
  if (classes.length === 0) return ''
  if (classes.length > 3) return w.t('recapDraft.roles.fromManyClasses', { number: classes.length })
  return w.t('recapDraft.roles.fromClasses', { classes: list(w, classes) })
}

function roleSentences(w: Writer, activity: RecapActivityFacts): string[] {
  return TOLD_ROLES.flatMap((role) => {
    const facts = activity.roles.find((r) => r.role === role)
    if (!facts || facts.count === 0) return []
    const values = { count: facts.count, from: fromClasses(w, facts.classes), names: list(w, facts.names) }
    if (!isNamedRole(role)) return [w.t(`recapDraft.roles.counted.${role}`, values)]
    // Chinese has no singular form to pick: one named pupil is a sentence of its own.
    return [w.t(`recapDraft.roles.named.${role}.${facts.count === 1 ? 'one' : 'several'}`, values)]
  })
}

function hoursSentence(w: Writer, hours: RecapHoursFacts | null): string[] {
  if (!hours || hours.total <= 0 || hours.pupils === 0) return []
  const values = {
    count: hours.pupils,
    total: roundHours(hours.total),
    each: hours.each === null ? undefined : roundHours(hours.each),
    category: hours.category ? w.t(`activities.practice.${hours.category}`) : undefined,
  }
  const shape = `${hours.category ? 'practice' : 'volunteer'}${hours.each === null ? '' : 'Each'}`
  return [w.t(`recapDraft.hours.${shape}`, values)]
}

function recipientsOf(w: Writer, award: RecapAwardFacts): string {
  if (award.recipientKind === 'class') return escapeMarkdown(award.className ?? '')
  if (award.recipientKind === 'team') {
    return w.t('recapDraft.awards.team', {
      team: quoted(w.t, escapeMarkdown(award.teamName)),
      pupils: list(w, award.pupils),
    })
  }
  return list(w, award.pupils)
}

function presenterOf(w: Writer, award: RecapAwardFacts): string | null {
  const name = escapeMarkdown(award.presenterName.trim())
  const title = escapeMarkdown(award.presenterTitle.trim())
  if (name && title) return w.t('recapDraft.awards.presenter', { name, title })
  return name || title || null
}

/** A sentence per award title: its results, highest level first, then who presented them. */
function awardSentences(w: Writer, awards: readonly RecapAwardFacts[]): string[] {
  const groups = new Map<string, RecapAwardFacts[]>()
  for (const award of awards) groups.set(award.title, [...(groups.get(award.title) ?? []), award])
  return [...groups].flatMap(([title, group]) => {
    const levels = [...new Set(group.map((a) => a.level))].sort((a, b) => compareLevels(a, b, w.facts.locale))
    const results = levels.map((level) =>
      w.t('recapDraft.awards.result', {
        level: escapeMarkdown(levelLabel(level, w.t)),
        recipients: group
          .filter((a) => a.level === level)
          .map((a) => recipientsOf(w, a))
          .join(w.t('common.listSeparator')),
      }),
    )
    const sentences = [
      w.t('recapDraft.awards.results', {
        title: quoted(w.t, escapeMarkdown(title)),
        count: group.length,
        results: results.join(w.t('recapDraft.awards.resultSeparator')),
      }),
    ]
    const presenters = [...new Set(group.flatMap((a) => presenterOf(w, a) ?? []))]
    if (presenters.length) {
      const onlyClasses = group.every((a) => a.recipientKind === 'class')
      sentences.push(
        w.t(onlyClasses ? 'recapDraft.awards.presentedToClasses' : 'recapDraft.awards.presented', {
          presenters: presenters.join(w.t('common.listSeparator')),
        }),
      )
    }
    return sentences
  })
}

/** Everything the records say about an activity beyond its opening sentence. */
function details(w: Writer, activity: RecapActivityFacts): string[] {
  const sentences: string[] = []
  if (activity.guests.length) {
    sentences.push(
      w.t('recapDraft.guests', { names: list(w, activity.guests), count: activity.guests.length }),
    )
  }
  if (activity.attended === null) sentences.push(w.t('recapDraft.noAttendance'))
  sentences.push(...roleSentences(w, activity), ...hoursSentence(w, activity.hours))
  sentences.push(...awardSentences(w, activity.awards))
  if (activity.partners.length) {
    sentences.push(w.t('recapDraft.partners', { names: list(w, activity.partners) }))
  }
  return sentences
}

function activityParagraph(w: Writer, activity: RecapActivityFacts): string {
  return joinSentences([mainSentence(w, activity, who(w, activity), false), ...details(w, activity)])
}

type Section = { strand: RecapActivityFacts['strand']; activities: RecapActivityFacts[] }

/** Activities by strand, in the strands' order; those outside any strand last. */
function sections(activities: readonly RecapActivityFacts[]): Section[] {
  const byStrand = new Map<number | null, Section>()
  for (const activity of activities) {
    const key = activity.strand?.id ?? null
    const section = byStrand.get(key) ?? { strand: activity.strand, activities: [] }
    section.activities.push(activity)
    byStrand.set(key, section)
  }
  const position = (s: Section) => (s.strand ? s.strand.position : Number.POSITIVE_INFINITY)
  return [...byStrand.values()].sort((a, b) => position(a) - position(b))
}

function strandSection(w: Writer, section: Section): string[] {
  const heading = section.strand
    ? `## ${escapeMarkdown(section.strand.title)}`
    : `## ${w.t('recapDraft.otherActivities')}`
  const slogan = section.strand?.slogan.trim()
  const intro =
    slogan && slogan !== section.strand?.title
      ? [w.t('recapDraft.strandTheme', { slogan: quoted(w.t, escapeMarkdown(slogan)) })]
      : []
  return [heading, ...intro, ...section.activities.map((a) => activityParagraph(w, a))]
}

function seasonLead(w: Writer, activities: readonly RecapActivityFacts[], strands: Section[]): string {
  const { facts, t } = w
  const first = activities[0] as RecapActivityFacts
  const last = activities.reduce((a, b) => (b.endsAt > a.endsAt ? b : a))
  const school = escapeMarkdown(facts.schoolName)
  const whenText = when(w, first.startsAt, last.endsAt, true)
  const sentences: string[] = []
  if (facts.season) {
    const season = quoted(t, escapeMarkdown(facts.season.title))
    const slogan = facts.season.slogan.trim()
    sentences.push(
      slogan
        ? t('recapDraft.lead.seasonWithTheme', {
            when: whenText,
            school,
            season,
            slogan: quoted(t, escapeMarkdown(slogan)),
          })
        : t('recapDraft.lead.season', { when: whenText, school, season }),
    )
  } else {
    sentences.push(t('recapDraft.lead.activities', { when: whenText, school, count: activities.length }))
  }
  const named = strands.flatMap((s) => (s.strand ? [s.strand.title] : []))
  if (named.length > 1) {
    sentences.push(t('recapDraft.lead.strands', { strands: list(w, named), count: named.length }))
  }
  if (activities.every((a) => a.attended !== null)) {
    const attended = activities.reduce((sum, a) => sum + (a.attended ?? 0), 0)
    if (attended > 0) {
      const values = { activities: activities.length, count: attended, context: pupilsContext(facts) }
      sentences.push(t('recapDraft.lead.attendance', values))
    }
  }
  return joinSentences(sentences)
}

function singleLead(w: Writer, activity: RecapActivityFacts): string {
  const { facts, t } = w
  const whoText = t('recapDraft.who.ofSchool', {
    who: who(w, activity),
    school: escapeMarkdown(facts.schoolName),
  })
  const sentences = [mainSentence(w, activity, whoText, true)]
  if (facts.season) {
    sentences.push(
      t('recapDraft.lead.partOfSeason', { season: quoted(t, escapeMarkdown(facts.season.title)) }),
    )
  }
  return joinSentences(sentences)
}

function closing(w: Writer): string {
  const school = escapeMarkdown(w.facts.schoolName)
  const slogan = w.facts.season?.slogan.trim()
  return slogan
    ? w.t('recapDraft.closing.theme', { school, slogan: quoted(w.t, escapeMarkdown(slogan)) })
    : w.t('recapDraft.closing.plain', { school })
}

/** The headline: plain text (the title is not Markdown), so nothing in it is escaped. */
function headline(t: TFunction, facts: RecapFacts): string {
  const [only] = facts.activities
  const school = facts.schoolName
  if (facts.activities.length === 1 && only) {
    return t('recapDraft.title.activity', { school, title: quoted(t, only.title) })
  }
  if (facts.season) return t('recapDraft.title.season', { school, season: quoted(t, facts.season.title) })
  return t('recapDraft.title.activities', { school })
}

/**
 * The first draft of a recap from the facts loadRecapFacts read. `t` is fixed to facts.locale.
 * Returns a plain-text title and a Markdown body whose every piece of record text is escaped.
 */
export function draftRecap(facts: RecapFacts, t: TFunction): RecapDraft {
  const title = headline(t, facts)
  const [first] = facts.activities
  if (!first) {
    return { title, body: [t('recapDraft.noActivities'), closing({ t, facts, year: '' })].join('\n\n') }
  }
  const w: Writer = { t, facts, year: localDay(first.startsAt, facts.timeZone).slice(0, 4) }
  const paragraphs: string[] = []
  if (facts.activities.length === 1) {
    paragraphs.push(singleLead(w, first))
    const rest = joinSentences(details(w, first))
    if (rest) paragraphs.push(rest)
  } else {
    const grouped = sections(facts.activities)
    paragraphs.push(seasonLead(w, facts.activities, grouped))
    const strandCount = grouped.filter((s) => s.strand).length
    if (grouped.length > 1 && strandCount > 0) {
      paragraphs.push(...grouped.flatMap((section) => strandSection(w, section)))
    } else {
      paragraphs.push(...facts.activities.map((a) => activityParagraph(w, a)))
    }
  }
  paragraphs.push(closing(w))
  return { title, body: `${paragraphs.join('\n\n')}\n` }
}
