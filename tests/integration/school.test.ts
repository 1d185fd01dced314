import { describe, expect, it } from 'vitest'
import { form, getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: rows made here have names of their own,
// and no assertion counts rows it did not make.

async function idOf(
  table: 'grades' | 'classes' | 'users' | 'academic_years',
  where: Record<string, string | number>,
) {
  const app = await getTestApp()
  let query = app.db.selectFrom(table).select('id')
  for (const [column, value] of Object.entries(where))
    query = query.where(column as never, '=', value as never)
  const row = await query.executeTakeFirstOrThrow()
  return row.id
}

async function auditCount(action: string) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The one-time password shown on the page after creating or resetting an account. */
function oneTimePassword(html: string): string {
  const match = html.match(/class="one-time-secret">([^<]+)</)
  if (!match?.[1]) throw new Error('No one-time password on the page')
  return match[1]
}

describe('/school', () => {
  it('lets the admin rename the school and shows the new name', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    const response = await app.request('/school', {
      ...form({ intent: 'profile', name: '嘉定区怀少幼儿园（总园）', district: '嘉定区' }),
      cookie,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/school')
    const page = await (await app.request('/school', { cookie })).text()
    expect(page).toContain('value="嘉定区怀少幼儿园（总园）"')
    expect(page).toContain('学校信息已保存。')
    expect(page).toContain('幼儿园')
    expect(page).toContain('huaishao')
    await app.db
      .updateTable('schools')
      .set({ name: '嘉定区怀少幼儿园' })
      .where('slug', '=', 'huaishao')
      .execute()
  })

  it('keeps the typed values and says what is wrong with an empty school name', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    const response = await app.request('/school', {
      ...form({ intent: 'profile', name: '', district: '嘉定区-typed' }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('请填写此项。')
    expect(html).toContain('value="嘉定区-typed"')
  })

  it('adds a class with the usual name and its head teacher', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const gradeId = await idOf('grades', { school_id: 1, level: 3 })
    const teacherId = await idOf('users', { username: 'jw-teacher' })
    const response = await app.request('/school', {
      ...form({
        intent: 'add-class',
        gradeId: String(gradeId),
        number: '11',
        name: '',
        headTeacherId: String(teacherId),
      }),
      cookie,
    })
    expect(response.status).toBe(302)
    const row = await app.db
      .selectFrom('classes')
      .select(['id', 'name', 'head_teacher_id'])
      .where('grade_id', '=', gradeId)
      .where('number', '=', 11)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: '三(11)班', head_teacher_id: teacherId })
    const page = await (await app.request('/school', { cookie })).text()
    expect(page).toContain('班级已添加。')
    expect(page).toMatch(new RegExp(`<a [^>]*href="/classes/${row.id}"[^>]*>三\\(11\\)班</a>`))
    const classPage = await (await app.request(`/classes/${row.id}`, { cookie })).text()
    expect(classPage).toContain('三(11)班')
    expect(classPage).toContain('班主任：周老师')
  })

  it('refuses a class number taken in the grade, keeps the typed values and writes nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const gradeId = await idOf('grades', { school_id: 1, level: 4 })
    const before = await app.db.selectFrom('classes').select('id').where('grade_id', '=', gradeId).execute()
    const audits = await auditCount('class-created')
    const response = await app.request('/school', {
      ...form({ intent: 'add-class', gradeId: String(gradeId), number: '2', name: '四(2)班-typed' }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('这个年级已有相同班号的班级。')
    expect(html).toContain('value="四(2)班-typed"')
    expect(html).toContain('value="2"')
    const after = await app.db.selectFrom('classes').select('id').where('grade_id', '=', gradeId).execute()
    expect(after).toHaveLength(before.length)
    expect(await auditCount('class-created')).toBe(audits)
  })

  it('edits a class and refuses a number another class has', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-admin')
    const gradeId = await idOf('grades', { school_id: 2, level: 5 })
    const teacherId = await idOf('users', { username: 'zb-teacher' })
    const added = await app.request('/school', {
      ...form({
        intent: 'add-class',
        gradeId: String(gradeId),
        number: '12',
        name: '五(12)班',
        headTeacherId: String(teacherId),
      }),
      cookie,
    })
    expect(added.status).toBe(302)
    const classId = await idOf('classes', { grade_id: gradeId, number: 12 })
    const editPage = await app.request(`/school?editClass=${classId}`, { cookie })
    expect(editPage.status).toBe(200)
    expect(await editPage.text()).toContain('修改五(12)班')
    const taken = await app.request(`/school?editClass=${classId}`, {
      ...form({ intent: 'edit-class', classId: String(classId), number: '1', name: '' }),
      cookie,
    })
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('这个年级已有相同班号的班级。')
    const saved = await app.request('/school', {
      ...form({ intent: 'edit-class', classId: String(classId), number: '9', name: '', headTeacherId: '' }),
      cookie,
    })
    expect(saved.status).toBe(302)
    const row = await app.db
      .selectFrom('classes')
      .select(['number', 'name', 'head_teacher_id'])
      .where('id', '=', classId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ number: 9, name: '五(9)班', head_teacher_id: null })
  })

  it('renames a grade and creates the grades a school of its kind is missing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    const gradeId = await idOf('grades', { school_id: 3, level: 1 })
    const renamed = await app.request('/school', {
      ...form({ intent: 'rename-grade', gradeId: String(gradeId), name: '小小班' }),
      cookie,
    })
    expect(renamed.status).toBe(302)
    expect(await (await app.request('/school', { cookie })).text()).toContain('value="小小班"')
    await app.db.updateTable('grades').set({ name: '小班' }).where('id', '=', gradeId).execute()
    // Removing a grade without classes lets the button put it back.
    const extra = await app.db
      .insertInto('schools')
      .values({ slug: 'school-test-new', name: '新校', district: '闵行区', kind: 'senior' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await app.db
      .insertInto('grades')
      .values({ school_id: extra.id, level: 11, name: '高二（改名）' })
      .execute()
    await app.db
      .insertInto('users')
      .values({
        school_id: extra.id,
        role: 'admin',
        username: 'school-test-new-admin',
        display_name: '新校管理员',
        password_hash: (
          await app.db
            .selectFrom('users')
            .select('password_hash')
            .where('username', '=', 'jw-admin')
            .executeTakeFirstOrThrow()
        ).password_hash,
      })
      .execute()
    const newCookie = await app.signIn('school-test-new-admin')
    const page = await (await app.request('/school', { cookie: newCookie })).text()
    expect(page).toContain('高一、高三')
    const created = await app.request('/school', { ...form({ intent: 'create-grades' }), cookie: newCookie })
    expect(created.status).toBe(302)
    const grades = await app.db
      .selectFrom('grades')
      .select(['level', 'name'])
      .where('school_id', '=', extra.id)
      .orderBy('level')
      .execute()
    expect(grades).toEqual([
      { level: 10, name: '高一' },
      { level: 11, name: '高二（改名）' },
      { level: 12, name: '高三' },
    ])
    const after = await (await app.request('/school', { cookie: newCookie })).text()
    expect(after).toContain('高级中学学制中的年级都已创建')
  })

  it('shows a refused grade name at that grade’s form and writes nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    const gradeId = await idOf('grades', { school_id: 3, level: 1 })
    const audits = await auditCount('grade-renamed')
    const response = await app.request('/school', {
      ...form({ intent: 'rename-grade', gradeId: String(gradeId), name: '' }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`<ul id="rename-grade-${gradeId}-name-error"[^>]*>.*请填写此项。`))
    const grade = await app.db
      .selectFrom('grades')
      .select('name')
      .where('id', '=', gradeId)
      .executeTakeFirstOrThrow()
    expect(grade.name).toBe('小班')
    expect(await auditCount('grade-renamed')).toBe(audits)
  })

  it('records who saved the school profile, with the change, in the audit log', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    const adminId = await idOf('users', { username: 'hs-admin' })
    const before = await auditCount('school-updated')
    const response = await app.request('/school', {
      ...form({ intent: 'profile', name: '嘉定区怀少幼儿园', district: '嘉定区（审计）' }),
      cookie,
    })
    expect(response.status).toBe(302)
    expect(await auditCount('school-updated')).toBe(before + 1)
    const entry = await app.db
      .selectFrom('audit_log')
      .select(['school_id', 'user_id', 'detail'])
      .where('action', '=', 'school-updated')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ school_id: 3, user_id: adminId })
    expect(entry.detail).toContain('嘉定区（审计）')
    await app.db.updateTable('schools').set({ district: '嘉定区' }).where('id', '=', 3).execute()
  })

  it('answers a form the page does not have with 400, for both admin pages', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    for (const path of ['/school', '/school/accounts']) {
      const response = await app.request(path, { ...form({ intent: 'delete-school' }), cookie })
      expect(response.status).toBe(400)
    }
  })

  it('answers 404 for another school’s grade, class or teacher and writes nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const zbGrade = await idOf('grades', { school_id: 2, level: 1 })
    const zbClass = await idOf('classes', { grade_id: zbGrade, number: 1 })
    const zbTeacher = await idOf('users', { username: 'zb-teacher' })
    const jwGrade = await idOf('grades', { school_id: 1, level: 2 })
    const before = await app.db.selectFrom('classes').select('id').execute()
    const gradeName = await app.db
      .selectFrom('grades')
      .select('name')
      .where('id', '=', zbGrade)
      .executeTakeFirstOrThrow()

    const attempts = [
      form({ intent: 'rename-grade', gradeId: String(zbGrade), name: '被改了' }),
      form({ intent: 'add-class', gradeId: String(zbGrade), number: '20' }),
      form({ intent: 'add-class', gradeId: String(jwGrade), number: '21', headTeacherId: String(zbTeacher) }),
      form({ intent: 'edit-class', classId: String(zbClass), number: '22' }),
      form({ intent: 'edit-class', classId: 'abc', number: '22' }),
    ]
    for (const attempt of attempts) {
      const response = await app.request('/school', { ...attempt, cookie })
      expect(response.status).toBe(404)
    }
    expect(await app.db.selectFrom('classes').select('id').execute()).toHaveLength(before.length)
    expect(
      await app.db.selectFrom('grades').select('name').where('id', '=', zbGrade).executeTakeFirstOrThrow(),
    ).toEqual(gradeName)
    expect((await app.request(`/school?editClass=${zbClass}`, { cookie })).status).toBe(404)
    expect((await app.request(`/classes/${zbClass}`, { cookie })).status).toBe(404)
    expect((await app.request('/classes/not-a-number', { cookie })).status).toBe(404)
  })

  it('refuses teachers and parents, for pages and for posts', async () => {
    const app = await getTestApp()
    const teacher = await app.signIn('jw-teacher')
    for (const path of ['/school', '/school/calendar', '/school/accounts']) {
      expect((await app.request(path, { cookie: teacher })).status).toBe(403)
    }
    const post = await app.request('/school', {
      ...form({ intent: 'profile', name: 'x', district: 'y' }),
      cookie: teacher,
    })
    expect(post.status).toBe(403)
    const accounts = await app.request('/school/accounts', {
      ...form({ intent: 'create', username: 'by-teacher', displayName: 'x', role: 'admin' }),
      cookie: teacher,
    })
    expect(accounts.status).toBe(403)
    expect(
      await app.db.selectFrom('users').select('id').where('username', '=', 'by-teacher').execute(),
    ).toEqual([])
    const parent = await app.signIn('jw-parent')
    expect((await app.request('/classes', { cookie: parent })).status).toBe(403)
    const classId = await idOf('classes', { school_id: 1, name: '一(2)班' })
    expect((await app.request(`/classes/${classId}`, { cookie: parent })).status).toBe(403)
  })

  it('shows English labels with ?lang=en', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const html = await (await app.request('/school?lang=en', { cookie })).text()
    expect(html).toContain('<html lang="en"')
    expect(html).toContain('Add a class')
    expect(html).toContain('Grade 5')
    expect(html).toContain('Nine-year school')
    expect(html).toContain('<title>School settings')
  })
})

