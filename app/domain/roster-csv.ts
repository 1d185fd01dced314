import { parse } from 'csv-parse/sync'
import {
  NAME_MAX,
  normalizePhone,
  normalizeStudentNumber,
  parseRelation,
  type Relation,
  ROSTER_MAX_BYTES,
  ROSTER_MAX_ROWS,
  studentNumberProblem,
} from './roster-fields'
import { lineProblem, normalizeLine } from './schemas'

/**
 * Reading a roster file: bytes → text (UTF-8 with or without BOM, else GBK, which Excel on Chinese
 * Windows saves) → rows checked against the school's current classes. Nothing here touches the
 * database; every problem is named by the line a spreadsheet user sees (the header is line 1).
 */

export const ROSTER_FIELDS = [
  'studentNumber',
  'name',
  'className',
  'guardianName',
  'guardianPhone',
  'relation',
] as const
export type RosterField = (typeof ROSTER_FIELDS)[number]

const REQUIRED_FIELDS: readonly RosterField[] = ['studentNumber', 'name', 'className']
const GUARDIAN_FIELDS: readonly RosterField[] = ['guardianName', 'guardianPhone', 'relation']

export type HeaderLanguage = 'zh' | 'en'

/** The headers an export writes, and the first ones an import recognises. */
export const ROSTER_HEADERS: Record<HeaderLanguage, Record<RosterField, string>> = {
  zh: {
    studentNumber: '学号',
    name: '姓名',
    className: '班级',
    guardianName: '家长姓名',
    guardianPhone: '家长手机',
    relation: '关系',
  },
  en: {
    studentNumber: 'student_number',
    name: 'name',
    className: 'class',
    guardianName: 'guardian_name',
    guardianPhone: 'guardian_phone',
    relation: 'relation',
  },
}

// Other names schools give the same columns; compared after normalizeHeader.
const HEADER_ALIASES: Record<RosterField, readonly string[]> = {
  studentNumber: ['学号', '学生学号', 'studentnumber', 'studentno', 'studentid'],
  name: ['姓名', '学生姓名', 'name', 'studentname'],
  className: ['班级', '班级名称', '所在班级', 'class', 'classname'],
  guardianName: ['家长姓名', '监护人姓名', '家长', '监护人', 'guardianname', 'guardian', 'parentname'],
  guardianPhone: [
    '家长手机',
    '家长手机号',
    '家长电话',
    '联系电话',
    '手机',
    '手机号',
    'guardianphone',
    'parentphone',
    'phone',
    'mobile',
  ],
  relation: ['关系', '与学生关系', '亲属关系', '家长关系', 'relation', 'relationship'],
}

function normalizeHeader(cell: string): string {
  return cell
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]/g, '')
}

const FIELD_OF_HEADER = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [normalizeHeader(alias), field])),
)

/** How an export writes a relation, in the language of its headers. */
export const RELATION_WORDS: Record<HeaderLanguage, Record<Relation, string>> = {
  zh: { mother: '母亲', father: '父亲', grandparent: '祖父母', guardian: '监护人' },
  en: { mother: 'mother', father: 'father', grandparent: 'grandparent', guardian: 'guardian' },
}

/** A current class of the school, as the import matches it. */
export type RosterClass = { id: number; name: string; gradeLevel: number; number: number }

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

function levelOf(token: string): number | null {
  if (/^\d{1,2}$/.test(token)) return Number(token)
  if (token.startsWith('高')) {
    const n = ZH_DIGITS[token.slice(1)]
    return n && n <= 3 ? 9 + n : null
  }
  return ZH_DIGITS[token] ?? null
}

function normalizeClassName(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^class/, '')
}

const GRADE = '(\\d{1,2}|[一二三四五六七八九]|高[一二三])'
const CLASS_FORMS = [
  // 五(2)班, 5(2)班, 五年级(2)班, 高一(3)
  new RegExp(`^${GRADE}(?:年级)?\\((\\d{1,2})\\)班?$`),
  // 五年级2班
  new RegExp(`^${GRADE}年级(\\d{1,2})班$`),
  // 5-2, 5/2, 5.2 (Excel's reading of 5-2 typed into a number cell is not this), Class 5-2
  /^(\d{1,2})[-/.](\d{1,2})班?$/,
]

