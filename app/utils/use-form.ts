import { useForm as useConformForm } from '@conform-to/react'

/**
 * conform's useForm, re-rendering when any field's errors change. conform only tracks what the
 * component calling useForm reads while rendering, and our field components read their errors in
 * their own render, so without this a form checked in the browser focused the first bad field but
 * showed no message.
 *
 * A field once checked is checked again as the person types: its message goes away while they fix
 * it, not when they leave the field, whose layout shift could make the click on Save miss the button.
 */
export const useForm: typeof useConformForm = (options) => {
  const result = useConformForm({ shouldRevalidate: 'onInput', ...options })
  void result[0].allErrors
  return result
}
