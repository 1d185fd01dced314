import iconv from 'iconv-lite'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { todayIn } from '~/utils/dates'
import { verifyPassword } from '~/utils/password.server'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createActivity,
  createClass,
  createParticipations,
  createRandom,
  createSchool,
  createSeason,
  createStudents,
  createUser,
  hashPassword,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// The database is shared by the test files of a worker, and a rollover moves a whole school: this
// file makes two schools of its own (slugs rostertest and rollovertest, accounts rt-* and rr-*) and
// counts only their rows, or whole tables within one request.

const ZAOBEI = 2
const HEADER = '学号,姓名,班级,家长姓名,家长手机,关系'

const ids = {
  school: 0,
  rollSchool: 0,
  classes: {} as Record<string, number>,
  rollClasses: {} as Record<string, number>,
}

/** The school year around today, so the fixtures do not age: September to August. */
function yearsAroundToday() {
  const today = todayIn('Asia/Shanghai')
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0)
  const span = (y: number) => ({ name: `${y}-${y + 1}`, startsOn: `${y}-09-01`, endsOn: `${y + 1}-08-31` })
  return { current: span(year), next: span(year + 1) }
}

beforeAll(async () => {
  const app = await getTestApp()
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const { current, next } = yearsAroundToday()

  const school = await createSchool(app.db, {
    slug: 'rostertest',
    name: '名册测试学校',
    district: '闵行区',
    kind: 'primary',
  })
  ids.school = school.id
  await createAcademicYear(app.db, { schoolId: school.id, ...current })
  await createUser(app.db, {
    schoolId: school.id,
    role: 'admin',
    username: 'rt-admin',
    displayName: '名册管理员',
    passwordHash,
  })
  for (const grade of school.grades) {
    for (const number of [1, 2]) {
      const c = await createClass(app.db, { schoolId: school.id, gradeId: grade.id, number })
      ids.classes[c.name] = c.id
    }
  }
  // No demo school has a seventh class in grade 5: a class name only this school knows.
  const seventh = await createClass(app.db, { schoolId: school.id, gradeId: school.grades[4]!.id, number: 7 })
  ids.classes[seventh.name] = seventh.id

  const roll = await createSchool(app.db, {
    slug: 'rollovertest',
    name: '升级测试学校',
    district: '宝山区',
    kind: 'primary',
  })
  ids.rollSchool = roll.id
  const years = await Promise.all([
    createAcademicYear(app.db, { schoolId: roll.id, ...current }),
    createAcademicYear(app.db, { schoolId: roll.id, ...next }),
  ])
  const admin = await createUser(app.db, {
    schoolId: roll.id,
    role: 'admin',
    username: 'rr-admin',
    displayName: '升级管理员',
    passwordHash,
  })
  const random = createRandom(42)
  for (const grade of roll.grades) {
    const c = await createClass(app.db, {
      schoolId: roll.id,
      gradeId: grade.id,
      number: 1,
      headTeacherId: admin.id,
    })
    ids.rollClasses[c.name] = c.id
    await createStudents(app.db, {
      schoolId: roll.id,
      classId: c.id,
      count: 2,
      startNumber: 1,
      numberPrefix: `RR${grade.level}`,
      random,
    })
  }
  const seasonId = await createSeason(app.db, {
    schoolId: roll.id,
    academicYearId: years[0].id,
    title: '升级测试活动季',
    startsOn: current.startsOn,
    endsOn: current.endsOn,
    ownerId: admin.id,
  })
  const activityId = await createActivity(app.db, {
    schoolId: roll.id,
    seasonId,
    title: '升级测试志愿服务',
    kind: 'service',
    startsAt: shanghaiInstant(current.startsOn, '09:00'),
    endsAt: shanghaiInstant(current.startsOn, '11:00'),
    classIds: [ids.rollClasses['五(1)班']!, ids.rollClasses['三(1)班']!],
  })
  const pupils = await app.db
    .selectFrom('students')
    .select(['id', 'class_id'])
    .where('student_number', 'in', ['RR501', 'RR301'])
    .where('school_id', '=', roll.id)
    .execute()
  await createParticipations(app.db, {
    schoolId: roll.id,
    activityId,
    rows: pupils.map((p) => ({ studentId: p.id, classId: p.class_id })),
  })
})

