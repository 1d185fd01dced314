import type { Catalogue } from '../catalogue'
import type { roster as zh } from '../zh/roster'

export const roster: Catalogue<typeof zh> = {
  title: 'Pupil roster',
  lead: 'Import and export pupils and parent accounts, keep pupils linked to their parents, and move every class up a grade at the end of the school year.',
  back: '← Pupil roster',
  export: 'Export roster (CSV)',
  columns: {
    studentNumber: 'Student number',
    name: 'Name',
    className: 'Class',
    guardianName: 'Parent’s name',
    guardianPhone: 'Parent’s mobile',
    relation: 'Relation',
  },
  status: { active: 'Enrolled', inactive: 'Deactivated', graduated: 'Graduated' },
  upload: {
    title: 'Import a roster',
    lead: 'Upload a CSV file to check it first; nothing is stored until you confirm. If any row is wrong, none of the file is imported.',
    file: 'Roster file (CSV)',
    fileAgain: 'Choose the corrected file',
    fileHint:
      'From Excel, “Save as” either “CSV (Comma delimited)” or “CSV UTF-8”; at most {{maxMb}} MB and {{maxRows}} rows.',
    check: 'Check file',
    checking: 'Checking…',
    formatTitle: 'How the file should look',
    formatColumns:
      'The first row is the header: student_number, name, class, in any order. The Chinese headers 学号, 姓名, 班级 work too.',
    formatGuardian:
      'To open parent accounts at the same time, add the three columns guardian_name, guardian_phone and relation (all three or none). For a pupil with two parents, write two rows with the same number, name and class.',
    formatClass:
      'A class may be written 五(2)班, 5(2)班 or 5-2, and must be one of the school’s current classes.',
    formatEncoding:
      'UTF-8 (with or without BOM) and GBK, which Excel on Chinese Windows saves, are both read.',
    formatUpdate:
      'Pupils are matched by student number: a known number updates that pupil’s name and class instead of adding a second record. Parents are matched by mobile number: known parents are linked, new ones get an account with a one-time password.',
  },
  problems: {
    title: 'The file has problems; nothing was imported',
    titleFile: '“{{file}}” has problems; nothing was imported',
    rowsSummary_one:
      '{{count}} of {{rows}} data rows is wrong. Correct it in the spreadsheet and upload the file again.',
    rowsSummary_other:
      '{{count}} of {{rows}} data rows are wrong. Correct them in the spreadsheet and upload the file again.',
    fileSummary: 'Change the file as described below and upload it again.',
    tableLabel: 'Problems in the file',
    line: 'Line',
    column: 'Column',
    problem: 'Problem',
    wholeFile: 'Whole file',
    more_one: '{{count}} more problem is not listed.',
    more_other: '{{count}} more problems are not listed.',
  },
  errors: {
    tooBig:
      'The file is larger than {{maxMb}} MB, which is not what a roster looks like. Keep only the roster’s columns and save it as CSV.',
    notText:
      'This is not a text CSV file. In Excel choose “Save as” → “CSV (Comma delimited)” and upload that.',
    unreadable: 'The file did not arrive complete. Please choose it and upload it again.',
    noFile: 'Choose the CSV file to upload (it cannot be empty).',
    empty: 'The file is empty.',
    noRows: 'The file has a header but no pupils.',
    tooManyRows:
      'The file has {{count}} data rows, more than the {{max}} one import takes. Import it in parts.',
    malformed:
      'The file is not well-formed CSV (a quotation mark is not closed). Save it again as CSV from Excel.',
    missingColumns: 'Required columns are missing: {{columns}}.',
    missingGuardianColumns: 'The three parent columns come together; missing: {{columns}}.',
    unknownColumns:
      'Columns not recognised: {{columns}}. Remove them or use the header names described above.',
    repeatedColumns: 'These columns appear more than once: {{columns}}.',
    extraCells:
      'This row has {{count}} cells, more than the {{expected}} columns of the header; a value may contain a stray comma.',
    missingCells: 'This row has only {{count}} cells, fewer than the {{expected}} columns of the header.',
    numberRequired: 'The student number is missing.',
    numberFormat: 'A student number has letters, digits, - and _ only, at most 32 characters.',
    numberScientific:
      'Excel shows this student number in scientific notation. Format the column as Text, type the numbers again and save.',
    nameRequired: 'The pupil’s name is missing.',
    tooLong: 'At most {{max}} characters.',
    classRequired: 'The class is missing.',
    unknownClass: 'The school has no class “{{value}}”.',
    guardianNameRequired: 'A parent’s mobile or relation is given but not their name.',
    badPhone: '“{{value}}” is not a valid 11-digit mobile number.',
    unknownRelation: 'Relation “{{value}}” is not recognised; write mother, father, grandparent or guardian.',
    phoneOfAnother:
      'On line {{line}} this mobile number belongs to “{{name}}”; one number can belong to one parent only.',
    duplicateNumber:
      'Student number {{value}} already appears on line {{line}}. A second row for a pupil only adds a second parent, with the same name and class.',
    phoneForNewGuardian:
      '“{{name}}” is not yet this pupil’s parent: give their mobile number to open an account.',
    changed:
      'Someone changed the roster while this import ran, so nothing was imported. Upload the file again.',
  },
  warnings: {
    title_one: '{{count}} name looks garbled',
    title_other: '{{count}} names look garbled',
    lead: 'These names look as if the file was opened somewhere with the wrong encoding and saved again. You can import them as they are, but it is better to upload the original file (or save it again as CSV in Excel with the right encoding).',
    gbkReadAsUtf8:
      '“{{value}}” contains the replacement character �: the file was saved as GBK but read as UTF-8 somewhere, and some characters were lost.',
    utf8ReadAsGbk:
      '“{{value}}” contains garbled text such as “锟斤拷”: the file was saved as UTF-8 but read as GBK somewhere.',
    utf8ReadAsLatin:
      '“{{value}}” looks garbled (Ã, â€ and the like): the file was saved as UTF-8 but read as Western European (Latin-1) somewhere.',
    gbkReadAsLatin:
      '“{{value}}” has only Western letters in a Chinese name column: the file was saved as GBK but read as Western European (Latin-1) somewhere.',
  },
  preview: {
    title: 'Check of {{file}}',
    lead: 'The file is {{encoding}} and every row is fine. Review the changes below; nothing is stored until you confirm.',
    newPupils: 'New pupils',
    updatedPupils: 'Updated pupils',
    unchanged: 'Unchanged',
    newGuardians: 'New parent accounts',
    links: 'Parent links added or changed',
    newTitle: 'Pupils to add',
    updatedTitle: 'Pupils to update',
    changes: 'Changes',
    nameChange: 'was {{from}}',
    classChange: 'was in {{from}}',
    reactivated: 'enrolled again',
    more_one: '{{count}} more pupil is not listed.',
    more_other: '{{count}} more pupils are not listed.',
    nothing: 'The file matches the roster: there is nothing to import.',
    confirmHint:
      'Confirming writes every change at once. New parents’ initial passwords are shown once on the next page: be ready to print or copy them.',
    confirm: 'Import',
    importing: 'Importing…',
    cancel: 'Cancel',
  },
  done: {
    title: 'Roster imported',
    summary:
      '{{newPupils}} pupils added, {{updatedPupils}} updated, {{unchanged}} unchanged; {{links}} parent links added or changed.',
    noAccounts: 'No new parent accounts were opened this time.',
  },
  issued: {
    title_one: '{{count}} new parent account',
    title_other: '{{count}} new parent accounts',
    handOver:
      'The initial passwords are shown this once and cannot be seen again after you leave this page. Print or copy them and hand them to each parent in person or through the class teacher; parents set their own password when they first sign in.',
    tableLabel: 'New parent accounts and one-time passwords',
    guardian: 'Parent',
    children: 'Children',
    username: 'Username',
    password: 'One-time password',
    print: 'Print this page',
  },
  overview: {
    title_one: 'Pupils by class ({{count}} in all)',
    title_other: 'Pupils by class ({{count}} in all)',
    lead: '{{withGuardian}} of {{total}} enrolled pupils are linked to a parent account. Choose a class to see its pupils.',
    noClasses: 'The school has no classes yet: add grades and classes in the school settings first.',
    grade: 'Grade',
    classes: 'Classes',
    classCount_one: '{{count}} pupil',
    classCount_other: '{{count}} pupils',
    pupils: 'Pupils',
    withGuardian: 'With a parent account',
  },
  search: {
    title: 'Find a pupil',
    query: 'Name or student number',
    allClasses: 'All classes',
    submit: 'Find',
    clear: 'Clear',
    hint: 'Type a name or student number, or choose a class, to see and change a pupil and their parents.',
    noMatch: 'No pupil matches.',
    showingFirst_one: 'Showing the first {{count}} only; narrow the search.',
    showingFirst_other: 'Showing the first {{count}} only; narrow the search.',
    status: 'Status',
  },
  pupil: {
    title: '{{name}}',
    number: 'Student number {{number}}',
    editTitle: 'Pupil details',
    addTitle: 'Add a pupil',
    chooseClass: 'Choose a class',
    add: 'Add pupil',
    added: 'Pupil added.',
    save: 'Save',
    saved: 'Pupil saved.',
    active: 'Enrolled',
    activeHint: 'Untick for a pupil who moved away or paused school; their records stay.',
    archivedClass: '{{name}} (past class)',
    graduatedOn: 'Graduated {{date}}',
  },
  guardians: {
    title_one: 'Parents ({{count}})',
    title_other: 'Parents ({{count}})',
    none: 'No parent account is linked yet.',
    username: 'Username',
    usernameHint: 'The username the parent signs in with; it must be a parent account of this school.',
    chooseRelation: 'Choose the relation',
    linkTitle: 'Link an existing parent account',
    link: 'Link',
    linked: 'Parent linked.',
    createTitle: 'Open an account for a new parent',
    createLead:
      'A one-time initial password is shown once. If a parent account already has this mobile number, that account is linked instead.',
    phoneHint: '11-digit mobile number; roster imports recognise the parent by it.',
    create: 'Open account and link',
    phoneKnown:
      'A parent account already has this mobile number: it was linked, and no new account was opened.',
    unlink: 'Unlink',
    unlinked: 'Parent unlinked; their account itself stays.',
  },
  validation: {
    numberTaken: 'Another pupil of the school has this student number.',
    archivedClass: 'This is a past class: an enrolled pupil needs one of this year’s classes.',
    noParent: 'The school has no parent account with this username.',
    phone: 'Enter a valid 11-digit mobile number.',
  },
  rollover: {
    link: 'Year rollover',
    title: 'Year rollover',
    lead: 'Before a new school year, every class moves up a grade and the top grade graduates. Past classes and records stay.',
    from: 'Current year',
    to: 'Next year',
    graduationDate: 'Graduation date',
    movesTitle_one: 'Moving up a grade ({{count}} pupil)',
    movesTitle_other: 'Moving up a grade ({{count}} pupils)',
    currentClass: 'Class now',
    newClass: 'Class next year',
    graduatingTitle_one: 'Graduating ({{count}} pupil)',
    graduatingTitle_other: 'Graduating ({{count}} pupils)',
    graduatingClass_one: '{{name}}: {{count}} pupil graduates',
    graduatingClass_other: '{{name}}: {{count}} pupils graduate',
    early:
      '{{year}} only starts on {{date}}. Schools usually roll over in the summer holiday: make sure you mean to do it now.',
    confirmTitle: 'Confirm the rollover',
    history:
      'Each class gets a new class for the new year (with the same class teacher), and the old one becomes a past class. Past activities, attendance and parent links are untouched. A rollover cannot be undone.',
    confirmLabel: 'I have checked this: move from {{from}} into {{to}}',
    confirmRequired: 'Tick the box to confirm first.',
    submit: 'Move into {{year}}',
    running: 'Moving up…',
    done_one: 'Year rollover done: {{count}} pupil moved up or graduated.',
    done_other: 'Year rollover done: {{count}} pupils moved up or graduated.',
    noYears: 'The school has no academic years yet, so there is nothing to roll over into.',
    noNextYear:
      'There is no academic year after {{year}} yet. Add the next year under “Years and calendar” first.',
    noClasses: 'The school has no current classes: there is nothing to move up.',
    missingGrades:
      'The school does not have these grades yet: {{levels}}. Create them in the school settings first.',
    alreadyDone: 'The roster is already in {{year}}; it was not moved up a second time.',
    changed:
      'The academic years changed just now, so nothing moved. Review the new plan below and confirm again.',
    toCalendar: 'Go to years and calendar',
    toGrades: 'Go to school settings',
  },
}
