import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import {
  draftRecap,
  escapeMarkdown,
  joinSentences,
  type RecapActivityFacts,
  type RecapAwardFacts,
  type RecapFacts,
} from '~/domain/recap-draft'
import { createI18n } from '~/utils/i18n'

const zhT = createI18n('zh').t
const enT = createI18n('en').t

/** 08:00 on a Shanghai day, as an instant */
const at = (day: string, time = '13:30') => new Date(`${day}T${time}:00+08:00`).toISOString()

function activity(overrides: Partial<RecapActivityFacts> = {}): RecapActivityFacts {
  return {
    id: 1,
    title: '学雷锋志愿服务',
    kind: 'service',
    lesson: '',
    strand: null,
    startsAt: at('2026-03-05'),
    endsAt: at('2026-03-05', '15:30'),
    venue: '银杏社区、纪王敬老院',
    offCampus: true,
    grades: ['五年级'],
    wholeSchool: false,
    classes: [],
    partners: [],
    guests: [],
    attended: 40,
    roles: [],
    hours: null,
    awards: [],
    ...overrides,
  }
}

function facts(activities: RecapActivityFacts[], overrides: Partial<RecapFacts> = {}): RecapFacts {
  return {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
    schoolName: '闵行区纪王学校',
    schoolKind: 'nine_year',
    season: {
      title: '春·播感恩季',
      slogan: '策马笃行启新章，感恩润心伴成长',
      startsOn: '2026-03-02',
      endsOn: '2026-03-31',
    },
    activities,
    ...overrides,
  }
}

function award(overrides: Partial<RecapAwardFacts> = {}): RecapAwardFacts {
  return {
    id: 1,
    title: '国防热点TED演讲',
    level: 'first',
    recipientKind: 'pupil',
    pupils: ['林一'],
    teamName: '',
    className: null,
    presenterName: '孙老师',
    presenterTitle: '校党支部书记',
    ...overrides,
  }
}

const paragraphs = (body: string) => body.trim().split('\n\n')

describe('a recap of one activity', () => {
  const service = activity({
    roles: [
      { role: 'volunteer', count: 40, classes: ['五(1)班', '五(2)班', '五(3)班', '五(4)班'], names: [] },
    ],
    hours: { category: 'public_service', pupils: 40, total: 80, each: 2 },
    partners: ['银杏社区', '纪王敬老院'],
  })

  it('leads with the date, the school, who and how many, where and what, in Chinese', () => {
    const { title, body } = draftRecap(facts([service]), zhT)
    expect(title).toBe('闵行区纪王学校开展「学雷锋志愿服务」')
    const [lead, details, closing] = paragraphs(body)
    expect(lead).toBe(
      '2026年3月5日，闵行区纪王学校五年级40名学生走进银杏社区、纪王敬老院，参加了「学雷锋志愿服务」。' +
        '这是「春·播感恩季」的一项活动。',
    )
    expect(details).toContain('4个班的40名同学担任志愿者。')
    expect(details).toContain('本次活动计入社会实践（公益劳动），40名同学每人2课时，共计80课时。')
    expect(details).toContain('本次活动得到银杏社区、纪王敬老院的支持。')
    expect(closing).toBe(
      '闵行区纪王学校将继续践行「策马笃行启新章，感恩润心伴成长」，让同学们在亲身体验中收获成长。',
    )
    expect(paragraphs(body)).toHaveLength(3)
  })

  it('writes the same facts in English, sentences spaced', () => {
    const en = facts([{ ...service, grades: ['Grade 5'] }], { locale: 'en' })
    const { title, body } = draftRecap(en, enT)
    expect(title).toBe('“学雷锋志愿服务” at 闵行区纪王学校')
    const [lead, details] = paragraphs(body)
    expect(lead).toBe(
      'On 5 Mar 2026, 40 pupils from Grade 5 of 闵行区纪王学校 went out to 银杏社区、纪王敬老院 for “学雷锋志愿服务”. ' +
        'It was part of “春·播感恩季”.',
    )
    expect(details).toBe(
      '40 pupils from 4 classes served as volunteers. ' +
        'The activity counts as social practice (Public service): 40 pupils were credited 2 h each, 80 h in all. ' +
        '银杏社区, 纪王敬老院 supported the activity.',
    )
  })

  it('says where a lesson took place, and leaves the season out when there is none', () => {
    const pottery = activity({
      title: '陶艺感恩花束',
      kind: 'workshop',
      lesson: '陶艺课',
      venue: '陶艺室',
      offCampus: false,
      grades: ['一年级'],
      attended: 120,
    })
    const { body } = draftRecap(facts([pottery], { season: null }), zhT)
    expect(paragraphs(body)[0]).toBe(
      '2026年3月5日，闵行区纪王学校一年级120名学生在陶艺课上参加了「陶艺感恩花束」。',
    )
    expect(body).toContain('闵行区纪王学校将继续开展这样的实践活动')
    expect(body).not.toContain('春·播感恩季')
  })

  it('quotes a title that has its own corner brackets with the nested ones', () => {
    const lecture = activity({ title: '「遇见独一无二的我」专题讲座', offCampus: false, venue: '报告厅' })
    const { body } = draftRecap(facts([lecture]), zhT)
    expect(body).toContain('在报告厅参加了「『遇见独一无二的我』专题讲座」。')
  })

  it('uneven hours give the total without a per-pupil figure', () => {
    const uneven = activity({ hours: { category: null, pupils: 3, total: 4.5, each: null } })
    const { body } = draftRecap(facts([uneven]), zhT)
    expect(body).toContain('3名同学共计服务4.5课时。')
    expect(body).not.toContain('每人')
  })
})