/** A class cell as the school writes it (五(2)班, 5(2)班, 5-2, the class's own name) → the class, if current. */
export function matchClass(value: string, classes: readonly RosterClass[]): RosterClass | undefined {
  const wanted = normalizeClassName(value)
  if (wanted === '') return undefined
  const byName = classes.find((c) => normalizeClassName(c.name) === wanted)
  if (byName) return byName
  for (const form of CLASS_FORMS) {
    const match = form.exec(wanted)
    if (!match) continue
    const level = levelOf(match[1] ?? '')
    const number = Number(match[2])
    return classes.find((c) => c.gradeLevel === level && c.number === number)
  }
  return undefined
}

export type IssueParams = Record<string, string | number | string[]>

/** A problem with the file (line null), its header (line 1) or one row. */
export type RosterIssue = {
  line: number | null
  field: RosterField | null
  messageKey: string
  params?: IssueParams
}

/** phone null: one of the pupil's present guardians, recognised by name (an export of one without a phone). */
export type RosterGuardian = { name: string; phone: string | null; relation: Relation }

export type RosterRow = {
  line: number
  studentNumber: string
  name: string
  classId: number
  guardian: RosterGuardian | null
}

export type RosterCheck = {
  rows: RosterRow[]
  errors: RosterIssue[]
  /** Rows that pass but whose names look wrongly decoded (mojibake): shown in the preview */
  warnings: RosterIssue[]
  headerLanguage: HeaderLanguage
  /** Data rows read (blank rows aside), valid or not */
  rowCount: number
}

function fileError(messageKey: string, params?: IssueParams, line: number | null = null): RosterCheck {
  return {
    rows: [],
    errors: [{ line, field: null, messageKey, params }],
    warnings: [],
    headerLanguage: 'zh',
    rowCount: 0,
  }
}

export type DecodedRoster =
  | { ok: true; text: string; encoding: 'utf-8' | 'gbk' }
  | { ok: false; issue: RosterIssue }

/** Control characters other than tab, line feed and carriage return do not occur in a text CSV. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}

/**
 * UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GBK. A file with NUL bytes or other
 * control characters, or that neither decodes, is not a text CSV (a spreadsheet, an image, UTF-16).
 */
export function decodeRoster(bytes: Uint8Array): DecodedRoster {
  const refuse = (messageKey: string, params?: IssueParams): DecodedRoster => ({
    ok: false,
    issue: { line: null, field: null, messageKey, params },
  })
  if (bytes.byteLength > ROSTER_MAX_BYTES)
    return refuse('roster.errors.tooBig', { maxMb: ROSTER_MAX_BYTES / 1048576 })
  if (bytes.includes(0)) return refuse('roster.errors.notText')
  let text: string
  let encoding: 'utf-8' | 'gbk'
  try {
    // ignoreBOM: false (the default) drops a leading UTF-8 BOM.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    encoding = 'utf-8'
  } catch {
    try {
      text = new TextDecoder('gbk', { fatal: true }).decode(bytes)
      encoding = 'gbk'
    } catch {
      return refuse('roster.errors.notText')
    }
  }
  if (hasControlCharacters(text)) return refuse('roster.errors.notText')
  return { ok: true, text, encoding }
}