async function upload(cookie: string, content: Uint8Array | string, fileName = 'roster.csv') {
  const app = await getTestApp()
  const body = new FormData()
  body.set('intent', 'preview')
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content
  body.set('file', new File([new Uint8Array(bytes)], fileName, { type: 'text/csv' }))
  return app.request('/school/roster', { method: 'POST', body, cookie })
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The roster text the preview's confirm form carries back. */
function hiddenCsv(html: string): string {
  const match = /name="csv" value="([^"]*)"/.exec(html)
  if (!match?.[1]) throw new Error('No confirm form in the preview')
  return unescapeHtml(match[1])
}

async function commit(cookie: string, csv: string) {
  const app = await getTestApp()
  return app.request('/school/roster', { ...form({ intent: 'commit', fileName: 'roster.csv', csv }), cookie })
}

async function pupilsOf(schoolId: number, numbers: string[]) {
  const app = await getTestApp()
  return app.db
    .selectFrom('students')
    .select(['id', 'student_number', 'name', 'class_id', 'active', 'graduated_on'])
    .where('school_id', '=', schoolId)
    .where('student_number', 'in', numbers)
    .orderBy('student_number')
    .execute()
}

async function parentsWithPhone(phones: string[]) {
  const app = await getTestApp()
  return app.db
    .selectFrom('users')
    .select([
      'id',
      'school_id',
      'username',
      'display_name',
      'role',
      'phone',
      'must_change_password',
      'password_hash',
    ])
    .where('phone', 'in', phones)
    .orderBy('phone')
    .execute()
}

async function linksOf(studentIds: number[]) {
  const app = await getTestApp()
  if (studentIds.length === 0) return []
  return app.db
    .selectFrom('guardianships')
    .select(['guardian_id', 'student_id', 'relation'])
    .where('student_id', 'in', studentIds)
    .orderBy('student_id')
    .orderBy('guardian_id')
    .execute()
}