describe('an activity whose attendance is not taken yet', () => {
  const lecture = activity({
    title: '专题讲座',
    kind: 'lecture',
    offCampus: false,
    venue: '报告厅',
    grades: ['二年级'],
    attended: null,
  })

  it('states no pupil count and says, gently, what is still to come', () => {
    const { body } = draftRecap(facts([lecture]), zhT)
    expect(paragraphs(body)[0]).toBe(
      '2026年3月5日，闵行区纪王学校二年级学生在报告厅参加了「专题讲座」。这是「春·播感恩季」的一项活动。',
    )
    expect(body).toContain('出勤尚未登记，参加人数和担任各角色的同学可在登记后补充。')
    expect(body).not.toMatch(/\d+名/)
  })

  it('in English too', () => {
    const { body } = draftRecap(facts([{ ...lecture, grades: ['Grade 2'] }], { locale: 'en' }), enT)
    expect(body).toContain('pupils from Grade 2 of 闵行区纪王学校 took part in “专题讲座” at 报告厅.')
    expect(body).toContain('Attendance has not been recorded yet')
    expect(body).not.toMatch(/\d+ pupils?/)
  })

  it('leaves the season total out when one of its activities has no attendance', () => {
    const { body } = draftRecap(facts([activity({ id: 1 }), { ...lecture, id: 2 }]), zhT)
    expect(body).not.toContain('人次')
  })
})