function readHeader(cells: string[]) {
  const fields: (RosterField | null)[] = []
  const unknown: string[] = []
  const repeated: string[] = []
  const seen = new Set<RosterField>()
  let chinese = 0
  for (const cell of cells) {
    const field = FIELD_OF_HEADER.get(normalizeHeader(cell))
    if (/[\u4e00-\u9fff]/.test(cell)) chinese++
    if (!field) {
      // An empty header cell past the last column is what some spreadsheets leave behind.
      if (cell.trim() !== '') unknown.push(cell.trim())
      fields.push(null)
      continue
    }
    if (seen.has(field)) repeated.push(cell.trim())
    seen.add(field)
    fields.push(field)
  }
  const language: HeaderLanguage = chinese > 0 || cells.length === 0 ? 'zh' : 'en'
  const headerName = (field: RosterField) => ROSTER_HEADERS[language][field]
  const missing = REQUIRED_FIELDS.filter((f) => !seen.has(f)).map(headerName)
  const guardianColumns = GUARDIAN_FIELDS.filter((f) => seen.has(f))
  const missingGuardian =
    guardianColumns.length > 0 && guardianColumns.length < GUARDIAN_FIELDS.length
      ? GUARDIAN_FIELDS.filter((f) => !seen.has(f)).map(headerName)
      : []
  const issues: RosterIssue[] = []
  const at = (messageKey: string, params: IssueParams) =>
    issues.push({ line: 1, field: null, messageKey, params })
  if (missing.length) at('roster.errors.missingColumns', { columns: missing })
  if (missingGuardian.length) at('roster.errors.missingGuardianColumns', { columns: missingGuardian })
  if (unknown.length) at('roster.errors.unknownColumns', { columns: unknown })
  if (repeated.length) at('roster.errors.repeatedColumns', { columns: repeated })
  return { fields, issues, language, hasGuardian: guardianColumns.length === GUARDIAN_FIELDS.length }
}

/**
 * An export's first lines say which school, who and when (`# …`): they are not part of the table.
 * Only leading lines count, so a "#" inside the data stays data. Returns the text after them and
 * how many lines they took, to keep reported line numbers those a spreadsheet shows.
 */
function skipStampLines(text: string): { body: string; skipped: number } {
  let body = text.replace(/^\uFEFF/, '')
  let skipped = 0
  while (body.startsWith('#')) {
    const end = body.search(/\r?\n|$/)
    body = body.slice(end).replace(/^\r?\n/, '')
    skipped++
  }
  return { body, skipped }
}

function readRecords(text: string): { records: string[][] } | { issue: RosterIssue } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  // Excel's "Unicode text" and some exports separate by tabs.
  const delimiter = firstLine.includes(',') || !firstLine.includes('\t') ? ',' : '\t'
  try {
    const records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      // Blank rows are kept, so a record's index is the row number a spreadsheet shows.
      skip_empty_lines: false,
    }) as string[][]
    return { records }
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines
    return {
      issue: {
        line: typeof lines === 'number' ? lines : null,
        field: null,
        messageKey: 'roster.errors.malformed',
      },
    }
  }
}

/** An export writes a cell like "=cmd" as "'=cmd" so a spreadsheet keeps it text; reading it back drops the mark. */
function unescapeFormula(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell
}

type Seen = { line: number; name: string; classId: number | null; guardians: Set<string> }

const guardianKey = (g: RosterGuardian) => g.phone ?? `name:${g.name}`

/**
 * Every row checked against the header and the school's current classes. A student number may
 * repeat only to give the same pupil another guardian (as an export writes a pupil with two).
 */
