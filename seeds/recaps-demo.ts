import type { Kysely, Transaction } from 'kysely'
import { localDay } from '../app/domain/school-time'
import type { Database, RecapAudience, RecapStatus } from '../db/schema'
import { DEMO_TIME_ZONE, type DemoCalendar } from './demo-calendar'
import { createRecap } from './factories'

type Db = Kysely<Database> | Transaction<Database>

/**
 * The demo's recaps, written afresh from the articles' facts (never their wording): one per strand
 * of 纪王's spring season and one for 藻北's Qingming series. One is public, one waits in review and
 * the others go to the parents of the grades concerned. No photos: there are none of the real events,
 * and invented pictures of children would teach the wrong habit.
 */
type RecapSpec = {
  title: string
  season: string
  activities: readonly string[]
  audience: RecapAudience
  /** Grade levels, for audience 'grades' */
  grades?: readonly number[]
  status: RecapStatus
  author: string
  publishedAt?: string
  /** `on(title)` is the day an activity of the season took place, as the text writes it (3月6日). */
  body: (on: (title: string) => string) => string
}

const JIWANG_SEASON = '春·播感恩季'
const ZAOBEI_SEASON = '「铭记藻北历史」清明系列主题活动'

const RECAPS: Record<string, readonly RecapSpec[]> = {
  jiwang: [
    {
      title: '指尖传爱：一年级陶艺花束与六年级爱心手串',
      season: JIWANG_SEASON,
      activities: ['陶艺感恩花束', '爱心手串'],
      audience: 'grades',
      grades: [1, 6],
      status: 'published',
      author: 'jw-teacher',
      publishedAt: '2026-03-09T02:00:00.000Z',
      body: (on) => `三月的第一周，「春·播感恩季」从「感恩父母」这条主线开始。

## 一年级：陶土捏成的花束
${on('陶艺感恩花束')}，三八国际妇女节前夕，一年级的孩子们在陶艺室里揉泥、捏瓣、上釉，每人做成一束小小的陶瓷花。花不会凋谢，孩子们说，就像想对妈妈说的谢谢。放学时，花束被小心地包好带回了家。

## 六年级：一串手链，一句心里话
${on('爱心手串')}的劳技课上，六年级同学为爸爸妈妈串起了爱心手串。挑珠子、配颜色、打结收尾，一节课下来，不少同学还在小卡片上写下了平时不好意思说出口的话。

感谢各位家长收下这份心意。感恩从家里开始，也会一直陪着孩子们长大。`,
    },
    {
      title: '心绘韶光：遇见独一无二的自己',
      season: JIWANG_SEASON,
      activities: ['「遇见独一无二的我」专题讲座', '「绘制我的高光时刻」团体辅导'],
      audience: 'grades',
      grades: [2, 7],
      status: 'published',
      author: 'jw-teacher',
      publishedAt: '2026-03-13T02:00:00.000Z',
      body: (on) => `「感恩生命」主线，请心理老师走进了两个年级。

${on('「遇见独一无二的我」专题讲座')}，二年级全体同学在报告厅听了专题讲座「遇见独一无二的我」。老师用绘本和小游戏告诉孩子们：每个人都有自己的样子，喜欢自己，也学会欣赏身边的同学。

${on('「绘制我的高光时刻」团体辅导')}，七年级在心理课上开展团体辅导「绘制我的高光时刻」。同学们画下自己最骄傲的一刻，再在小组里讲给伙伴听：一次坚持到底的长跑、一道终于解开的难题、一次勇敢的道歉。

愿孩子们向阳而生，也记得为自己鼓掌。`,
    },
    {
      title: '探微知宏：科普电影走进校园，孩子们为绿树穿新衣',
      season: JIWANG_SEASON,
      activities: ['科普电影《寻觅自然：地磁倒转》观影与映后交流', '我为校园绿树穿新衣'],
      audience: 'public',
      status: 'published',
      author: 'jw-teacher',
      publishedAt: '2026-03-16T02:00:00.000Z',
      body: (
        on,
      ) => `「感恩自然」主线以「探微知宏，艺护共生」为题，带孩子们从看不见的地磁场，走到校园里的每一棵树。

## 二年级：和导演面对面
${on('科普电影《寻觅自然：地磁倒转》观影与映后交流')}，二年级全体同学观看了科普电影《寻觅自然：地磁倒转》。放映结束后，《寻秘自然》导演、系列片编剧、科普作家汪洁老师与孩子们面对面交流。「地球的磁场为什么会翻转？」「动物会不会迷路？」小手一个接一个地举起来。

## 四年级：我为校园绿树穿新衣
${on('我为校园绿树穿新衣')}植树节，四年级各班分组为校园绿树「穿新衣」：量树围、裁布料、画图案，再一起把新衣系上树干。孩子们说，冬天过去了，树也该有件漂亮的春装。

探索自然的好奇心和守护自然的行动，都从身边开始。`,
    },
    {
      title: '心怀国之大者：学雷锋志愿服务与国防热点TED演讲',
      season: JIWANG_SEASON,
      activities: ['学雷锋志愿服务：走进银杏社区和敬老院', '国防热点TED演讲及颁奖仪式'],
      audience: 'grades',
      grades: [5, 8],
      status: 'in_review',
      author: 'jw-teacher',
      body: (on) => `「感恩社会」是本季的压轴主线。

${on('学雷锋志愿服务：走进银杏社区和敬老院')}学雷锋日，五年级40名同学组成志愿服务队，走进银杏社区和纪王敬老院：擦拭宣传栏、捡拾垃圾、陪伴独居老人聊天，在敬老院参与力所能及的劳动。

${on('国防热点TED演讲及颁奖仪式')}，八年级举行国防热点TED演讲，围绕「智能时代的国防新边界」「动荡世界里的中国国防」两个主题，8名班级代表登台演讲。演讲结束后举行了颁奖仪式，校党支部书记为获奖同学颁奖。

心怀国之大者，从一次服务、一次发声开始。`,
    },
  ],
  zaobei: [
    {
      title: '铭记藻北历史：清明主题升旗仪式与红色宣讲员行动',
      season: ZAOBEI_SEASON,
      activities: [
        '清明主题升旗仪式·微思政课',
        '「红色宣讲员」行动启动',
        '纪念广场师生讲解与《光荣的藻北 战斗的藻北》主题演讲',
        '「红色数字探秘」研学',
      ],
      audience: 'parents',
      status: 'published',
      author: 'zb-teacher',
      publishedAt: '2026-04-01T08:00:00.000Z',
      body: (
        on,
      ) => `${on('清明主题升旗仪式·微思政课')}清明前夕，全校师生在操场举行清明主题升旗仪式，上了一堂走心的「微思政」课。

主持人带领全体同学诵读纪念碑碑文，请大家记住三件事：学校创办于1944年；首任校长是李西坪；藻北人为上海解放作出过重要贡献。

仪式上启动了「红色宣讲员」行动：每位同学回家把学校的红色故事讲给家人听。随后，师生讲解员在纪念广场向同学们介绍学校历史，主题演讲《光荣的藻北 战斗的藻北》讲述了李西坪校长的故事。

「红色数字探秘」研学中，孩子们在纪念碑上找数字：1944年、八十余年、66名共产党员。每个数字背后，都是值得记住的人和事。

请家长们今晚听一听孩子讲的藻北故事。`,
    },
  ],
}

