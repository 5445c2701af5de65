/**
 * Editorial records: documents that editors work through in the Studio and readers never see
 * (readers' reports, source checks). They are not content: the bundled dataset's export leaves
 * them out, and the local backend keeps them in a file of their own beside it.
 */
export const EDITORIAL_RECORD_TYPES: readonly string[] = ['readerReport', 'sourceCheck']

export const isEditorialRecordType = (type: unknown) => typeof type === 'string' && EDITORIAL_RECORD_TYPES.includes(type)
