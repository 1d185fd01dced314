import type { Catalogue } from '../catalogue'
import type { reports as zh } from '../zh/reports'

export const reports: Catalogue<typeof zh> = {
  title: 'Reports',
  lead: 'Attendance by grade, class, strand and season, social-practice hours, consent returns and awards. Reports add up attendances and pupils; they never rank one pupil against another.',
  noYear: 'No academic year has been set up yet. Add one under Years and calendar first.',
  scope: 'Counted: approved, published and closed activities of {{year}}.',
  scopeSeason: 'Season: {{season}}',
  scopeGrade: 'Grade: {{grade}}',
  filter: {
    label: 'Filter the reports',
    year: 'Academic year',
    season: 'Season',
    allSeasons: 'All seasons',
    grade: 'Grade',
    allGrades: 'All grades',
    submit: 'Show',
    clear: 'Clear filters',
  },
  contents: 'On this page',
  summary: {
    title: 'Overview',
    rate: 'Attendance rate',
    hours: 'Social-practice hours',
    consentReturn: 'Consent return rate',
    awards: 'Awards',
  },
  download: 'Download CSV',
  downloadLabel: 'Download “{{title}}” as CSV',
  tableLabel: 'Table: {{title}}',
  chartDescription: 'Horizontal bar chart; the table beside it gives every figure.',
  noStrand: 'No strand',
  noValue: '—',
  sections: {
    byGrade: {
      title: 'Attendance rate by grade',
      definition:
        'Attendance rate = attendances ÷ marked places (attended + absent + excused); places not yet marked do not count. Grades are those of the class the pupil was in at the time.',
      empty: 'No attendance has been recorded in this selection yet.',
    },
    byClass: {
      title: 'Attendance rate by class',
      definition:
        'Attendance rate = attendances ÷ marked places, by the class the pupil was in at the time, even after moving up a year.',
      empty: 'No attendance has been recorded in this selection yet.',
    },
    byStrand: {
      title: 'Attendance rate by strand',
      definition:
        'Attendance rate = attendances ÷ marked places; activities outside any strand make one row per season.',
      empty: 'No attendance has been recorded in this selection yet.',
    },
    bySeason: {
      title: 'Attendance rate by season',
      definition:
        'Attendance rate = attendances ÷ marked places, totalled by the season each activity belongs to.',
      empty: 'No attendance has been recorded in this selection yet.',
    },
    hoursByCategory: {
      title: 'Social-practice hours by grade',
      definition:
        "Hours = the hours recorded for pupils who attended (or the activity's set hours where none were recorded); pupils = those who attended at least once, each counted once.",
      empty: 'No attendance at a social-practice activity in this selection yet.',
    },
    consentsByActivity: {
      title: 'Consent returns by activity',
      definition:
        'Return rate = answered (given + refused) ÷ requests sent; consent rate = given ÷ requests sent.',
      empty: 'No consent requests were sent for activities in this selection.',
    },
    consentsByGrade: {
      title: 'Consent returns by grade',
      definition:
        'Worked out as above, by the class the pupil attended with (or their current class if not on the sheet).',
      empty: 'No consent requests were sent for activities in this selection.',
    },
    awardsByGrade: {
      title: 'Awards by grade',
      definition:
        "Individual and team awards count in the grade of the class each pupil was in at the time; a class award counts once, in its class's grade. Pupils recognised = pupils named in individual or team awards, each counted once; class awards name no pupils. A team spanning two grades counts once in each.",
      empty: 'No awards in this selection yet.',
    },
    awardsByStrand: {
      title: 'Awards by strand',
      definition:
        'Awards and pupils recognised by the strand of the awarding activity; activities outside any strand make one row per season.',
      empty: 'No awards in this selection yet.',
    },
    awardsByLevel: {
      title: 'Awards by level',
      definition:
        "Awards by level, a contest's own award names listed separately. Counts only: no pupil is ranked.",
      empty: 'No awards in this selection yet.',
    },
    awardsByScope: {
      title: 'Awards by scope',
      definition: 'Awards and pupils recognised by scope: school, district, city or national.',
      empty: 'No awards in this selection yet.',
    },
  },
  columns: {
    grade: 'Grade',
    class: 'Class',
    strand: 'Strand',
    season: 'Season',
    activity: 'Activity',
    date: 'Date',
    attended: 'Attended',
    absent: 'Absent',
    excused: 'Excused',
    marked: 'Marked',
    rate: 'Attendance rate',
    hours: 'Hours',
    pupils: 'Pupils',
    total: 'Total',
    requested: 'Sent',
    given: 'Given',
    refused: 'Refused',
    pending: 'Not answered',
    returnRate: 'Return rate',
    givenRate: 'Consent rate',
    level: 'Level',
    awardScope: 'Scope',
    pupilAwards: 'Individual',
    teamAwards: 'Team',
    classAwards: 'Class',
    awards: 'Awards',
    awardedPupils: 'Pupils recognised',
  },
  chart: {
    share: '{{rate}} ({{part}}/{{whole}})',
    amount: '{{hours}} h · {{pupils}} pupils',
    legend: 'Legend',
    awards: '{{awards}} awards · {{pupils}} pupils',
  },
  csv: {
    percent: '{{header}} (%)',
    grouped: '{{group}}: {{header}}',
    fileName: '{{title}} {{year}} - {{school}} {{today}} {{user}}',
  },
}