describe('/classes', () => {
  it('lists every class by grade for a teacher, with head teacher and pupil count', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const response = await app.request('/classes', { cookie })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('九年级')
    expect(html).toContain('五(2)班')
    expect(html).toContain('周老师')
    const classId = await idOf('classes', { school_id: 1, name: '五(2)班' })
    const page = await app.request(`/classes/${classId}`, { cookie })
    expect(page.status).toBe(200)
    const classHtml = await page.text()
    expect(classHtml).toContain('张思远')
    expect(classHtml).toContain('JW20250502')
    expect(classHtml).toContain('学生名单（30 人）')
  })

  it('computes English class labels', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-teacher')
    const html = await (await app.request('/classes?lang=en', { cookie })).text()
    expect(html).toContain('Senior class 4')
    expect(html).toContain('Head teacher')
  })
})

describe('/school/calendar', () => {
  async function newYear(cookie: string, name: string, startsOn: string, endsOn: string) {
    const app = await getTestApp()
    const response = await app.request('/school/calendar', {
      ...form({ intent: 'add-year', name, startsOn, endsOn }),
      cookie,
    })
    expect(response.status).toBe(302)
    return idOf('academic_years', { school_id: 2, name })
  }

  it('adds a year and refuses a second one of the same name or overlapping dates', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-admin')
    await newYear(cookie, '2030-2031', '2030-09-01', '2031-08-31')
    const same = await app.request('/school/calendar', {
      ...form({ intent: 'add-year', name: '2030-2031', startsOn: '2032-09-01', endsOn: '2033-08-31' }),
      cookie,
    })
    expect(same.status).toBe(400)
    expect(await same.text()).toContain('已有同名学年。')
    const overlapping = await app.request('/school/calendar', {
      ...form({
        intent: 'add-year',
        name: '2031-2032 overlap',
        startsOn: '2031-08-01',
        endsOn: '2032-07-31',
      }),
      cookie,
    })
    expect(overlapping.status).toBe(400)
    expect(await overlapping.text()).toContain('与本校另一个学年的日期重叠。')
    const invalid = await app.request('/school/calendar', {
      ...form({ intent: 'add-year', name: 'bad date', startsOn: '2034-02-30', endsOn: '2034-08-31' }),
      cookie,
    })
    expect(invalid.status).toBe(400)
    expect(await invalid.text()).toContain('请输入有效日期。')
  })

  it('adds a term and a day off and shows their dates in the reader’s language', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-admin')
    const yearId = await newYear(cookie, '2040-2041', '2040-09-01', '2041-08-31')
    const term = await app.request('/school/calendar', {
      ...form({
        intent: 'add-term',
        academicYearId: String(yearId),
        name: '秋季学期',
        startsOn: '2040-09-01',
        endsOn: '2041-01-20',
      }),
      cookie,
    })
    expect(term.status).toBe(302)
    expect(term.headers.get('Location')).toBe(`/school/calendar#year-${yearId}`)
    const dayOff = await app.request('/school/calendar', {
      ...form({
        intent: 'add-day-off',
        academicYearId: String(yearId),
        name: '国庆节',
        kind: 'holiday',
        startsOn: '2040-10-01',
        endsOn: '2040-10-07',
      }),
      cookie,
    })
    expect(dayOff.status).toBe(302)
    const zh = await (await app.request('/school/calendar', { cookie })).text()
    expect(zh).toContain('2040年9月1日 – 2041年1月20日')
    expect(zh).toContain('2040年10月1日 – 2040年10月7日')
    const en = await (await app.request('/school/calendar?lang=en', { cookie })).text()
    expect(en).toContain('1 Sep 2040 – 20 Jan 2041')
    expect(en).toContain('Holiday')
  })

  it('refuses a term outside its year or overlapping another, with a message and nothing written', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-admin')
    const yearId = await newYear(cookie, '2050-2051', '2050-09-01', '2051-08-31')
    const first = await app.request('/school/calendar', {
      ...form({
        intent: 'add-term',
        academicYearId: String(yearId),
        name: '第一学期',
        startsOn: '2050-09-01',
        endsOn: '2051-01-20',
      }),
      cookie,
    })
    expect(first.status).toBe(302)
    const termsBefore = await app.db
      .selectFrom('terms')
      .select('id')
      .where('academic_year_id', '=', yearId)
      .execute()

    const outside = await app.request('/school/calendar', {
      ...form({
        intent: 'add-term',
        academicYearId: String(yearId),
        name: '越界学期',
        startsOn: '2051-02-20',
        endsOn: '2051-09-10',
      }),
      cookie,
    })
    expect(outside.status).toBe(400)
    const outsideHtml = await outside.text()
    expect(outsideHtml).toContain('学期必须在学年的起止日期之内。')
    expect(outsideHtml).toContain('value="越界学期"')
    expect(outsideHtml).toContain('value="2051-09-10"')

    const overlapping = await app.request('/school/calendar', {
      ...form({
        intent: 'add-term',
        academicYearId: String(yearId),
        name: '重叠学期',
        startsOn: '2051-01-20',
        endsOn: '2051-06-30',
      }),
      cookie,
    })
    expect(overlapping.status).toBe(400)
    expect(await overlapping.text()).toContain('与本学年的另一个学期时间重叠。')

    const dayOff = await app.request('/school/calendar', {
      ...form({
        intent: 'add-day-off',
        academicYearId: String(yearId),
        name: '越界假日',
        kind: 'other',
        startsOn: '2051-08-30',
        endsOn: '2051-09-02',
      }),
      cookie,
    })
    expect(dayOff.status).toBe(400)
    expect(await dayOff.text()).toContain('假日必须在学年的起止日期之内。')

    const termsAfter = await app.db
      .selectFrom('terms')
      .select('id')
      .where('academic_year_id', '=', yearId)
      .execute()
    expect(termsAfter).toHaveLength(termsBefore.length)
    const daysOff = await app.db
      .selectFrom('school_days_off')
      .select('id')
      .where('academic_year_id', '=', yearId)
      .execute()
    expect(daysOff).toEqual([])
  })

  it('deletes a term and a day off of its own school only', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-admin')
    const yearId = await newYear(cookie, '2060-2061', '2060-09-01', '2061-08-31')
    await app.request('/school/calendar', {
      ...form({
        intent: 'add-term',
        academicYearId: String(yearId),
        name: '待删学期',
        startsOn: '2060-09-01',
        endsOn: '2061-01-20',
      }),
      cookie,
    })
    await app.request('/school/calendar', {
      ...form({
        intent: 'add-day-off',
        academicYearId: String(yearId),
        name: '待删假日',
        kind: 'exam',
        startsOn: '2061-01-10',
        endsOn: '2061-01-12',
      }),
      cookie,
    })
    const term = await app.db
      .selectFrom('terms')
      .select('id')
      .where('academic_year_id', '=', yearId)
      .executeTakeFirstOrThrow()
    const day = await app.db
      .selectFrom('school_days_off')
      .select('id')
      .where('academic_year_id', '=', yearId)
      .executeTakeFirstOrThrow()

    const jwAdmin = await app.signIn('jw-admin')
    const foreign = [
      form({ intent: 'delete-term', termId: String(term.id) }),
      form({ intent: 'delete-day-off', dayOffId: String(day.id) }),
      form({
        intent: 'add-term',
        academicYearId: String(yearId),
        name: 'x',
        startsOn: '2060-09-01',
        endsOn: '2060-09-02',
      }),
    ]
    for (const attempt of foreign) {
      expect((await app.request('/school/calendar', { ...attempt, cookie: jwAdmin })).status).toBe(404)
    }
    expect(
      await app.db.selectFrom('terms').select('id').where('academic_year_id', '=', yearId).execute(),
    ).toHaveLength(1)

    const deletedTerm = await app.request('/school/calendar', {
      ...form({ intent: 'delete-term', termId: String(term.id) }),
      cookie,
    })
    expect(deletedTerm.status).toBe(302)
    const deletedDay = await app.request('/school/calendar', {
      ...form({ intent: 'delete-day-off', dayOffId: String(day.id) }),
      cookie,
    })
    expect(deletedDay.status).toBe(302)
    expect(
      await app.db.selectFrom('terms').select('id').where('academic_year_id', '=', yearId).execute(),
    ).toEqual([])
    expect(
      await app.db
        .selectFrom('school_days_off')
        .select('id')
        .where('academic_year_id', '=', yearId)
        .execute(),
    ).toEqual([])
  })
})

