import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {DEFAULT_API_VERSION} from '../lib/content/env'
import {SINGLETONS, schemaTypes} from './schemaTypes'
import {structure} from './structure'

export type StudioTarget = {projectId: string; dataset: string; apiHost?: string}

const singletonTypes = new Set<string>(Object.keys(SINGLETONS))

/** The Studio, for the embedded /studio route and the `sanity` CLI alike. */
export function createStudioConfig({projectId, dataset, apiHost}: StudioTarget) {
  return defineConfig({
    name: 'kz-sim-guide',
    title: 'KZ SIM Guide',
    basePath: '/studio',
    projectId,
    dataset,
    ...(apiHost ? {apiHost} : {}),
    schema: {
      types: schemaTypes,
      // Singletons cannot be created from "new document" menus.
      templates: (templates) => templates.filter(({schemaType}) => !singletonTypes.has(schemaType)),
    },
    document: {
      // …nor duplicated or deleted.
      actions: (actions, {schemaType}) =>
        singletonTypes.has(schemaType)
          ? actions.filter(({action}) => action && ['publish', 'discardChanges', 'restore'].includes(action))
          : actions,
    },
    plugins: [structureTool({structure}), visionTool({defaultApiVersion: DEFAULT_API_VERSION})],
  })
}
