import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import {
  checkRosterFile,
  checkRosterText,
  decodeRoster,
  matchClass,
  type RosterClass,
  rosterExportTable,
} from '~/domain/roster-csv'
import { normalizePhone, parseRelation, ROSTER_MAX_BYTES, ROSTER_MAX_ROWS } from '~/domain/roster-fields'

const CLASSES: RosterClass[] = [
  { id: 11, name: '一(1)班', gradeLevel: 1, number: 1 },
  { id: 52, name: '五(2)班', gradeLevel: 5, number: 2 },
  { id: 53, name: '五(3)班', gradeLevel: 5, number: 3 },
  { id: 91, name: '九(1)班', gradeLevel: 9, number: 1 },
  { id: 101, name: '高一(1)班', gradeLevel: 10, number: 1 },
  { id: 34, name: '大四班', gradeLevel: 3, number: 4 },
]

const HEADER = '学号,姓名,班级,家长姓名,家长手机,关系'

function check(lines: string[]) {
  return checkRosterText(lines.join('\r\n'), CLASSES)
}

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('decodeRoster', () => {
  const text = `${HEADER}\nS1,张一诺,五(2)班,张妈妈,13812345678,母亲\n`

  it('reads UTF-8 without a BOM', () => {
    expect(decodeRoster(utf8(text))).toEqual({ ok: true, text, encoding: 'utf-8' })
  })

  it('drops a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])
    expect(decodeRoster(bytes)).toEqual({ ok: true, text, encoding: 'utf-8' })
  })

  it('reads GBK, as Excel on Chinese Windows saves it', () => {
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    expect(decodeRoster(bytes)).toEqual({ ok: true, text, encoding: 'gbk' })
  })

  it('refuses a binary file with NUL bytes (a spreadsheet, UTF-16)', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
    expect(decodeRoster(xlsx)).toMatchObject({ ok: false, issue: { messageKey: 'roster.errors.notText' } })
    const utf16 = new Uint8Array(iconv.encode(text, 'utf16-le'))
    expect(decodeRoster(utf16)).toMatchObject({ ok: false, issue: { messageKey: 'roster.errors.notText' } })
  })

  it('refuses junk that decodes only to control characters', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 37 + 1) % 255 || 1)
    expect(decodeRoster(junk)).toMatchObject({ ok: false, issue: { messageKey: 'roster.errors.notText' } })
  })

  it('refuses a file over the size limit before decoding it', () => {
    const big = new Uint8Array(ROSTER_MAX_BYTES + 1).fill(0x41)
    expect(decodeRoster(big)).toMatchObject({
      ok: false,
      issue: { line: null, messageKey: 'roster.errors.tooBig', params: { maxMb: 2 } },
    })
  })
})

describe('checkRosterText: the header', () => {
  it('accepts Chinese headers in any order, and English ones', () => {
    const zh = check(['班级,姓名,学号', '五(2)班,王小明,s1'])
    expect(zh.errors).toEqual([])
    expect(zh.rows).toEqual([{ line: 2, studentNumber: 'S1', name: '王小明', classId: 52, guardian: null }])
    expect(zh.headerLanguage).toBe('zh')
    const en = check(['Student_Number,Name,Class', 'S1,Wang,5-2'])
    expect(en.errors).toEqual([])
    expect(en.headerLanguage).toBe('en')
  })

  it('names missing and unknown columns on line 1', () => {
    const result = check(['学号,姓名,年龄,备注', 'S1,王小明,10,'])
    expect(result.rows).toEqual([])
    expect(result.errors).toEqual([
      { line: 1, field: null, messageKey: 'roster.errors.missingColumns', params: { columns: ['班级'] } },
      {
        line: 1,
        field: null,
        messageKey: 'roster.errors.unknownColumns',
        params: { columns: ['年龄', '备注'] },
      },
    ])
  })

  it('wants the guardian columns as a group', () => {
    const result = check(['学号,姓名,班级,家长手机', 'S1,王小明,五(2)班,13812345678'])
    expect(result.errors).toEqual([
      {
        line: 1,
        field: null,
        messageKey: 'roster.errors.missingGuardianColumns',
        params: { columns: ['家长姓名', '关系'] },
      },
    ])
  })

  it('names a column given twice', () => {
    expect(check(['学号,姓名,班级,姓名', 'S1,王小明,五(2)班,王小明']).errors).toMatchObject([
      { line: 1, messageKey: 'roster.errors.repeatedColumns', params: { columns: ['姓名'] } },
    ])
  })

  it('says so when there are no rows or no header', () => {
    expect(check([HEADER]).errors).toMatchObject([{ messageKey: 'roster.errors.noRows' }])
    expect(checkRosterText('', CLASSES).errors).toMatchObject([{ messageKey: 'roster.errors.empty' }])
  })

  it('refuses more rows than one import takes', () => {
    const rows = Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `S${i},王${i},五(2)班`)
    expect(check(['学号,姓名,班级', ...rows]).errors).toMatchObject([
      { line: null, messageKey: 'roster.errors.tooManyRows', params: { max: ROSTER_MAX_ROWS } },
    ])
  })

  it('reports an unclosed quote as a malformed file', () => {
    expect(check(['学号,姓名,班级', 'S1,"王小明,五(2)班']).errors).toMatchObject([
      { messageKey: 'roster.errors.malformed' },
    ])
  })

  it('reads a tab-separated file', () => {
    expect(check(['学号\t姓名\t班级', 'S1\t王小明\t五(2)班']).rows).toHaveLength(1)
  })
})