export async function seedRecapsDemo(
  db: Db,
  { schoolId, slug, calendar }: { schoolId: number; slug: string; calendar: DemoCalendar },
) {
  const specs = RECAPS[slug] ?? []
  if (specs.length === 0) return 0
  const [seasons, activities, grades, users] = await Promise.all([
    db.selectFrom('seasons').select(['id', 'title', 'status']).where('school_id', '=', schoolId).execute(),
    db
      .selectFrom('activities')
      .innerJoin('seasons', 'seasons.id', 'activities.season_id')
      .select(['activities.id', 'activities.title', 'activities.starts_at'])
      .where('activities.school_id', '=', schoolId)
      // The season that happened, not next year's copy of it.
      .where('seasons.status', '=', 'published')
      .execute(),
    db.selectFrom('grades').select(['id', 'level']).where('school_id', '=', schoolId).execute(),
    db.selectFrom('users').select(['id', 'username', 'role']).where('school_id', '=', schoolId).execute(),
  ])
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`Recaps demo (${slug}): no ${what}`)
    return value
  }
  // The school's 德育 office decides (jw-admin), not the Party secretary who also has an admin account.
  const admin = found(
    users.find((u) => u.role === 'admin' && u.username.endsWith('-admin')),
    'admin',
  )
  // The texts name the days the demo calendar gave the activities.
  const on = (title: string) => {
    const [, m, d] = localDay(
      found(
        activities.find((a) => a.title === title),
        title,
      ).starts_at,
      DEMO_TIME_ZONE,
    )
      .split('-')
      .map(Number)
    return `${m}月${d}日`
  }
  for (const spec of specs) {
    const author = found(users.find((u) => u.username === spec.author)?.id, spec.author)
    const season = found(
      seasons.find((s) => s.title === spec.season && s.status === 'published')?.id,
      spec.season,
    )
    const submitted = { action: 'submitted' as const, actorId: author }
    await createRecap(db, {
      schoolId,
      title: spec.title,
      body: spec.body(on),
      authorId: author,
      seasonId: season,
      status: spec.status,
      audience: spec.audience,
      reviewerId: spec.status === 'published' ? admin.id : null,
      publishedAt: spec.publishedAt ? calendar.instant(spec.publishedAt) : null,
      activityIds: spec.activities.map((title) =>
        found(activities.find((a) => a.title === title)?.id, title),
      ),
      gradeIds: (spec.grades ?? []).map((level) =>
        found(grades.find((g) => g.level === level)?.id, `grade ${level}`),
      ),
      events:
        spec.status === 'published'
          ? [{ action: 'created', actorId: author }, submitted, { action: 'published', actorId: admin.id }]
          : [{ action: 'created', actorId: author }, submitted],
    })
  }
  return specs.length
}
