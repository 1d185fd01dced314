import type { Catalogue } from '../catalogue'
import type { recapDraft as zh } from '../zh/recap-draft'

export const recapDraft: Catalogue<typeof zh> = {
  quote: '“{{text}}”',
  title: {
    activity: '{{title}} at {{school}}',
    season: '{{school}}: {{season}} in review',
    activities: '{{school}}: a look back at recent activities',
  },
  when: {
    day: 'On {{date}}',
    range: 'From {{from}} to {{to}}',
  },
  who: {
    targetsCounted_one: '{{count}} pupil from {{targets}}',
    targetsCounted_other: '{{count}} pupils from {{targets}}',
    targetsCounted_kindergarten_one: '{{count}} child from {{targets}}',
    targetsCounted_kindergarten_other: '{{count}} children from {{targets}}',
    targets: 'pupils from {{targets}}',
    targets_kindergarten: 'children from {{targets}}',
    wholeSchoolCounted_one: '{{count}} pupil from across the school',
    wholeSchoolCounted_other: '{{count}} pupils from across the school',
    wholeSchoolCounted_kindergarten_one: '{{count}} child from across the kindergarten',
    wholeSchoolCounted_kindergarten_other: '{{count}} children from across the kindergarten',
    wholeSchool: 'pupils from across the school',
    wholeSchool_kindergarten: 'children from across the kindergarten',
    counted_one: '{{count}} pupil',
    counted_other: '{{count}} pupils',
    counted_kindergarten_one: '{{count}} child',
    counted_kindergarten_other: '{{count}} children',
    anyone: 'pupils',
    anyone_kindergarten: 'children',
    ofSchool: '{{who}} of {{school}}',
  },
  lead: {
    seasonWithTheme: '{{when}}, {{school}} held {{season}}, on the theme {{slogan}}.',
    season: '{{when}}, {{school}} held {{season}}.',
    activities_one: '{{when}}, {{school}} held {{count}} activity.',
    activities_other: '{{when}}, {{school}} held {{count}} activities.',
    strands_one: 'The activities followed {{count}} strand: {{strands}}.',
    strands_other: 'The activities followed {{count}} strands: {{strands}}.',
    attendance_one: 'Across the {{activities}} activities, pupils attended {{count}} time in all.',
    attendance_other: 'Across the {{activities}} activities, pupils attended {{count}} times in all.',
    attendance_kindergarten_one:
      'Across the {{activities}} activities, children attended {{count}} time in all.',
    attendance_kindergarten_other:
      'Across the {{activities}} activities, children attended {{count}} times in all.',
    partOfSeason: 'It was part of {{season}}.',
  },
  activity: {
    offCampus: '{{when}}, {{who}} went out to {{venue}} for {{title}}.',
    inLesson: '{{when}}, {{who}} took part in {{title}} in a {{lesson}} lesson.',
    atVenue: '{{when}}, {{who}} took part in {{title}} at {{venue}}.',
    plain: '{{when}}, {{who}} took part in {{title}}.',
  },
  strandTheme: 'Theme: {{slogan}}.',
  otherActivities: 'Other activities',
  noAttendance:
    'Attendance has not been recorded yet: the number of pupils and who took on which role can be added once it is.',
  noActivities:
    'No activity is linked to this recap yet. Link its activities and draft again to bring in their dates, numbers, roles, hours and awards.',
  guests_one: '{{names}} attended as a guest.',
  guests_other: '{{names}} attended as guests.',
  partners: '{{names}} supported the activity.',
  roles: {
    fromClasses: ' from {{classes}}',
    fromManyClasses: ' from {{number}} classes',
    /** A role whose pupils are named: one pupil, or several */
    named: {
      host: {
        one: '{{names}}{{from}} hosted.',
        several: '{{count}} pupils{{from}} hosted: {{names}}.',
      },
      flag_raiser: {
        one: '{{names}}{{from}} raised the flag.',
        several: '{{count}} pupils{{from}} raised the flag: {{names}}.',
      },
      flag_guard: {
        one: '{{names}}{{from}} was a flag guard.',
        several: '{{count}} pupils{{from}} were flag guards: {{names}}.',
      },
      speaker: {
        one: '{{names}}{{from}} gave a speech.',
        several: '{{count}} pupils{{from}} gave speeches: {{names}}.',
      },
      docent: {
        one: '{{names}}{{from}} was a docent.',
        several: '{{count}} pupils{{from}} were docents: {{names}}.',
      },
    },
    /** A role whose pupils are counted */
    counted: {
      performer_one: '{{count}} pupil{{from}} performed.',
      performer_other: '{{count}} pupils{{from}} performed.',
      class_representative_one: '{{count}} pupil{{from}} took part as a class representative.',
      class_representative_other: '{{count}} pupils{{from}} took part as class representatives.',
      volunteer_one: '{{count}} pupil{{from}} served as a volunteer.',
      volunteer_other: '{{count}} pupils{{from}} served as volunteers.',
    },
  },
  hours: {
    practiceEach_one:
      'The activity counts as social practice ({{category}}): {{count}} pupil was credited {{each}} h, {{total}} h in all.',
    practiceEach_other:
      'The activity counts as social practice ({{category}}): {{count}} pupils were credited {{each}} h each, {{total}} h in all.',
    practice_one:
      'The activity counts as social practice ({{category}}): {{count}} pupil was credited {{total}} h in all.',
    practice_other:
      'The activity counts as social practice ({{category}}): {{count}} pupils were credited {{total}} h in all.',
    volunteerEach_one: '{{count}} pupil served {{each}} h, {{total}} h in all.',
    volunteerEach_other: '{{count}} pupils served {{each}} h each, {{total}} h in all.',
    volunteer_one: '{{count}} pupil served {{total}} h in all.',
    volunteer_other: '{{count}} pupils served {{total}} h in all.',
  },
  awards: {
    results_one: '{{title}} gave {{count}} award: {{results}}.',
    results_other: '{{title}} gave {{count}} awards: {{results}}.',
    result: '{{level}} to {{recipients}}',
    resultSeparator: '; ',
    team: '{{team}} ({{pupils}})',
    presenter: '{{name}} ({{title}})',
    presented: '{{presenters}} presented the awards.',
    presentedToClasses: '{{presenters}} presented the awards to the classes.',
  },
  closing: {
    theme:
      '{{school}} will carry on in the spirit of {{slogan}}, so that pupils keep growing through what they do and see for themselves.',
    plain:
      '{{school}} will keep running activities like these, so that moral education takes root in what pupils do and experience.',
  },
}