describe('checkRosterText: rows', () => {
  it('reads a good file with guardians, numbering lines as a spreadsheet does (blank rows count)', () => {
    const result = check([
      HEADER,
      'S1,王小明,五(2)班,王芳,138 1234 5678,妈妈',
      '',
      'S2,李华,5(3)班,,,',
      'S3,赵一,高一(1)班,赵强,+86 139-0000-1111,Father',
    ])
    expect(result.errors).toEqual([])
    expect(result.rowCount).toBe(3)
    expect(result.rows).toEqual([
      {
        line: 2,
        studentNumber: 'S1',
        name: '王小明',
        classId: 52,
        guardian: { name: '王芳', phone: '13812345678', relation: 'mother' },
      },
      { line: 4, studentNumber: 'S2', name: '李华', classId: 53, guardian: null },
      {
        line: 5,
        studentNumber: 'S3',
        name: '赵一',
        classId: 101,
        guardian: { name: '赵强', phone: '13900001111', relation: 'father' },
      },
    ])
  })

  it('names each bad row by line, column and reason, and keeps no rows', () => {
    const result = check([
      HEADER,
      'S1,,五(2)班,,,',
      'S 2,李华,七(9)班,李爸爸,12345,叔叔',
      ',王五,五(2)班,,,',
      '2.02505E+11,赵六,五(2)班,,,',
      'S5,钱七,五(2)班,,13812345678,母亲',
      'S6,孙八,五(2)班,孙妈妈,13812345678,母亲,多余',
      'S7,周九',
      'S8,吴十,,,,',
      'S9,郑一,5-2,,,',
    ])
    expect(result.rows).toEqual([])
    expect(result.errors).toEqual([
      { line: 2, field: 'name', messageKey: 'roster.errors.nameRequired' },
      { line: 3, field: 'studentNumber', messageKey: 'roster.errors.numberFormat', params: { value: 'S 2' } },
      { line: 3, field: 'className', messageKey: 'roster.errors.unknownClass', params: { value: '七(9)班' } },
      { line: 3, field: 'guardianPhone', messageKey: 'roster.errors.badPhone', params: { value: '12345' } },
      { line: 3, field: 'relation', messageKey: 'roster.errors.unknownRelation', params: { value: '叔叔' } },
      { line: 4, field: 'studentNumber', messageKey: 'roster.errors.numberRequired', params: { value: '' } },
      {
        line: 5,
        field: 'studentNumber',
        messageKey: 'roster.errors.numberScientific',
        params: { value: '2.02505E+11' },
      },
      { line: 6, field: 'guardianName', messageKey: 'roster.errors.guardianNameRequired' },
      { line: 7, field: null, messageKey: 'roster.errors.extraCells', params: { expected: 6, count: 7 } },
      { line: 8, field: null, messageKey: 'roster.errors.missingCells', params: { expected: 6, count: 2 } },
      { line: 9, field: 'className', messageKey: 'roster.errors.classRequired' },
    ])
  })

  it('refuses a student number given twice for different pupils', () => {
    const result = check([HEADER, 'S1,王小明,五(2)班,,,', 's1,李华,五(2)班,,,'])
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'studentNumber',
        messageKey: 'roster.errors.duplicateNumber',
        params: { value: 'S1', line: 2 },
      },
    ])
  })

  it('takes a repeated row as a second guardian of the same pupil, but not a repeated guardian', () => {
    const twoParents = check([
      HEADER,
      'S1,王小明,五(2)班,王芳,13812345678,母亲',
      'S1,王小明,五(2)班,王强,13912345678,父亲',
    ])
    expect(twoParents.errors).toEqual([])
    expect(twoParents.rows.map((r) => r.guardian?.relation)).toEqual(['mother', 'father'])
    const sameParent = check([
      HEADER,
      'S1,王小明,五(2)班,王芳,13812345678,母亲',
      'S1,王小明,五(2)班,王芳,13812345678,母亲',
    ])
    expect(sameParent.errors).toMatchObject([{ line: 3, messageKey: 'roster.errors.duplicateNumber' }])
  })

  it('refuses one phone for two differently named guardians', () => {
    const result = check([
      HEADER,
      'S1,王小明,五(2)班,王芳,13812345678,母亲',
      'S2,李华,五(2)班,李娜,13812345678,母亲',
    ])
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'guardianPhone',
        messageKey: 'roster.errors.phoneOfAnother',
        params: { line: 2, name: '王芳' },
      },
    ])
  })

  it('lets siblings share a guardian', () => {
    const result = check([
      HEADER,
      'S1,王小明,五(2)班,王芳,13812345678,母亲',
      'S2,王小红,一(1)班,王芳,13812345678,母亲',
    ])
    expect(result.errors).toEqual([])
    expect(result.rows).toHaveLength(2)
  })

  it('keeps a guardian without a phone for the database to recognise by name', () => {
    const result = check([HEADER, 'S1,王小明,五(2)班,张妈妈,,母亲'])
    expect(result.rows[0]?.guardian).toEqual({ name: '张妈妈', phone: null, relation: 'mother' })
  })

  it('refuses names that are too long', () => {
    expect(check([HEADER, `S1,${'王'.repeat(41)},五(2)班,,,`]).errors).toMatchObject([
      { line: 2, field: 'name', messageKey: 'roster.errors.tooLong', params: { max: 40 } },
    ])
  })

  it('reads back a formula-like name that an export marked as text', () => {
    const result = check([HEADER, "S1,'=HYPERLINK(1),五(2)班,,,"])
    expect(result.rows[0]?.name).toBe('=HYPERLINK(1)')
  })
})