/** Rows in the tables an import or a rollover writes: a refusal leaves every count as it was. */
async function tableCounts() {
  const app = await getTestApp()
  const count = async (table: 'students' | 'users' | 'guardianships' | 'classes' | 'audit_log') =>
    Number(
      (
        await app.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    students: await count('students'),
    users: await count('users'),
    guardianships: await count('guardianships'),
    classes: await count('classes'),
  }
}

const BAD_GBK = [
  HEADER,
  'RT001,王小明,五(2)班,王芳,19900000001,母亲',
  'RT002,李华,5(1)班,李强,199 0000 0002,父亲',
  'RT003,王小红,一(1)班,王芳,19900000001,妈妈',
  'RT004,赵一,九(4)班,赵强,19900000004,父亲',
  'RT005,钱二,一(2)班,钱妈妈,1990000,母亲',
  'RT006,孙三,二(1)班,,,',
].join('\r\n')

const FIXED = BAD_GBK.replace('九(4)班', '四(2)班').replace('1990000,', '19900000005,')

describe('/school/roster import', () => {
  it('names the two bad rows of a GBK file and stores nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const before = await tableCounts()
    const response = await upload(cookie, new Uint8Array(iconv.encode(BAD_GBK, 'gbk')), '名册.csv')
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('“名册.csv”有问题，未导入任何内容')
    expect(html).toContain('共 6 行数据，其中 2 行有误')
    expect(html).toMatch(/<td>5<\/td><td>班级<\/td><td class="cell-text">本校没有“九\(4\)班”这个班级。<\/td>/)
    expect(html).toMatch(
      /<td>6<\/td><td>家长手机<\/td><td class="cell-text">“1990000”不是有效的11位手机号。<\/td>/,
    )
    expect(html).not.toContain('name="csv"')
    expect(await tableCounts()).toEqual(before)
    expect(await pupilsOf(ids.school, ['RT001', 'RT006'])).toEqual([])
  })

  it('previews the fixed file, then stores pupils and guardians and shows each password once', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const gbk = new Uint8Array(iconv.encode(FIXED, 'gbk'))
    const preview = await upload(cookie, gbk, '名册.csv')
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toContain('文件编码为 GBK')
    expect(html).toMatch(/<dt>新增学生<\/dt><dd>6<\/dd>/)
    expect(html).toMatch(/<dt>新开家长账号<\/dt><dd>4<\/dd>/)
    expect(html).toMatch(/<dt>新增或更新的家长关联<\/dt><dd>5<\/dd>/)
    const csv = hiddenCsv(html)
    expect(csv).toBe(FIXED)
    // The preview wrote nothing.
    expect(await pupilsOf(ids.school, ['RT001'])).toEqual([])

    const done = await commit(cookie, csv)
    expect(done.status).toBe(200)
    expect(done.headers.get('Cache-Control')).toBe('private, no-store')
    const result = await done.text()
    expect(result).toContain('新增学生 6 名，更新 0 名，0 名无变化；新增或更新家长关联 5 条。')

    const pupils = await pupilsOf(ids.school, ['RT001', 'RT002', 'RT003', 'RT004', 'RT005', 'RT006'])
    expect(pupils.map((p) => [p.student_number, p.name, p.class_id, p.active])).toEqual([
      ['RT001', '王小明', ids.classes['五(2)班'], 1],
      ['RT002', '李华', ids.classes['五(1)班'], 1],
      ['RT003', '王小红', ids.classes['一(1)班'], 1],
      ['RT004', '赵一', ids.classes['四(2)班'], 1],
      ['RT005', '钱二', ids.classes['一(2)班'], 1],
      ['RT006', '孙三', ids.classes['二(1)班'], 1],
    ])
    const parents = await parentsWithPhone(['19900000001', '19900000002', '19900000004', '19900000005'])
    expect(
      parents.map((p) => [p.username, p.display_name, p.school_id, p.role, p.must_change_password]),
    ).toEqual([
      ['rostertest-19900000001', '王芳', ids.school, 'parent', 1],
      ['rostertest-19900000002', '李强', ids.school, 'parent', 1],
      ['rostertest-19900000004', '赵强', ids.school, 'parent', 1],
      ['rostertest-19900000005', '钱妈妈', ids.school, 'parent', 1],
    ])
    const [wangFang] = parents
    const links = await linksOf(pupils.map((p) => p.id))
    expect(links).toHaveLength(5)
    // Siblings share their mother's one account.
    expect(links.filter((l) => l.guardian_id === wangFang!.id).map((l) => l.relation)).toEqual([
      'mother',
      'mother',
    ])

    // Each new account's password is on the page once, in clear, and is the one stored (hashed).
    const shown = [
      ...result.matchAll(
        /<code>(rostertest-\d+)<\/code><\/td><td><code class="one-time-secret">([^<]+)<\/code>/g,
      ),
    ]
    expect(shown.map((m) => m[1])).toEqual(parents.map((p) => p.username))
    for (const [, username, password] of shown) {
      const parent = parents.find((p) => p.username === username)!
      expect(await verifyPassword(parent.password_hash, password!)).toBe(true)
    }
    const signIn = await app.request('/login', {
      ...form({ username: 'rostertest-19900000001', password: shown[0]![2]! }),
    })
    expect(signIn.status).toBe(302)

    const later = await (await app.request('/school/roster', { cookie })).text()
    for (const [, , password] of shown) expect(later).not.toContain(password)
    expect(later).toContain('6 名在读学生中，5 名已关联家长账号。')

    const audit = await app.db
      .selectFrom('audit_log')
      .select('detail')
      .where('school_id', '=', ids.school)
      .where('action', '=', 'roster-imported')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ newPupils: 6, guardiansCreated: 4, links: 5 })
  })

  it('updates pupils by student number on a second import instead of adding them again', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const second = FIXED.replace('RT002,李华,5(1)班', 'RT002,李华华,5-2').replace(
      'RT006,孙三,二(1)班,,,',
      'RT006,孙三,二(1)班,孙爸爸,19900000006,爸爸',
    )
    const preview = await upload(cookie, second)
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toMatch(/<dt>新增学生<\/dt><dd>0<\/dd>/)
    expect(html).toMatch(/<dt>更新学生<\/dt><dd>1<\/dd>/)
    expect(html).toMatch(/<dt>无变化<\/dt><dd>5<\/dd>/)
    expect(html).toMatch(/<dt>新开家长账号<\/dt><dd>1<\/dd>/)
    expect(html).toContain('原名 李华、原班级 五(1)班')

    const before = await tableCounts()
    const done = await commit(cookie, hiddenCsv(html))
    expect(done.status).toBe(200)
    const after = await tableCounts()
    expect(after.students).toBe(before.students)
    expect(after.users).toBe(before.users + 1)
    expect(after.guardianships).toBe(before.guardianships + 1)
    const [li] = await pupilsOf(ids.school, ['RT002'])
    expect(li).toMatchObject({ name: '李华华', class_id: ids.classes['五(2)班'] })

    // The same file once more changes nothing at all.
    const again = await upload(cookie, second)
    expect(await again.text()).toContain('文件与现有名册一致，没有需要导入的变动。')
  })

  it('refuses a class of another school, junk, a binary file and a file with wrong columns, storing nothing', async () => {
    const app = await getTestApp()
    const before = await tableCounts()
    // zaobei has 五(1)班 to 五(3)班, but 五(7)班 is only rostertest's.
    const zbAdmin = await app.signIn('zb-admin')
    const otherSchool = await commit(zbAdmin, `${HEADER}\nZB-RT1,周七,五(7)班,,,`)
    expect(otherSchool.status).toBe(400)
    expect(await otherSchool.text()).toContain('本校没有“五(7)班”这个班级。')

    const cookie = await app.signIn('rt-admin')
    const junk = new Uint8Array(10 * 1024 * 1024).map((_, i) => (i * 7919) % 251)
    const big = await upload(cookie, junk, 'junk.csv')
    expect(big.status).toBe(400)
    expect(await big.text()).toContain('文件超过 2 MB，不像是学生名册。')

    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ])
    const binary = await upload(cookie, png, 'photo.csv')
    expect(binary.status).toBe(400)
    expect(await binary.text()).toContain('这不是文本格式的 CSV 文件。')

    const columns = await upload(cookie, '学号,名字,班级,备注\nRT100,王,五(2)班,x\n')
    expect(columns.status).toBe(400)
    const columnsHtml = await columns.text()
    expect(columnsHtml).toContain('缺少必需的列：姓名。')
    expect(columnsHtml).toContain('无法识别的列：名字、备注。')

    const empty = await upload(cookie, '')
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('请选择要上传的 CSV 文件')

    expect(await tableCounts()).toEqual(before)
    expect(await pupilsOf(ZAOBEI, ['ZB-RT1'])).toEqual([])
  })

  it('refuses at commit a name its preview would refuse (bidi override, zero-width space), storing nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const before = await tableCounts()
    const csv = [
      HEADER,
      'RTX01,王\u202e小明,五(2)班,,,',
      'RTX02,李\u200b华,五(2)班,,,',
      'RTX03,张\u0000三,五(2)班,,,',
    ]
    for (const rows of [csv.slice(0, 2), [csv[0], csv[2]]]) {
      const response = await commit(cookie, rows.join('\r\n'))
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('含有看不见的字符或控制字符')
    }
    const nul = await commit(cookie, [csv[0], csv[3]].join('\r\n'))
    expect(nul.status).toBe(400)
    expect(await nul.text()).toContain('这不是文本格式的 CSV 文件')
    expect(await tableCounts()).toEqual(before)
    expect(await pupilsOf(ids.school, ['RTX01', 'RTX02', 'RTX03'])).toEqual([])
  })

  it('warns in the preview about names that look wrongly decoded, naming the likely cause', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    // 张一诺 saved as UTF-8, opened as Western European and saved again; 李四 saved as GBK, read as UTF-8.
    const utf8AsLatin = iconv.decode(Buffer.from('张一诺', 'utf8'), 'win1252')
    const gbkAsUtf8 = Buffer.from(iconv.encode('李四', 'gbk')).toString('utf8')
    const csv = [
      HEADER,
      `RTM01,${utf8AsLatin},五(2)班,,,`,
      `RTM02,${gbkAsUtf8},五(2)班,,,`,
      'RTM03,王五,五(2)班,,,',
    ]
    const response = await upload(cookie, csv.join('\r\n'))
    expect(response.status).toBe(200)
    const html = unescapeHtml(await response.text())
    expect(html).toContain('2 处姓名疑似乱码')
    expect(html).toContain(
      `“${utf8AsLatin}”像是乱码（如 Ã、â€）：文件原为 UTF-8 编码，却被当作西欧编码（Latin-1）读取过。`,
    )
    expect(html).toContain('文件原为 GBK 编码，却被当作 UTF-8 读取过')
    // A warning leaves the choice to the admin: the confirm form is there.
    expect(html).toContain('name="csv"')
  })

  it('refuses other roles and other schools, writing nothing', async () => {
    const app = await getTestApp()
    const before = await tableCounts()
    const [pupil] = await pupilsOf(ids.school, ['RT001'])
    for (const username of ['jw-teacher', 'jw-parent']) {
      const cookie = await app.signIn(username)
      for (const path of [
        '/school/roster',
        '/school/roster/export',
        '/school/roster/rollover',
        `/school/roster/${pupil!.id}`,
      ]) {
        expect((await app.request(path, { cookie })).status, `${username} GET ${path}`).toBe(403)
      }
      expect((await upload(cookie, FIXED.replace(/RT0/g, 'XX0'))).status).toBe(403)
      expect((await commit(cookie, FIXED.replace(/RT0/g, 'XX0'))).status).toBe(403)
      const rollover = await app.request('/school/roster/rollover', {
        ...form({ intent: 'rollover', toYearId: '1', confirm: 'on' }),
        cookie,
      })
      expect(rollover.status).toBe(403)
    }
    const zbAdmin = await app.signIn('zb-admin')
    expect((await app.request(`/school/roster/${pupil!.id}`, { cookie: zbAdmin })).status).toBe(404)
    const save = await app.request(`/school/roster/${pupil!.id}`, {
      ...form({
        intent: 'save',
        studentNumber: 'RT001',
        name: '改名',
        classId: String(ids.classes['五(2)班']),
      }),
      cookie: zbAdmin,
    })
    expect(save.status).toBe(404)
    const anonymous = await app.request('/school/roster', { method: 'POST', body: new FormData() })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
    expect(await tableCounts()).toEqual(before)
    expect((await pupilsOf(ids.school, ['RT001']))[0]?.name).toBe('王小明')
  })
})