describe('/school/accounts', () => {
  it('refuses a display name with a bidi override or a line break, storing nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    for (const [displayName, message] of [
      ['王\u202e老师', '含有看不见的字符或控制字符'],
      ['王\n老师', '请写在一行内（去掉换行）。'],
    ] as const) {
      const response = await app.request('/school/accounts', {
        ...form({ intent: 'create', username: 'jw-acct-hidden', displayName, role: 'teacher' }),
        cookie,
      })
      expect(response.status).toBe(400)
      const html = await response.text()
      expect(html).toContain(message)
      expect(html).toContain('value="jw-acct-hidden"')
    }
    const stored = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-acct-hidden')
      .execute()
    expect(stored).toEqual([])
  })

  it('creates an account whose one-time password signs in and must be changed first', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const response = await app.request('/school/accounts', {
      ...form({ intent: 'create', username: 'JW-Acct-New ', displayName: '新来的王老师', role: 'teacher' }),
      cookie,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const html = await response.text()
    const password = oneTimePassword(html)
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/)
    expect(html).toContain('已为新来的王老师创建账号')
    const row = await app.db
      .selectFrom('users')
      .select(['school_id', 'role', 'must_change_password', 'password_hash'])
      .where('username', '=', 'jw-acct-new')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ school_id: 1, role: 'teacher', must_change_password: 1 })
    expect(row.password_hash).not.toContain(password)

    const theirs = await app.signIn('jw-acct-new', password)
    const home = await app.request('/', { cookie: theirs })
    expect(home.status).toBe(302)
    expect(home.headers.get('Location')).toBe('/account/password')

    const list = await (await app.request('/school/accounts', { cookie })).text()
    expect(list).toContain('jw-acct-new')
    expect(list).toContain('待改密码')
    // Shown once: the list never carries it again.
    expect(list).not.toContain(password)
  })

  it('refuses a username taken in any school, keeping the typed values', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const before = await app.db.selectFrom('users').select('id').execute()
    const response = await app.request('/school/accounts', {
      ...form({ intent: 'create', username: 'zb-teacher', displayName: '重名的老师', role: 'teacher' }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('这个用户名已被使用。')
    expect(html).toContain('value="重名的老师"')
    expect(html).not.toContain('one-time-secret')
    expect(await app.db.selectFrom('users').select('id').execute()).toHaveLength(before.length)
  })

  it('deactivates an account: its sessions end, sign-in fails, and reactivation lets it back in', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('jw-admin')
    const created = await app.request('/school/accounts', {
      ...form({
        intent: 'create',
        username: 'jw-acct-leaving',
        displayName: '要离职的老师',
        role: 'teacher',
      }),
      cookie: admin,
    })
    const password = oneTimePassword(await created.text())
    const theirs = await app.signIn('jw-acct-leaving', password)
    const id = await idOf('users', { username: 'jw-acct-leaving' })

    const response = await app.request('/school/accounts', {
      ...form({ intent: 'deactivate', accountId: String(id) }),
      cookie: admin,
    })
    expect(response.status).toBe(302)
    expect(await app.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).toEqual([])
    const after = await app.request('/classes', { cookie: theirs })
    expect(after.status).toBe(302)
    expect(after.headers.get('Location')).toMatch(/^\/login/)
    const signIn = await app.request('/login', form({ username: 'jw-acct-leaving', password }))
    expect(signIn.status).toBe(401)
    expect(await (await app.request('/school/accounts', { cookie: admin })).text()).toContain('已停用')

    const back = await app.request('/school/accounts', {
      ...form({ intent: 'reactivate', accountId: String(id) }),
      cookie: admin,
    })
    expect(back.status).toBe(302)
    await app.signIn('jw-acct-leaving', password)
  })

  it('resets a password: a new one-time password, old sessions ended, change forced', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('jw-admin')
    const created = await app.request('/school/accounts', {
      ...form({
        intent: 'create',
        username: 'jw-acct-forgot',
        displayName: '忘了密码的家长',
        role: 'parent',
      }),
      cookie: admin,
    })
    const first = oneTimePassword(await created.text())
    const theirs = await app.signIn('jw-acct-forgot', first)
    const id = await idOf('users', { username: 'jw-acct-forgot' })
    await app.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', id).execute()

    const reset = await app.request('/school/accounts', {
      ...form({ intent: 'reset', accountId: String(id) }),
      cookie: admin,
    })
    expect(reset.status).toBe(200)
    expect(reset.headers.get('Cache-Control')).toBe('private, no-store')
    const html = await reset.text()
    expect(html).toContain('已为忘了密码的家长重置密码')
    const second = oneTimePassword(html)
    expect(second).not.toBe(first)
    expect((await app.request('/', { cookie: theirs })).headers.get('Location')).toBeNull()
    expect(await app.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).toEqual([])
    expect((await app.request('/login', form({ username: 'jw-acct-forgot', password: first }))).status).toBe(
      401,
    )
    const again = await app.signIn('jw-acct-forgot', second)
    expect((await app.request('/', { cookie: again })).headers.get('Location')).toBe('/account/password')
    expect(await auditCount('password-reset')).toBeGreaterThan(0)
  })

  it('does not let an admin deactivate or reset their own account', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('hs-admin')
    const self = await idOf('users', { username: 'hs-admin' })
    const response = await app.request('/school/accounts', {
      ...form({ intent: 'deactivate', accountId: String(self) }),
      cookie: admin,
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('不能停用自己的账号。')
    const reset = await app.request('/school/accounts', {
      ...form({ intent: 'reset', accountId: String(self) }),
      cookie: admin,
    })
    expect(reset.status).toBe(400)
    const row = await app.db
      .selectFrom('users')
      .select(['active', 'must_change_password'])
      .where('id', '=', self)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ active: 1, must_change_password: 0 })
    expect((await app.request('/school/accounts', { cookie: admin })).status).toBe(200)
  })

  it('answers 404 for another school’s account and changes nothing', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('jw-admin')
    const zbTeacher = await idOf('users', { username: 'zb-teacher' })
    for (const intent of ['deactivate', 'reactivate', 'reset']) {
      const response = await app.request('/school/accounts', {
        ...form({ intent, accountId: String(zbTeacher) }),
        cookie: admin,
      })
      expect(response.status).toBe(404)
    }
    const row = await app.db
      .selectFrom('users')
      .select(['active', 'must_change_password'])
      .where('id', '=', zbTeacher)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ active: 1, must_change_password: 0 })
    await app.signIn('zb-teacher')
  })

  it('shows the accounts page in English', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('zb-admin')
    const html = await (await app.request('/school/accounts?lang=en', { cookie: admin })).text()
    expect(html).toContain('Create an account')
    expect(html).toContain('Reset password')
    expect(html).toContain('Deactivate')
    expect(html).toContain('<title>Accounts')
  })
})

