import type { Catalogue } from '../catalogue'
import type { consents as zh } from '../zh/consents'

export const consents: Catalogue<typeof zh> = {
  statuses: {
    requested: 'Awaiting answer',
    given: 'Given',
    refused: 'Refused',
  },
  photo: {
    none: 'No photos of my child',
    school: 'Within the school only (parents and staff)',
    public: 'May be published publicly',
  },
  validation: {
    chooseAnswer: 'Choose whether you consent or not.',
    choosePhoto: 'Choose how photos may be used.',
  },
  request: {
    when: 'When',
    where: 'Where',
    transport: 'Transport',
    contact: 'Teacher to contact',
    dueOn: 'Answer by',
    noDue: 'No date set',
    notGiven: 'Not given',
    pastDue: '(past the date; you can still answer until the activity starts)',
  },
  staff: {
    title: 'Parental consent: {{title}}',
    fallbackTitle: 'Parental consent',
    lead: '{{when}} · {{venue}}',
    back: 'Back to the activity',
    summary: 'Answers so far',
    waiting: 'Awaiting',
    returnRate: 'Returned',
    percent: '{{value}}%',
    pupils: 'Pupils concerned',
    unsent: 'Not asked yet',
    flaggedTitle_one: '{{count}} pupil marked present without a parent’s consent',
    flaggedTitle_other: '{{count}} pupils marked present without a parent’s consent',
    flaggedLead: 'Please check: ask the parents for a consent slip, or correct the attendance.',
    flaggedPupil: '{{name}} ({{class}}): {{status}}',
    sendTitle: 'Send the request to pupils not yet asked',
    sendLead_one:
      '{{count}} pupil has not been asked yet, for example one added to the participation sheet later. Their parents will get a message.',
    sendLead_other:
      '{{count}} pupils have not been asked yet, for example those added to the participation sheet later. Their parents will get a message.',
    send_one: 'Ask the parents of this {{count}} pupil',
    send_other: 'Ask the parents of these {{count}} pupils',
    sendBlocked_one:
      '{{count}} pupil has not been asked yet. Requests go out once the activity is approved, until it starts.',
    sendBlocked_other:
      '{{count}} pupils have not been asked yet. Requests go out once the activity is approved, until it starts.',
    byClass: 'By class',
    class: 'Class',
    total: 'Total',
    classTally: 'given {{given}} · refused {{refused}} · awaiting {{waiting}}',
    names: 'Pupils',
    number: 'No.',
    name: 'Name',
    answer: 'Answer',
    answeredAt: 'Answered',
    answeredBy: 'Answered by',
    note: 'Parent’s note',
    guardian: '{{name}} ({{relation}})',
    noPupils: 'No pupils are concerned yet: choose grades or classes for the activity first.',
    notNeeded:
      'This activity needs no parental consent. To ask parents, edit the activity and set “Parental consent” to “Needed”.',
    flash: {
      notNow: 'Requests cannot be sent now: the activity must be approved and not yet started.',
      noneToSend: 'Every pupil has been asked already; nothing to send.',
      sent_one: 'The consent request went to the parents of {{count}} pupil.',
      sent_other: 'The consent request went to the parents of {{count}} pupils.',
    },
  },
  family: {
    title: 'Consent requests',
    lead: 'Before an activity outside the school, the school asks whether you agree to your child taking part. Please answer before it starts. You can also choose here how photos of your child may be used.',
    noChildren: 'No pupil is linked to your account yet. Please contact the class teacher.',
    child: '{{name}} · {{class}}',
    pending_one: 'Awaiting your answer ({{count}})',
    pending_other: 'Awaiting your answer ({{count}})',
    nonePending: 'Nothing awaits your answer.',
    answered: 'Answered',
    past: 'Started or finished',
    note: 'Note for the teacher (optional)',
    noteHint: 'Medicine, pick-up arrangements and the like; up to {{max}} characters.',
    give: 'I consent',
    refuse: 'I do not consent',
    buttonContext: '({{child}}: {{title}})',
    answeredBy: 'Answered by {{name}} on {{when}}',
    school: 'the school',
    yourNote: 'Note: {{note}}',
    change: 'Change the answer',
    changeHint: 'You can change it until the activity starts; the teacher sees the latest answer.',
    closed:
      'The activity has started: answers can no longer be given or changed. Please call the teacher instead.',
    flash: {
      given: 'Answered: you consent. Thank you!',
      refused: 'Answered: you do not consent. The teacher will see your answer.',
      photoSaved: 'Your photo choice has been saved.',
    },
  },
  photoForm: {
    title: 'Photos',
    legend: 'How may the school use photos of {{name}}?',
    setBy: 'Chosen by {{name}} on {{when}}.',
    notSet: 'Not chosen yet: the school uses no photos of your child.',
    save: 'Save photo choice',
    help: {
      none: 'Your child does not appear in recaps or news; group photos are chosen or covered accordingly.',
      school:
        'Photos stay within the school: in recaps only signed-in parents and staff can see, never published.',
      public:
        'Photos may appear in the school’s public news, which anyone can read; your child’s name is still shown only as surname + 同学.',
    },
  },
}
