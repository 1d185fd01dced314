/**
 * The first draft of a recap, written from an activity's records (app/domain/recap-draft.ts). Every
 * sentence states a recorded fact; the teacher edits the draft before it is reviewed.
 */
export const recapDraft = {
  /** A title inside a sentence */
  quote: '「{{text}}」',
  title: {
    activity: '{{school}}开展{{title}}',
    season: '{{school}}{{season}}回顾',
    activities: '{{school}}活动回顾',
  },
  when: {
    day: '{{date}}',
    range: '{{from}}至{{to}}',
  },
  /** Who took part; a kindergarten's pupils are 幼儿 (i18next context "kindergarten") */
  who: {
    targetsCounted_one: '{{targets}}{{count}}名学生',
    targetsCounted_other: '{{targets}}{{count}}名学生',
    targetsCounted_kindergarten_one: '{{targets}}{{count}}名幼儿',
    targetsCounted_kindergarten_other: '{{targets}}{{count}}名幼儿',
    targets: '{{targets}}学生',
    targets_kindergarten: '{{targets}}幼儿',
    wholeSchoolCounted_one: '全校{{count}}名学生',
    wholeSchoolCounted_other: '全校{{count}}名学生',
    wholeSchoolCounted_kindergarten_one: '全园{{count}}名幼儿',
    wholeSchoolCounted_kindergarten_other: '全园{{count}}名幼儿',
    wholeSchool: '全校学生',
    wholeSchool_kindergarten: '全园幼儿',
    counted_one: '{{count}}名学生',
    counted_other: '{{count}}名学生',
    counted_kindergarten_one: '{{count}}名幼儿',
    counted_kindergarten_other: '{{count}}名幼儿',
    anyone: '学生',
    anyone_kindergarten: '幼儿',
    ofSchool: '{{school}}{{who}}',
  },
  lead: {
    seasonWithTheme: '{{when}}，{{school}}以{{slogan}}为主题，举办{{season}}。',
    season: '{{when}}，{{school}}举办{{season}}。',
    activities_one: '{{when}}，{{school}}开展了{{count}}项活动。',
    activities_other: '{{when}}，{{school}}开展了{{count}}项活动。',
    strands_one: '活动围绕{{strands}}{{count}}条主线展开。',
    strands_other: '活动围绕{{strands}}{{count}}条主线展开。',
    attendance_one: '{{activities}}项活动共有{{count}}人次学生参加。',
    attendance_other: '{{activities}}项活动共有{{count}}人次学生参加。',
    attendance_kindergarten_one: '{{activities}}项活动共有{{count}}人次幼儿参加。',
    attendance_kindergarten_other: '{{activities}}项活动共有{{count}}人次幼儿参加。',
    partOfSeason: '这是{{season}}的一项活动。',
  },
  activity: {
    offCampus: '{{when}}，{{who}}走进{{venue}}，参加了{{title}}。',
    inLesson: '{{when}}，{{who}}在{{lesson}}上参加了{{title}}。',
    atVenue: '{{when}}，{{who}}在{{venue}}参加了{{title}}。',
    plain: '{{when}}，{{who}}参加了{{title}}。',
  },
  strandTheme: '本主线以{{slogan}}为主题。',
  otherActivities: '其他活动',
  noAttendance: '出勤尚未登记，参加人数和担任各角色的同学可在登记后补充。',
  noActivities: '这篇回顾还没有关联活动。关联活动后再生成草稿，即可写入日期、人数、角色、课时和获奖情况。',
  guests_one: '嘉宾{{names}}应邀出席。',
  guests_other: '嘉宾{{names}}应邀出席。',
  partners: '本次活动得到{{names}}的支持。',
  roles: {
    fromClasses: '{{classes}}的',
    fromManyClasses: '{{number}}个班的',
    /** A role whose pupils are named: one pupil, or several */
    named: {
      host: {
        one: '{{from}}{{names}}担任主持人。',
        several: '{{from}}{{count}}名同学担任主持人：{{names}}。',
      },
      flag_raiser: {
        one: '{{from}}{{names}}担任升旗手。',
        several: '{{from}}{{count}}名同学担任升旗手：{{names}}。',
      },
      flag_guard: {
        one: '{{from}}{{names}}担任护旗手。',
        several: '{{from}}{{count}}名同学担任护旗手：{{names}}。',
      },
      speaker: {
        one: '{{from}}{{names}}登台演讲。',
        several: '{{from}}{{count}}名同学登台演讲：{{names}}。',
      },
      docent: {
        one: '{{from}}{{names}}担任讲解员。',
        several: '{{from}}{{count}}名同学担任讲解员：{{names}}。',
      },
    },
    /** A role whose pupils are counted */
    counted: {
      performer_one: '{{from}}{{count}}名同学参加演出。',
      performer_other: '{{from}}{{count}}名同学参加演出。',
      class_representative_one: '{{from}}{{count}}名同学作为班级代表参加。',
      class_representative_other: '{{from}}{{count}}名同学作为班级代表参加。',
      volunteer_one: '{{from}}{{count}}名同学担任志愿者。',
      volunteer_other: '{{from}}{{count}}名同学担任志愿者。',
    },
  },
  hours: {
    practiceEach_one:
      '本次活动计入社会实践（{{category}}），{{count}}名同学每人{{each}}课时，共计{{total}}课时。',
    practiceEach_other:
      '本次活动计入社会实践（{{category}}），{{count}}名同学每人{{each}}课时，共计{{total}}课时。',
    practice_one: '本次活动计入社会实践（{{category}}），{{count}}名同学共计{{total}}课时。',
    practice_other: '本次活动计入社会实践（{{category}}），{{count}}名同学共计{{total}}课时。',
    volunteerEach_one: '{{count}}名同学每人服务{{each}}课时，共计服务{{total}}课时。',
    volunteerEach_other: '{{count}}名同学每人服务{{each}}课时，共计服务{{total}}课时。',
    volunteer_one: '{{count}}名同学共计服务{{total}}课时。',
    volunteer_other: '{{count}}名同学共计服务{{total}}课时。',
  },
  awards: {
    results_one: '{{title}}共评出{{count}}个奖项：{{results}}。',
    results_other: '{{title}}共评出{{count}}个奖项：{{results}}。',
    result: '{{level}}授予{{recipients}}',
    resultSeparator: '；',
    team: '{{team}}（{{pupils}}）',
    presenter: '{{title}}{{name}}',
    presented: '{{presenters}}为获奖同学颁奖。',
    presentedToClasses: '{{presenters}}为获奖班级颁奖。',
  },
  closing: {
    theme: '{{school}}将继续践行{{slogan}}，让同学们在亲身体验中收获成长。',
    plain: '{{school}}将继续开展这样的实践活动，让德育在亲身体验中落地生根。',
  },
}