describe('finding accounts', () => {
  it('narrows the list by role and by name or username, with % and _ taken literally', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const parents = await (await app.request('/school/accounts?role=parent', { cookie })).text()
    expect(parents).toContain('jw-parent')
    expect(parents).not.toContain('jw-t-0101')
    const byName = await (
      await app.request(`/school/accounts?q=${encodeURIComponent('张妈')}`, { cookie })
    ).text()
    expect(byName).toContain('jw-parent')
    expect(byName).not.toContain('jw-admin')
    const byUsername = await (await app.request('/school/accounts?q=JW-T-01', { cookie })).text()
    expect(byUsername).toContain('jw-t-0104')
    expect(byUsername).not.toContain('jw-t-0201')
    const wildcard = await (await app.request('/school/accounts?q=%25', { cookie })).text()
    expect(wildcard).toContain('没有符合条件的账号。')
  })

  it('never lists accounts of another school', async () => {
    const app = await getTestApp()
    const html = await (
      await app.request('/school/accounts?q=zb-', { cookie: await app.signIn('jw-admin') })
    ).text()
    expect(html).not.toContain('zb-admin')
    expect(html).toContain('没有符合条件的账号。')
  })
})

describe('two admins at once', () => {
  it('gives the second of two simultaneous creations of one username a field message, not an error', async () => {
    const app = await getTestApp()
    const [first, second] = [await app.signIn('jw-admin'), await app.signIn('zb-admin')]
    const create = (cookie: string) =>
      app.request('/school/accounts', {
        ...form({ intent: 'create', username: 'race-teacher', displayName: '同名老师', role: 'teacher' }),
        cookie,
      })
    const statuses = (await Promise.all([create(first), create(second)])).map((r) => r.status).sort()
    expect(statuses).toEqual([200, 400])
    const rows = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'race-teacher')
      .execute()
    expect(rows).toHaveLength(1)
  })
})