describe('/school/roster/export', () => {
  it('exports in the import’s columns with a BOM, neutralises formulas, and imports back unchanged', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const added = await app.request('/school/roster', {
      ...form({
        intent: 'add-pupil',
        studentNumber: 'rt007',
        name: '=HYPERLINK("x")',
        classId: String(ids.classes['三(1)班']),
      }),
      cookie,
    })
    expect(added.status).toBe(302)
    const [formulaPupil] = await pupilsOf(ids.school, ['RT007'])
    expect(added.headers.get('Location')).toBe(`/school/roster/${formulaPupil!.id}`)

    const response = await app.request('/school/roster/export', { cookie })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const lines = text.split('\r\n')
    // The first line says whose school, who exported and when; the import skips it.
    expect(lines[0]).toMatch(
      /^# 名册测试学校 · 导出人：.+ \(rt-admin\) · 导出时间：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/,
    )
    expect(lines[1]).toBe(HEADER)
    expect(response.headers.get('Content-Disposition')).toContain(
      encodeURIComponent(`学生名册-名册测试学校-${todayIn('Asia/Shanghai')}-rt-admin.csv`),
    )
    expect(lines).toContain('RT001,王小明,五(2)班,王芳,19900000001,母亲')
    expect(text).toContain(`RT007,"'=HYPERLINK(""x"")",三(1)班,,,`)
    expect(text).not.toMatch(/,=HYPERLINK/)

    const back = await upload(cookie, bytes, 'export.csv')
    expect(back.status).toBe(200)
    const html = await back.text()
    expect(html).toMatch(/<dt>新增学生<\/dt><dd>0<\/dd>/)
    expect(html).toMatch(/<dt>更新学生<\/dt><dd>0<\/dd>/)
    expect(html).toMatch(/<dt>无变化<\/dt><dd>7<\/dd>/)
    expect(html).toContain('文件与现有名册一致，没有需要导入的变动。')

    const english = await (await app.request('/school/roster/export?lang=en', { cookie })).text()
    expect(english.split('\r\n')[0]).toMatch(
      /^# 名册测试学校 · exported by .+ \(rt-admin\) · \d{1,2} \w{3} \d{4}, \d\d:\d\d$/,
    )
    expect(english.split('\r\n')[1]).toBe('student_number,name,class,guardian_name,guardian_phone,relation')
    expect(english).toContain('RT001,王小明,五(2)班,王芳,19900000001,mother')
  })
})

