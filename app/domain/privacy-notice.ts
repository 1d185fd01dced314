import { boolean, object, string } from 'zod'
import { RETENTION } from './retention'
import { normalizeLine, requiredMultilineText, text } from './schemas'

/** The longest notice body per language and contact, in characters. */
export const NOTICE_BODY_MAX = 20_000
export const NOTICE_CONTACT_MAX = 200

/** The notice a guardian must acknowledge: the newest version, unless they already have. */
export function isAcknowledgementDue(
  role: 'admin' | 'teacher' | 'parent',
  current: { acknowledged: boolean } | null,
): boolean {
  return role === 'parent' && current !== null && !current.acknowledged
}

/**
 * Where the acknowledge page returns to: the page asked for, without Remix's `_data` (a data request
 * would otherwise land the guardian on JSON) and never the acknowledge page itself.
 */
export function acknowledgeReturnPath(url: URL): string {
  const search = new URLSearchParams(url.search)
  search.delete('_data')
  search.delete('index')
  if (url.pathname.startsWith('/privacy')) return '/'
  const query = search.toString()
  return query ? `${url.pathname}?${query}` : url.pathname
}

export const PrivacyNoticeSchema = object({
  bodyZh: requiredMultilineText(NOTICE_BODY_MAX),
  bodyEn: requiredMultilineText(NOTICE_BODY_MAX),
  contact: text(NOTICE_CONTACT_MAX),
})

export const AcknowledgeSchema = object({
  agree: boolean({ error: 'privacy.acknowledge.agreeRequired' }).refine(
    (v) => v,
    'privacy.acknowledge.agreeRequired',
  ),
  redirectTo: string().optional(),
})

/** The text every school starts with, version 1, until its admin publishes its own. */
export function defaultPrivacyNotice(schoolName: string): {
  bodyZh: string
  bodyEn: string
  contact: string
} {
  const r = RETENTION
  const bodyZh = `${normalizeLine(schoolName)}使用“四季”德育活动平台组织德育活动。本告知说明我们处理哪些个人信息、为什么处理、谁能看到、保存多久，以及您享有的权利。我们依据《中华人民共和国个人信息保护法》处理这些信息。

## 我们处理哪些信息
- 学生：姓名、学号、所在年级和班级、活动出勤、担任的角色（如讲解员、升旗手）、志愿服务和社会实践课时、获奖情况、活动照片（仅限照片中被标注的学生），以及家长对校外活动的同意答复。
- 家长（监护人）：姓名、手机号、与学生的关系、账号登录记录。

## 为什么处理
用于安排和通知德育活动、征求校外活动同意、记录出勤和社会实践课时（上海市学生社会实践要求）、颁发奖项和证书、向家长发布活动回顾。我们不把这些信息用于广告，也不出售或提供给与学校教育无关的第三方。

## 儿童个人信息
不满十四周岁的未成年人的个人信息属于敏感个人信息。我们只为上述目的处理，并以监护人的同意为前提；照片仅在您同意后才会用于校内或公开的活动回顾，公开页面上学生姓名均作遮挡（姓氏+同学）。

## 谁能看到
- 班主任和任课老师：本班学生的信息；学校管理员（德育主任、校长）：本校的信息。
- 家长：只能看到自己孩子的信息，看不到其他孩子的信息。
- 公众：只能看到学校公开的活动回顾，学生姓名已遮挡。
- 工作人员查看学生档案、名单和导出时会留下记录。

## 保存多久
- 毕业或离校学生的记录保留 ${r.departedPupilYears} 年，之后匿名化处理：姓名和学号被替换，与家长的关联被解除，只保留用于统计的人数；照片上对其的标注被删除，只标注了已匿名学生的照片一并删除。
- 登录会话保留 ${r.sessionDays} 天，登录失败记录保留 ${r.signInThrottleDays} 天。
- 站内消息保留 ${r.notificationYears} 年。
- 操作和查阅记录（审计日志）保留 ${r.auditYears} 年。

## 您的权利
- 查阅和复制：在“我的孩子 → 数据副本”（/family/children/孩子编号/data）查看并下载平台保存的孩子和您本人的全部信息。
- 更正：发现信息有误，可在数据副本页面提出更正，由班主任处理。
- 撤回同意：您可以随时在“同意书”页面更改对校外活动和照片的答复；撤回不影响撤回前已进行的处理。
- 如有疑问或投诉，请联系下方的个人信息保护负责人。`

  const bodyEn = `${normalizeLine(schoolName)} uses Siji, a moral-education activity planner, to organise its activities. This notice explains what personal information we process, why, who can see it, how long we keep it and your rights. We process it under the Personal Information Protection Law of the People's Republic of China.

## What we process
- Pupils: name, student number, grade and class, attendance at activities, roles held (such as docent or flag-raiser), volunteer and social-practice hours, awards, activity photos (only the pupils tagged in them) and their guardians' consent answers for off-campus activities.
- Parents (guardians): name, mobile phone number, relation to the pupil and the account's sign-in records.

## Why
To plan and announce activities, ask for consent to off-campus activities, record attendance and social-practice hours (Shanghai's social-practice requirements), present awards and certificates, and publish recaps for families. We do not use this information for advertising and do not sell it or give it to anyone outside the school's education work.

## Children's information
Personal information of children under 14 is sensitive personal information. We process it only for the purposes above and with the guardian's consent; photos are used in school or public recaps only once you have agreed, and public pages mask pupils' names (surname + 同学).

## Who can see it
- Class heads and teachers: the pupils of their classes; school administrators (head of moral education, principal): the school's information.
- Parents: their own children's information only, never another child's.
- The public: only the recaps the school makes public, with names masked.
- Staff opening a pupil's record, a roster or an export leave a record that they did.

## How long we keep it
- Records of pupils who graduated or left are kept for ${r.departedPupilYears} years, then anonymised: the name is replaced, guardians are unlinked and only counts for reports remain; their tags are removed from photos, and a photo whose tagged pupils are all anonymised is deleted.
- Sign-in sessions: ${r.sessionDays} days; failed sign-in attempts: ${r.signInThrottleDays} days.
- Inbox messages: ${r.notificationYears === 1 ? 'one year' : `${r.notificationYears} years`}.
- Records of what was done and read (audit log): ${r.auditYears} years.

## Your rights
- See and copy: "My children → Data copy" (/family/children/<child>/data) shows everything Siji holds about your child and about you, and downloads it.
- Correct: ask for a correction from the data copy page; the class head answers it.
- Withdraw consent: change your answers about off-campus activities and photos on the Consents page at any time; withdrawing does not affect what was done before.
- For questions or complaints, contact the person responsible for personal information below.`

  return { bodyZh, bodyEn, contact: `${normalizeLine(schoolName)}德育处 / Moral-education office` }
}