export function checkRosterText(text: string, classes: readonly RosterClass[]): RosterCheck {
  if (text.length > ROSTER_MAX_BYTES)
    return fileError('roster.errors.tooBig', { maxMb: ROSTER_MAX_BYTES / 1048576 })
  // The text of a commit comes back from the browser: it must pass what an upload passes.
  if (hasControlCharacters(text)) return fileError('roster.errors.notText')
  const { body, skipped } = skipStampLines(text)
  const read = readRecords(body)
  if ('issue' in read) {
    const { messageKey, params, line } = read.issue
    return fileError(messageKey, params, line === null ? null : line + skipped)
  }
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '')
  const [headerCells, ...records] = read.records
  if (!headerCells || isBlank(headerCells)) return fileError('roster.errors.empty')
  const header = readHeader(headerCells)
  if (header.issues.length) {
    const errors = header.issues.map((issue) => ({ ...issue, line: 1 + skipped }))
    return { rows: [], errors, warnings: [], headerLanguage: header.language, rowCount: 0 }
  }
  const rowCount = records.filter((r) => !isBlank(r)).length
  if (rowCount === 0) return { ...fileError('roster.errors.noRows'), headerLanguage: header.language }
  if (rowCount > ROSTER_MAX_ROWS) {
    return {
      ...fileError('roster.errors.tooManyRows', { max: ROSTER_MAX_ROWS, count: rowCount }),
      headerLanguage: header.language,
    }
  }

  const rows: RosterRow[] = []
  const errors: RosterIssue[] = []
  const warnings: RosterIssue[] = []
  // A Chinese header, or mostly Chinese names, tells a Chinese name column.
  const nameAt = header.fields.indexOf('name')
  const chineseNames =
    header.language === 'zh' ||
    records.filter((r) => /[\u4e00-\u9fff]/.test(r[nameAt] ?? '')).length > rowCount / 2
  const byNumber = new Map<string, Seen>()
  const guardianOfPhone = new Map<string, { name: string; line: number }>()

  records.forEach((record, index) => {
    const line = index + 2 + skipped
    if (isBlank(record)) return
    const rowErrors: RosterIssue[] = []
    const fail = (field: RosterField | null, messageKey: string, params?: IssueParams) =>
      rowErrors.push({ line, field, messageKey, params })

    const width = headerCells.length
    const extra = record.slice(width).filter((cell) => cell.trim() !== '')
    if (extra.length) fail(null, 'roster.errors.extraCells', { expected: width, count: record.length })
    else if (record.length < width)
      fail(null, 'roster.errors.missingCells', { expected: width, count: record.length })
    if (rowErrors.length) {
      errors.push(...rowErrors)
      return
    }

    const cell: Partial<Record<RosterField, string>> = {}
    header.fields.forEach((field, i) => {
      const value = record[i] ?? ''
      // Names are stored as the pupil form stores them (NFC); codes and phones fold full-width forms.
      const normal =
        field === 'name' || field === 'guardianName' ? normalizeLine(value) : value.normalize('NFKC').trim()
      if (field) cell[field] = unescapeFormula(normal)
    })

    const studentNumber = normalizeStudentNumber(cell.studentNumber ?? '')
    const numberProblem = studentNumberProblem(studentNumber)
    if (numberProblem) fail('studentNumber', numberProblem, { value: cell.studentNumber ?? '' })

    const name = cell.name ?? ''
    if (name === '') fail('name', 'roster.errors.nameRequired')
    else if (lineProblem(name)) fail('name', lineProblem(name) as string)
    else if (name.length > NAME_MAX) fail('name', 'roster.errors.tooLong', { max: NAME_MAX })

    const classCell = cell.className ?? ''
    const schoolClass = matchClass(classCell, classes)
    if (classCell === '') fail('className', 'roster.errors.classRequired')
    else if (!schoolClass) fail('className', 'roster.errors.unknownClass', { value: classCell })

    let guardian: RosterGuardian | null = null
    if (header.hasGuardian) {
      const guardianName = cell.guardianName ?? ''
      const phoneCell = cell.guardianPhone ?? ''
      const relationCell = cell.relation ?? ''
      if (guardianName || phoneCell || relationCell) {
        const phone = phoneCell === '' ? null : normalizePhone(phoneCell)
        const relation = parseRelation(relationCell)
        if (guardianName === '') fail('guardianName', 'roster.errors.guardianNameRequired')
        else if (lineProblem(guardianName)) fail('guardianName', lineProblem(guardianName) as string)
        else if (guardianName.length > NAME_MAX)
          fail('guardianName', 'roster.errors.tooLong', { max: NAME_MAX })
        // No phone: only a guardian the pupil already has can be meant (checked against the database).
        if (phoneCell !== '' && !phone) fail('guardianPhone', 'roster.errors.badPhone', { value: phoneCell })
        if (!relation) fail('relation', 'roster.errors.unknownRelation', { value: relationCell })
        if (phone && guardianName) {
          const earlier = guardianOfPhone.get(phone)
          if (earlier && earlier.name !== guardianName) {
            fail('guardianPhone', 'roster.errors.phoneOfAnother', { line: earlier.line, name: earlier.name })
          } else if (!earlier) guardianOfPhone.set(phone, { name: guardianName, line })
        }
        if (guardianName && relation && (phone || phoneCell === ''))
          guardian = { name: guardianName, phone, relation }
      }
    }

    if (!numberProblem) {
      const first = byNumber.get(studentNumber)
      if (!first) {
        byNumber.set(studentNumber, {
          line,
          name,
          classId: schoolClass?.id ?? null,
          guardians: new Set(guardian ? [guardianKey(guardian)] : []),
        })
      } else {
        const anotherGuardian =
          first.name === name &&
          first.classId === (schoolClass?.id ?? null) &&
          guardian !== null &&
          !first.guardians.has(guardianKey(guardian))
        if (anotherGuardian && guardian) first.guardians.add(guardianKey(guardian))
        else
          fail('studentNumber', 'roster.errors.duplicateNumber', { value: studentNumber, line: first.line })
      }
    }

    if (rowErrors.length) errors.push(...rowErrors)
    else if (schoolClass) {
      rows.push({ line, studentNumber, name, classId: schoolClass.id, guardian })
      for (const [field, value] of [
        ['name', name],
        ['guardianName', guardian?.name ?? ''],
      ] as const) {
        const cause = mojibakeCause(value, chineseNames)
        if (cause) warnings.push({ line, field, messageKey: `roster.warnings.${cause}`, params: { value } })
      }
    }
  })

  return {
    rows: errors.length ? [] : rows,
    errors,
    warnings: errors.length ? [] : warnings,
    headerLanguage: header.language,
    rowCount,
  }
}