describe('matchClass', () => {
  it.each([
    ['五(2)班', 52],
    ['五（2）班', 52],
    ['5(2)班', 52],
    ['5（2）', 52],
    ['5-2', 52],
    ['5/2', 52],
    ['五年级2班', 52],
    ['五年级(2)班', 52],
    ['Class 5-2', 52],
    [' 五(2)班 ', 52],
    ['高一(1)班', 101],
    ['10-1', 101],
    ['大四班', 34],
    ['3-4', 34],
  ])('%s → class %i', (value, id) => {
    expect(matchClass(value, CLASSES)?.id).toBe(id)
  })

  it.each(['五(4)班', '52', '五2班', '六(2)班', '', 'abc'])('%s matches no class', (value) => {
    expect(matchClass(value, CLASSES)).toBeUndefined()
  })
})

describe('small rules', () => {
  it('normalises mainland mobile numbers', () => {
    expect(normalizePhone('138 1234 5678')).toBe('13812345678')
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678')
    expect(normalizePhone('１３８１２３４５６７８')).toBe('13812345678')
    expect(normalizePhone('021-59210000')).toBeNull()
    expect(normalizePhone('12812345678')).toBeNull()
    expect(normalizePhone('1381234567')).toBeNull()
  })

  it('reads relation words in both languages', () => {
    expect(parseRelation('母亲')).toBe('mother')
    expect(parseRelation('爸爸')).toBe('father')
    expect(parseRelation('外婆')).toBe('grandparent')
    expect(parseRelation('Grandfather')).toBe('grandparent')
    expect(parseRelation('')).toBe('guardian')
    expect(parseRelation('邻居')).toBeNull()
  })
})

describe('export → import', () => {
  it('writes the import’s columns, so an exported file checks clean', () => {
    const table = rosterExportTable('zh', [
      {
        studentNumber: 'S1',
        name: '王小明',
        className: '五(2)班',
        guardianName: '王芳',
        guardianPhone: '13812345678',
        relation: 'mother',
      },
      {
        studentNumber: 'S1',
        name: '王小明',
        className: '五(2)班',
        guardianName: '王强',
        guardianPhone: '13912345678',
        relation: 'father',
      },
      {
        studentNumber: 'S2',
        name: '李华',
        className: '一(1)班',
        guardianName: null,
        guardianPhone: null,
        relation: null,
      },
    ])
    expect(table.header).toEqual(HEADER.split(','))
    expect(table.rows[0]).toEqual(['S1', '王小明', '五(2)班', '王芳', '13812345678', '母亲'])
    const csv = [table.header, ...table.rows].map((row) => row.join(',')).join('\n')
    const result = checkRosterFile(utf8(csv), CLASSES)
    expect(result.errors).toEqual([])
    expect(result.rows).toHaveLength(3)
  })
})