describe('a season with several strands', () => {
  const strand = (id: number, title: string, slogan: string, position: number) => ({
    id,
    title,
    slogan,
    position,
  })
  const parents = strand(1, '感恩父母', '感恩父母·指尖传爱·孝暖庭闱', 1)
  const society = strand(4, '感恩社会', '心怀国之大者，勇担时代使命', 4)
  const season = [
    activity({ id: 1, title: '学雷锋志愿服务', strand: society, attended: 40 }),
    activity({
      id: 2,
      title: '爱心手串',
      kind: 'workshop',
      lesson: '劳技课',
      venue: '劳技教室',
      offCampus: false,
      strand: parents,
      grades: ['六年级'],
      attended: 118,
      startsAt: at('2026-03-04'),
      endsAt: at('2026-03-04', '15:00'),
    }),
    activity({
      id: 3,
      title: '国防热点TED演讲及颁奖仪式',
      kind: 'contest',
      venue: '报告厅',
      offCampus: false,
      strand: society,
      grades: ['八年级'],
      attended: 120,
      startsAt: at('2026-03-27'),
      endsAt: at('2026-03-27', '15:30'),
    }),
    activity({
      id: 4,
      title: '校园开放日',
      kind: 'other',
      venue: '',
      offCampus: false,
      grades: [],
      attended: 30,
    }),
  ].sort((a, b) => a.startsAt.localeCompare(b.startsAt))

  it('leads with the season, its theme, its strands and the attendance in all', () => {
    const { title, body } = draftRecap(facts(season), zhT)
    expect(title).toBe('闵行区纪王学校「春·播感恩季」回顾')
    expect(paragraphs(body)[0]).toBe(
      '2026年3月4日至2026年3月27日，闵行区纪王学校以「策马笃行启新章，感恩润心伴成长」为主题，举办「春·播感恩季」。' +
        '活动围绕感恩父母、感恩社会2条主线展开。4项活动共有308人次学生参加。',
    )
  })

  it('gives each strand a section in the strands’ order, activities by date, the others last', () => {
    const { body } = draftRecap(facts(season), zhT)
    const headings = body.split('\n').filter((line) => line.startsWith('## '))
    expect(headings).toEqual(['## 感恩父母', '## 感恩社会', '## 其他活动'])
    const society = body.slice(body.indexOf('## 感恩社会'), body.indexOf('## 其他活动'))
    expect(society).toContain('本主线以「心怀国之大者，勇担时代使命」为主题。')
    expect(society.indexOf('学雷锋志愿服务')).toBeLessThan(society.indexOf('国防热点TED演讲及颁奖仪式'))
    // The lead names the year; the paragraphs need only the day.
    expect(society).toContain('3月27日，八年级120名学生在报告厅参加了「国防热点TED演讲及颁奖仪式」。')
    expect(body).toContain('3月4日，六年级118名学生在劳技课上参加了「爱心手串」。')
    expect(body).toContain('3月5日，30名学生参加了「校园开放日」。')
  })

  it('writes a paragraph per activity, without headings, when they share one strand or none', () => {
    const plain = season.map((a) => ({ ...a, strand: null }))
    const { title, body } = draftRecap(facts(plain, { season: null }), zhT)
    expect(title).toBe('闵行区纪王学校活动回顾')
    expect(body).not.toContain('##')
    expect(paragraphs(body)[0]).toBe(
      '2026年3月4日至2026年3月27日，闵行区纪王学校开展了4项活动。4项活动共有308人次学生参加。',
    )
    expect(paragraphs(body)).toHaveLength(6)
  })

  it('writes the year of an activity that falls in another year than the lead’s', () => {
    const later = activity({
      id: 9,
      title: '寒假社会实践',
      startsAt: at('2027-01-20'),
      endsAt: at('2027-01-22'),
    })
    const { body } = draftRecap(facts([season[0] as RecapActivityFacts, later], { season: null }), zhT)
    expect(body).toContain('2027年1月20日至2027年1月22日，五年级40名学生走进')
  })

  it('in English, with its sections and plural strands', () => {
    const { title, body } = draftRecap(facts(season, { locale: 'en' }), enT)
    expect(title).toBe('闵行区纪王学校: “春·播感恩季” in review')
    expect(body).toContain(
      'From 4 Mar 2026 to 27 Mar 2026, 闵行区纪王学校 held “春·播感恩季”, on the theme “策马笃行启新章，感恩润心伴成长”. ' +
        'The activities followed 2 strands: 感恩父母, 感恩社会. Across the 4 activities, pupils attended 308 times in all.',
    )
    expect(body).toContain('## Other activities')
    expect(body).toContain('Theme: “心怀国之大者，勇担时代使命”.')
    expect(body).toContain(
      'On 27 Mar, 120 pupils from 八年级 took part in “国防热点TED演讲及颁奖仪式” at 报告厅.',
    )
  })
})