describe('/school/roster/:studentId', () => {
  it('edits a pupil, refusing a number another pupil has', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const [pupil] = await pupilsOf(ids.school, ['RT006'])
    const page = await app.request(`/school/roster/${pupil!.id}`, { cookie })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<h1>孙三</h1>')
    expect(html).toContain('孙爸爸')

    const taken = await app.request(`/school/roster/${pupil!.id}`, {
      ...form({
        intent: 'save',
        studentNumber: 'RT001',
        name: '孙三',
        classId: String(ids.classes['二(1)班']),
        active: 'on',
      }),
      cookie,
    })
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('本校已有学生使用这个学号。')

    const saved = await app.request(`/school/roster/${pupil!.id}`, {
      ...form({
        intent: 'save',
        studentNumber: 'RT006',
        name: '孙小三',
        classId: String(ids.classes['二(2)班']),
        active: 'on',
      }),
      cookie,
    })
    expect(saved.status).toBe(302)
    expect((await pupilsOf(ids.school, ['RT006']))[0]).toMatchObject({
      name: '孙小三',
      class_id: ids.classes['二(2)班'],
      active: 1,
    })

    const deactivated = await app.request(`/school/roster/${pupil!.id}`, {
      ...form({
        intent: 'save',
        studentNumber: 'RT006',
        name: '孙小三',
        classId: String(ids.classes['二(2)班']),
      }),
      cookie,
    })
    expect(deactivated.status).toBe(302)
    expect((await pupilsOf(ids.school, ['RT006']))[0]?.active).toBe(0)
  })

  it('links, creates and unlinks guardians; another school’s parent is not found', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const [pupil] = await pupilsOf(ids.school, ['RT004'])
    const path = `/school/roster/${pupil!.id}`
    const before = await tableCounts()
    const foreign = await app.request(path, {
      ...form({ intent: 'link-guardian', username: 'jw-parent', relation: 'mother' }),
      cookie,
    })
    expect(foreign.status).toBe(400)
    expect(await foreign.text()).toContain('本校没有这个用户名的家长账号。')
    expect(await tableCounts()).toEqual(before)

    const linked = await app.request(path, {
      ...form({ intent: 'link-guardian', username: 'rostertest-19900000005', relation: 'grandparent' }),
      cookie,
    })
    expect(linked.status).toBe(302)
    const [qian] = await parentsWithPhone(['19900000005'])
    expect((await linksOf([pupil!.id])).find((l) => l.guardian_id === qian!.id)?.relation).toBe('grandparent')

    const created = await app.request(path, {
      ...form({
        intent: 'new-guardian',
        guardianName: '赵奶奶',
        guardianPhone: '199-0000-0044',
        relation: 'grandparent',
      }),
      cookie,
    })
    expect(created.status).toBe(200)
    expect(created.headers.get('Cache-Control')).toBe('private, no-store')
    const createdHtml = await created.text()
    const [grandma] = await parentsWithPhone(['19900000044'])
    expect(grandma).toMatchObject({
      username: 'rostertest-19900000044',
      display_name: '赵奶奶',
      must_change_password: 1,
    })
    const password = /<code class="one-time-secret">([^<]+)<\/code>/.exec(createdHtml)?.[1]
    expect(await verifyPassword(grandma!.password_hash, password ?? '')).toBe(true)

    // A phone that already has an account links that account instead of opening a second one.
    const usersBefore = (await tableCounts()).users
    const known = await app.request(path, {
      ...form({
        intent: 'new-guardian',
        guardianName: '赵强',
        guardianPhone: '19900000004',
        relation: 'father',
      }),
      cookie,
    })
    expect(known.status).toBe(302)
    expect((await tableCounts()).users).toBe(usersBefore)

    const unlinked = await app.request(path, {
      ...form({ intent: 'unlink-guardian', guardianId: String(qian!.id) }),
      cookie,
    })
    expect(unlinked.status).toBe(302)
    expect((await linksOf([pupil!.id])).map((l) => l.guardian_id)).not.toContain(qian!.id)
    const notLinked = await app.request(path, {
      ...form({ intent: 'unlink-guardian', guardianId: String(qian!.id) }),
      cookie,
    })
    expect(notLinked.status).toBe(404)
  })
})