describe('checkRosterText: names as the forms store them', () => {
  it('refuses bidi, zero-width characters and line breaks in names, as the pupil form does', () => {
    const result = check([
      HEADER,
      'S1,张\u202e一诺,五(2)班,,,',
      'S2,李\u200b四,五(2)班,,,',
      '"S3","王\n五","五(2)班",,,',
      'S4,赵六,五(2)班,赵\u2066妈妈,13812345678,母亲',
    ])
    expect(result.rows).toEqual([])
    expect(result.errors.map((e) => [e.line, e.field, e.messageKey])).toEqual([
      [2, 'name', 'validation.hiddenCharacter'],
      [3, 'name', 'validation.hiddenCharacter'],
      [4, 'name', 'validation.lineBreak'],
      [5, 'guardianName', 'validation.hiddenCharacter'],
    ])
  })

  it('refuses control characters in a text sent back to commit, as an upload would', () => {
    expect(check([HEADER, 'S1,张\u0000一诺,五(2)班,,,']).errors[0]?.messageKey).toBe('roster.errors.notText')
  })
})

describe('checkRosterText: probable mojibake', () => {
  const causes = (text: string) =>
    checkRosterText(text, CLASSES).warnings.map((w) => [w.line, w.field, w.messageKey])

  it('flags names garbled by a wrong decoding, naming the likely cause', () => {
    const utf8AsLatin = iconv.decode(Buffer.from('张一诺', 'utf8'), 'win1252')
    const gbkAsLatin = iconv.decode(iconv.encode('李四', 'gbk'), 'latin1')
    const gbkAsUtf8 = Buffer.from(iconv.encode('王五', 'gbk')).toString('utf8')
    const text = [
      HEADER,
      `S1,${utf8AsLatin},五(2)班,,,`,
      `S2,${gbkAsLatin},五(2)班,,,`,
      `S3,${gbkAsUtf8},五(2)班,,,`,
      'S4,锟斤拷,五(2)班,,,',
      'S5,赵六,五(2)班,赵妈妈,13812345678,母亲',
      `S6,孙七,五(2)班,${utf8AsLatin},13812345679,父亲`,
    ].join('\n')
    expect(causes(text)).toEqual([
      [2, 'name', 'roster.warnings.utf8ReadAsLatin'],
      [3, 'name', 'roster.warnings.gbkReadAsLatin'],
      [4, 'name', 'roster.warnings.gbkReadAsUtf8'],
      [5, 'name', 'roster.warnings.utf8ReadAsGbk'],
      [7, 'guardianName', 'roster.warnings.utf8ReadAsLatin'],
    ])
    // A warning does not stop the import: the rows are still there.
    expect(checkRosterText(text, CLASSES).rows).toHaveLength(6)
  })

  it('leaves sound names alone, Latin letters included where names are not Chinese', () => {
    const english = 'student_number,name,class\nS1,José Müller,五(2)班\nS2,Zoë,五(2)班\nS3,Tom,五(2)班'
    expect(causes(english)).toEqual([])
    expect(causes(`${HEADER}\nS1,张一诺,五(2)班,,,\nS2,José,五(2)班,,,`)).toEqual([])
  })
})

describe('an export’s stamp line', () => {
  it('is skipped, and problems keep the line numbers a spreadsheet shows', () => {
    const result = check([
      '\uFEFF# 纪王学校 · 导出人：王老师 (jw-admin) · 导出时间：2026年12月7日 10:00',
      HEADER,
      'S1,张三,五(2)班,,,',
      'S 2,李四,五(2)班,,,',
    ])
    expect(result.errors).toEqual([
      { line: 4, field: 'studentNumber', messageKey: 'roster.errors.numberFormat', params: { value: 'S 2' } },
    ])
  })

  it('reads the table under it', () => {
    const result = check(['\uFEFF# 纪王学校', HEADER, 'S1,张三,五(2)班,,,'])
    expect(result.errors).toEqual([])
    expect(result.rows.map((row) => row.studentNumber)).toEqual(['S1'])
  })

  it('leaves a "#" inside the table as data', () => {
    const result = check([HEADER, '#1,张三,五(2)班,,,'])
    expect(result.rows).toEqual([])
    expect(result.errors[0]).toMatchObject({ line: 2, field: 'studentNumber' })
  })
})