describe('whole school and kindergarten', () => {
  it('says 全校 for an activity of every grade', () => {
    const ceremony = activity({
      grades: ['一年级', '二年级'],
      wholeSchool: true,
      attended: 423,
      venue: '操场',
      offCampus: false,
    })
    expect(draftRecap(facts([ceremony]), zhT).body).toContain('闵行区纪王学校全校423名学生在操场参加了')
    const en = draftRecap(facts([{ ...ceremony, attended: null }], { locale: 'en' }), enT).body
    expect(en).toContain('pupils from across the school of 闵行区纪王学校 took part in')
  })

  it('calls a kindergarten’s pupils 幼儿, children', () => {
    const kindergarten = { schoolName: '嘉定区怀少幼儿园', schoolKind: 'kindergarten' as const, season: null }
    const play = activity({ id: 1, grades: ['大班'], attended: 30, offCampus: false, venue: '' })
    const more = activity({ id: 2, grades: [], wholeSchool: true, attended: 90, offCampus: false, venue: '' })
    const zh = draftRecap(facts([play, more], kindergarten), zhT).body
    expect(zh).toContain('2项活动共有120人次幼儿参加。')
    expect(zh).toContain('3月5日，大班30名幼儿参加了「学雷锋志愿服务」。')
    expect(zh).toContain('3月5日，全园90名幼儿参加了')
    const en = draftRecap(facts([play], { ...kindergarten, locale: 'en' }), enT).body
    expect(en).toContain('30 children from 大班 of 嘉定区怀少幼儿园')
  })
})

describe('roles', () => {
  const contest = activity({
    title: '国防热点TED演讲及颁奖仪式',
    kind: 'contest',
    venue: '报告厅',
    offCampus: false,
    grades: ['八年级'],
    attended: 120,
    roles: [
      {
        role: 'speaker',
        count: 8,
        classes: ['八(1)班', '八(2)班', '八(3)班', '八(4)班'],
        names: ['林一', '周二', '陈三', '吴四', '郑五', '王六', '冯七', '褚八'],
      },
      { role: 'host', count: 1, classes: ['八(2)班'], names: ['卫九'] },
    ],
  })

  it('names speakers and hosts, saying which classes they came from', () => {
    const { body } = draftRecap(facts([contest]), zhT)
    expect(body).toContain('4个班的8名同学登台演讲：林一、周二、陈三、吴四、郑五、王六、冯七、褚八。')
    expect(body).toContain('八(2)班的卫九担任主持人。')
    // The host is told before the speakers, as at the ceremony.
    expect(body.indexOf('主持人')).toBeLessThan(body.indexOf('登台演讲'))
  })

  it('names a flag-raiser, flag guards and docents from a few classes by class', () => {
    const ceremony = activity({
      roles: [
        { role: 'flag_guard', count: 2, classes: ['五(1)班'], names: ['李二', '李三'] },
        { role: 'flag_raiser', count: 1, classes: ['五(1)班'], names: ['李一'] },
        { role: 'docent', count: 4, classes: ['四(1)班', '五(1)班'], names: ['甲', '乙', '丙', '丁'] },
        { role: 'participant', count: 500, classes: [], names: [] },
      ],
    })
    const { body } = draftRecap(facts([ceremony]), zhT)
    expect(body).toContain('五(1)班的李一担任升旗手。五(1)班的2名同学担任护旗手：李二、李三。')
    expect(body).toContain('四(1)班、五(1)班的4名同学担任讲解员：甲、乙、丙、丁。')
    expect(body).not.toContain('参与者')
  })

  it('uses English singular and plural forms', () => {
    const en = facts([{ ...contest, grades: ['Grade 8'] }], { locale: 'en' })
    const { body } = draftRecap(en, enT)
    expect(body).toContain(
      '8 pupils from 4 classes gave speeches: 林一, 周二, 陈三, 吴四, 郑五, 王六, 冯七, 褚八.',
    )
    expect(body).toContain('卫九 from 八(2)班 hosted.')
    const one = facts(
      [
        activity({
          attended: 1,
          grades: ['Grade 5'],
          roles: [{ role: 'volunteer', count: 1, classes: ['Class 5-2'], names: [] }],
          hours: { category: null, pupils: 1, total: 2, each: 2 },
          guests: ['汪洁'],
        }),
      ],
      { locale: 'en' },
    )
    const single = draftRecap(one, enT).body
    expect(single).toContain('1 pupil from Grade 5 of 闵行区纪王学校')
    expect(single).toContain('1 pupil from Class 5-2 served as a volunteer.')
    expect(single).toContain('1 pupil served 2 h, 2 h in all.')
    expect(single).toContain('汪洁 attended as a guest.')
    const two = draftRecap(facts([activity({ guests: ['汪洁', '刘导演'] })], { locale: 'en' }), enT).body
    expect(two).toContain('汪洁, 刘导演 attended as guests.')
  })
})