describe('/school/roster/rollover', () => {
  it('says the next academic year is missing and moves nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const { current } = yearsAroundToday()
    const page = await app.request('/school/roster/rollover', { cookie })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(`还没有 ${current.name} 之后的学年。`)
    const before = await tableCounts()
    const refused = await app.request('/school/roster/rollover', {
      ...form({ intent: 'rollover', toYearId: '1', confirm: 'on' }),
      cookie,
    })
    expect(refused.status).toBe(400)
    expect(await tableCounts()).toEqual(before)
  })

  it('moves classes up, graduates the top grade, keeps participations’ classes, and runs once', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('rr-admin')
    const { current, next } = yearsAroundToday()
    // Next year's 五(1)班 sits beside this year's archived one: a class number is unique among current classes only.
    const index = await sql<{
      sql: string
    }>`select sql from sqlite_master where name = 'classes_grade_number'`.execute(app.db)
    expect(index.rows[0]?.sql ?? '', 'the rollover needs migration 20261128170000_class_archive').toMatch(
      /where "archived_at" is null/i,
    )
    const nextYear = await app.db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', ids.rollSchool)
      .where('name', '=', next.name)
      .executeTakeFirstOrThrow()

    const page = await app.request('/school/roster/rollover', { cookie })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`<dd>${current.name}</dd>`)
    expect(html).toContain(`<dd>${next.name}</dd>`)
    expect(html).toMatch(/<th scope="row">四\(1\)班<\/th><td>2<\/td><td>五\(1\)班<\/td>/)
    expect(html).toContain('五(1)班：2 名学生毕业')
    expect(html).toContain(`name="toYearId" value="${nextYear.id}"`)

    const unconfirmed = await app.request('/school/roster/rollover', {
      ...form({ intent: 'rollover', toYearId: String(nextYear.id) }),
      cookie,
    })
    expect(unconfirmed.status).toBe(400)
    expect(await unconfirmed.text()).toContain('请先勾选确认。')

    const before = await tableCounts()
    const done = await app.request('/school/roster/rollover', {
      ...form({ intent: 'rollover', toYearId: String(nextYear.id), confirm: 'on' }),
      cookie,
    })
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/school/roster')

    const classes = await app.db
      .selectFrom('classes')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select([
        'classes.id',
        'classes.name',
        'classes.archived_at',
        'classes.head_teacher_id',
        'grades.level',
      ])
      .where('classes.school_id', '=', ids.rollSchool)
      .orderBy('classes.id')
      .execute()
    const old = classes.filter((c) => Object.values(ids.rollClasses).includes(c.id))
    const fresh = classes.filter((c) => !Object.values(ids.rollClasses).includes(c.id))
    expect(old.every((c) => c.archived_at !== null)).toBe(true)
    expect(fresh.map((c) => [c.name, c.level, c.archived_at])).toEqual([
      ['二(1)班', 2, null],
      ['三(1)班', 3, null],
      ['四(1)班', 4, null],
      ['五(1)班', 5, null],
    ])
    expect((await tableCounts()).classes).toBe(before.classes + 4)

    const pupils = await pupilsOf(ids.rollSchool, ['RR101', 'RR401', 'RR501', 'RR502'])
    const newId = (name: string) => fresh.find((c) => c.name === name)!.id
    expect(pupils.map((p) => [p.student_number, p.class_id, p.active, p.graduated_on])).toEqual([
      ['RR101', newId('二(1)班'), 1, null],
      ['RR401', newId('五(1)班'), 1, null],
      ['RR501', ids.rollClasses['五(1)班'], 0, next.startsOn],
      ['RR502', ids.rollClasses['五(1)班'], 0, next.startsOn],
    ])
    // History stays: a participation still names the class the pupil was in at the time.
    const participations = await app.db
      .selectFrom('participations')
      .innerJoin('students', 'students.id', 'participations.student_id')
      .select(['students.student_number', 'participations.class_id'])
      .where('participations.school_id', '=', ids.rollSchool)
      .orderBy('students.student_number')
      .execute()
    expect(participations).toEqual([
      { student_number: 'RR301', class_id: ids.rollClasses['三(1)班'] },
      { student_number: 'RR501', class_id: ids.rollClasses['五(1)班'] },
    ])

    // A second click on the same confirmation does not move the school up again.
    const afterFirst = await tableCounts()
    const twice = await app.request('/school/roster/rollover', {
      ...form({ intent: 'rollover', toYearId: String(nextYear.id), confirm: 'on' }),
      cookie,
    })
    expect(twice.status).toBe(400)
    expect(await twice.text()).toContain(`名册已经升入 ${next.name} 学年，本次没有重复升级。`)
    expect(await tableCounts()).toEqual(afterFirst)
    expect((await pupilsOf(ids.rollSchool, ['RR101']))[0]?.class_id).toBe(newId('二(1)班'))

    // Imports now match this year's classes only: the archived 一(1)班 is gone from the choices.
    const stale = await upload(cookie, '学号,姓名,班级\nRR900,新同学,一(1)班\n')
    expect(stale.status).toBe(400)
    expect(await stale.text()).toContain('本校没有“一(1)班”这个班级。')
  })
})

