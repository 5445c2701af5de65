import type {OperatorSummary} from '@/lib/content/types'

/** The operators as a `<select name="operator">`, for the GET forms that pick one (checklist, compare). */
export function OperatorSelect({
  operators,
  chosen,
  placeholder,
  required,
}: {
  operators: OperatorSummary[]
  chosen: string | undefined
  placeholder: string
  required?: boolean
}) {
  return (
    <select name="operator" required={required} defaultValue={chosen ?? ''}>
      <option value="">{placeholder}</option>
      {operators.map((operator) => (
        <option key={operator._id} value={operator.slug}>
          {operator.name}
        </option>
      ))}
    </select>
  )
}