describe('awards', () => {
  const contest = (awards: RecapAwardFacts[]) =>
    activity({
      title: '国防热点TED演讲及颁奖仪式',
      offCampus: false,
      venue: '报告厅',
      grades: ['八年级'],
      awards,
    })

  it('tells each title’s results highest level first, with pupils, teams and classes, and who presented them', () => {
    const { body } = draftRecap(
      facts([
        contest([
          award({ id: 1, level: 'third', pupils: ['陈三'] }),
          award({ id: 2, level: 'first', pupils: ['林一'] }),
          award({
            id: 3,
            level: 'third',
            recipientKind: 'team',
            teamName: '雏鹰队',
            pupils: ['周二', '吴四'],
          }),
          award({ id: 4, level: 'second', recipientKind: 'class', pupils: [], className: '八(2)班' }),
        ]),
      ]),
      zhT,
    )
    expect(body).toContain(
      '「国防热点TED演讲」共评出4个奖项：一等奖授予林一；二等奖授予八(2)班；三等奖授予陈三、「雏鹰队」（周二、吴四）。' +
        '校党支部书记孙老师为获奖同学颁奖。',
    )
  })

  it('keeps a contest’s own level labels, and groups awards by title', () => {
    const { body } = draftRecap(
      facts([
        contest([
          award({
            id: 1,
            title: '最佳风采奖',
            level: '最佳台风',
            pupils: ['林一'],
            presenterName: '',
            presenterTitle: '',
          }),
          award({
            id: 2,
            title: '优秀班集体',
            level: 'merit',
            recipientKind: 'class',
            pupils: [],
            className: '八(1)班',
            presenterName: '',
            presenterTitle: '德育主任',
          }),
        ]),
      ]),
      zhT,
    )
    expect(body).toContain(
      '「最佳风采奖」共评出1个奖项：最佳台风授予林一。「优秀班集体」共评出1个奖项：优秀奖授予八(1)班。',
    )
    expect(body).toContain('德育主任为获奖班级颁奖。')
    expect(body).not.toContain('为获奖同学颁奖')
  })

  it('in English, with plurals', () => {
    const en = facts([contest([award({ id: 1 }), award({ id: 2, level: 'merit', pupils: ['周二'] })])], {
      locale: 'en',
    })
    expect(draftRecap(en, enT).body).toContain(
      '“国防热点TED演讲” gave 2 awards: First prize to 林一; Merit award to 周二. 孙老师 (校党支部书记) presented the awards.',
    )
    const one = facts([contest([award()])], { locale: 'en' })
    expect(draftRecap(one, enT).body).toContain('“国防热点TED演讲” gave 1 award: First prize to 林一.')
  })
})

describe('guests and partners', () => {
  it('names the guests and the partners who supported the activity', () => {
    const screening = activity({ guests: ['汪洁'], partners: ['张女士（一(2)班家长）'] })
    const { body } = draftRecap(facts([screening]), zhT)
    expect(body).toContain('嘉宾汪洁应邀出席。')
    expect(body).toContain('本次活动得到张女士（一(2)班家长）的支持。')
  })
})

