import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { RowAction } from '~/components/row-action'
import { SelectField, TextField } from '~/components/ui/field'
import { TaskSchema } from '~/domain/activity-schemas'
import { formatDay } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { StaffData } from './route'

export function AddTaskForm({ staff }: { staff: StaffData['staff'] }) {
  const { t } = useTranslation()
  // Typed by the parsed values: zod's coerce leaves the input type unknown.
  const [form, fields] = useForm<output<typeof TaskSchema>>({
    id: 'add-task',
    lastResult: useFormReply('add-task'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TaskSchema }),
  })
  return (
    <Form method="post" className="inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-task" />
      <TextField meta={fields.title} label={t('activities.tasks.task')} />
      <SelectField meta={fields.ownerId} label={t('activities.tasks.owner')}>
        <option value="">{t('activities.tasks.noOwner')}</option>
        {staff.map((person) => (
          <option key={person.id} value={person.id}>
            {person.label}
          </option>
        ))}
      </SelectField>
      <TextField meta={fields.dueOn} label={t('activities.tasks.dueOn')} type="date" />
      <button type="submit" className="button button-secondary">
        {t('activities.tasks.add')}
      </button>
    </Form>
  )
}

export function Tasks({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { tasks, canEdit, staff } = data
  return (
    <section id="tasks" className="card stack" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('activities.tasks.title')}</h2>
      {tasks.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('activities.tasks.task')}</th>
                <th scope="col">{t('activities.tasks.owner')}</th>
                <th scope="col">{t('activities.tasks.dueOn')}</th>
                <th scope="col">{t('activities.tasks.status')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td>{task.title}</td>
                  <td>{task.ownerName ?? <span className="muted">{t('activities.tasks.noOwner')}</span>}</td>
                  <td>{task.dueOn ? formatDay(task.dueOn, locale) : t('activities.tasks.noDue')}</td>
                  <td>
                    <span className={task.doneAt ? 'badge' : 'badge badge-muted'}>
                      {task.doneAt ? t('activities.tasks.done') : t('activities.tasks.open')}
                    </span>
                  </td>
                  {canEdit ? (
                    <td className="cell-actions">
                      <RowAction
                        intent="toggle-task"
                        values={{ taskId: task.id, done: task.doneAt ? '0' : '1' }}
                        label={task.doneAt ? t('activities.tasks.undo') : t('activities.tasks.markDone')}
                        who={task.title}
                      />
                      <RowAction
                        intent="delete-task"
                        values={{ taskId: task.id }}
                        label={t('common.delete')}
                        who={task.title}
                        danger
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('activities.tasks.empty')}</p>
      )}
      {canEdit ? (
        <div className="subform">
          <h3>{t('activities.tasks.addTitle')}</h3>
          {/* Keyed by the count so the form starts empty again once a task is added. */}
          <AddTaskForm key={tasks.length} staff={staff} />
        </div>
      ) : null}
    </section>
  )
}
