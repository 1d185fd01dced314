import { useForm as useConformForm } from '@conform-to/react'

/**
 * conform's useForm, re-rendering when any field's errors change. conform only tracks what the
 * component calling useForm reads while rendering, and our field components read their errors in
 * their own render, so without this a form checked in the browser focused the first bad field but
 * showed no message.
 */
export const useForm: typeof useConformForm = (options) => {
  const result = useConformForm(options)
  void result[0].allErrors
  return result
}