describe('Markdown in the records', () => {
  const render = (markdown: string) => marked.parse(markdown, { async: false })

  it('cannot emphasise, link, embed or open a block', () => {
    const hostile = activity({
      title: '*星* [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
      venue: '![p](http://evil/p.png)',
      partners: ['`code` ~~gone~~ &amp; _u_'],
      roles: [{ role: 'host', count: 1, classes: ['五(1)班'], names: ['王\n# 标题'] }],
    })
    const strand = { id: 1, title: '# 主线 ##', slogan: '', position: 1 }
    const other = activity({ id: 2, title: '另一项', strand: { ...strand, id: 2, title: '第二条' } })
    const { body } = draftRecap(facts([{ ...hostile, strand }, other]), zhT)
    const html = render(body)
    expect(html).not.toMatch(/<(em|strong|a|img|code|del|h1)\b/)
    expect(html).toContain('*星* [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&amp;amp;')
    expect(html).toContain('走进![p](http://evil/p.png)，')
    expect(html).toContain('<h2># 主线 ##</h2>')
    expect(html).toContain('王 # 标题担任主持人')
  })

  it('cannot turn a bare web or mail address into a link', () => {
    const partners = ['www.evil.example', 'https://evil.example/x', 'boss@evil.example']
    const html = render(draftRecap(facts([activity({ partners })]), zhT).body)
    expect(html).not.toMatch(/<a\b/)
    expect(html).toContain('www.evil.example、https://evil.example/x、boss@evil.example')
  })

  it('cannot start a list or a rule when an English sentence begins with a name', () => {
    const en = facts([activity({ guests: ['1. 汪洁'], partners: ['- 银杏社区'] })], { locale: 'en' })
    const html = render(draftRecap(en, enT).body)
    expect(html).not.toMatch(/<(ol|ul|li|hr)\b/)
    expect(html).toContain('1. 汪洁 attended as a guest.')
  })

  it('escapes only what Markdown would read', () => {
    expect(escapeMarkdown('刘先生（五(2)班家长）')).toBe('刘先生（五(2)班家长）')
    expect(escapeMarkdown('Class 5-2')).toBe('Class 5-2')
    expect(escapeMarkdown('*星*')).toBe('\\*星\\*')
    expect(escapeMarkdown('a\r\n\r\nb')).toBe('a b')
    expect(escapeMarkdown('- x')).toBe('\\- x')
  })

  it('leaves the plain-text title as written', () => {
    const { title } = draftRecap(facts([activity({ title: '*星* & <b>' })]), zhT)
    expect(title).toBe('闵行区纪王学校开展「*星* & <b>」')
  })
})

describe('sentences and gaps', () => {
  it('join without a space after Chinese punctuation and with one after Western', () => {
    expect(joinSentences(['一。', '二。'])).toBe('一。二。')
    expect(joinSentences(['One.', 'Two.', ''])).toBe('One. Two.')
  })

  it('a recap without activities says how to fill it', () => {
    const { title, body } = draftRecap(facts([]), zhT)
    expect(title).toBe('闵行区纪王学校「春·播感恩季」回顾')
    expect(body).toContain('这篇回顾还没有关联活动。')
    const none = draftRecap(facts([], { season: null, locale: 'en' }), enT)
    expect(none.title).toBe('闵行区纪王学校: a look back at recent activities')
    expect(none.body).toContain('No activity is linked to this recap yet.')
  })

  it('every sentence of the draft comes from the catalogue: no key is left untranslated', () => {
    const busy = activity({
      roles: [
        { role: 'performer', count: 3, classes: [], names: [] },
        { role: 'class_representative', count: 2, classes: ['五(1)班'], names: [] },
      ],
      hours: { category: 'investigation', pupils: 5, total: 10, each: null },
      awards: [award()],
      guests: ['汪洁'],
      partners: ['银杏社区'],
    })
    for (const [locale, t] of [
      ['zh', zhT],
      ['en', enT],
    ] as const) {
      const { title, body } = draftRecap(facts([busy, { ...busy, id: 2 }], { locale }), t)
      expect(`${title}\n${body}`).not.toMatch(/recapDraft\.|\{\{|undefined|null|NaN/)
    }
  })
})