describe('pupil search', () => {
  beforeAll(async () => {
    const app = await getTestApp()
    await createStudents(app.db, {
      schoolId: ids.school,
      classId: ids.classes['五(7)班']!,
      count: 3,
      startNumber: 1,
      numberPrefix: 'Sq',
      names: ['Élodie 林', 'LǙ Xiaoming', '吕小红'],
      random: createRandom(7),
    })
  })

  /** The names the page lists among the three pupils above, in its order. */
  async function found(path: string, q: string): Promise<string[]> {
    const app = await getTestApp()
    const cookie = await app.signIn('rt-admin')
    const response = await app.request(`${path}?q=${encodeURIComponent(q)}`, { cookie })
    expect(response.status).toBe(200)
    const html = await response.text()
    return ['Élodie 林', 'LǙ Xiaoming', '吕小红'].filter((name) => html.includes(name))
  }

  it('finds the same pupils on the roster and the pupil finder whatever the letter case', async () => {
    for (const path of ['/school/roster', '/students']) {
      for (const q of ['élodie', 'ÉLODIE', 'Élodie'])
        expect(await found(path, q), `${path} ${q}`).toEqual(['Élodie 林'])
      for (const q of ['lǚ', 'LǙ', 'lǙ x'])
        expect(await found(path, q), `${path} ${q}`).toEqual(['LǙ Xiaoming'])
      for (const q of ['sq', 'SQ', 'sQ0']) {
        expect(await found(path, q), `${path} ${q}`).toEqual(['Élodie 林', 'LǙ Xiaoming', '吕小红'])
      }
      expect(await found(path, '*'), `${path} *`).toEqual([])
    }
  })
})