export type MojibakeCause = 'gbkReadAsUtf8' | 'utf8ReadAsGbk' | 'utf8ReadAsLatin' | 'gbkReadAsLatin'

/**
 * How a name was probably garbled before it reached the file, or null when it looks sound. A
 * spreadsheet that opened a file in the wrong encoding and saved it again leaves these marks:
 * U+FFFD where GBK bytes were not UTF-8; 锟斤拷 (UTF-8's U+FFFD read as GBK) or 烫烫/屯屯; Ã, Â, â€
 * and the like (UTF-8 read as Latin-1 or Windows-1252); nothing but Latin-1 letters where names
 * are Chinese (GBK read as Latin-1: 张三 becomes ÕÅÈý).
 */
export function mojibakeCause(value: string, chineseNames: boolean): MojibakeCause | null {
  if (value.includes('\ufffd')) return 'gbkReadAsUtf8'
  if (/锟斤拷|烫烫|屯屯/.test(value)) return 'utf8ReadAsGbk'
  if (
    /[\u00c2-\u00c3\u00e2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/.test(
      value,
    )
  )
    return 'utf8ReadAsLatin'
  if (chineseNames && /^[\u0080-\u00ff][\u0080-\u00ff\s]+$/.test(value)) return 'gbkReadAsLatin'
  return null
}

/** A file as uploaded: decoded, then checked. */
export function checkRosterFile(
  bytes: Uint8Array,
  classes: readonly RosterClass[],
): RosterCheck & { text?: string; encoding?: 'utf-8' | 'gbk' } {
  const decoded = decodeRoster(bytes)
  if (!decoded.ok)
    return { rows: [], errors: [decoded.issue], warnings: [], headerLanguage: 'zh', rowCount: 0 }
  return { ...checkRosterText(decoded.text, classes), text: decoded.text, encoding: decoded.encoding }
}

/** The rows of an export, in the import's column layout, so a file exported can be imported back. */
export function rosterExportTable(
  language: HeaderLanguage,
  pupils: readonly {
    studentNumber: string
    name: string
    className: string
    guardianName: string | null
    guardianPhone: string | null
    relation: string | null
  }[],
): { header: string[]; rows: string[][] } {
  const header = ROSTER_FIELDS.map((field) => ROSTER_HEADERS[language][field])
  const words = RELATION_WORDS[language]
  const rows = pupils.map((p) => {
    // A link whose account is not found (another school's) exports as no guardian at all.
    const relation =
      p.relation === null || p.guardianName === null ? '' : (words[p.relation as Relation] ?? p.relation)
    return [p.studentNumber, p.name, p.className, p.guardianName ?? '', p.guardianPhone ?? '', relation]
  })
  return { header, rows }
}
