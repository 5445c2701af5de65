// Type declarations for the outside checkers the standards tests use; neither package ships its own.
declare module 'vnu-jar' {
  /** The path of the W3C Nu HTML Checker's jar. */
  const jarPath: string
  export default jarPath
}

declare module 'structured-data-testing-tool' {
  export type StructuredDataTest = {test: string; type?: string; expect?: unknown; description?: string; error?: {message: string}}
  export type StructuredDataResult = {
    passed: StructuredDataTest[]
    failed: StructuredDataTest[]
    warnings: StructuredDataTest[]
    schemas: string[]
  }
  export type Preset = {name: string; description: string}
  export function structuredDataTest(
    input: string | Buffer,
    options?: {presets?: Preset[]; schemas?: string[]; auto?: boolean},
  ): Promise<StructuredDataResult>
}

declare module 'structured-data-testing-tool/presets' {
  import type {Preset} from 'structured-data-testing-tool'
  export const Google: Preset
  export const SocialMedia: Preset
}
