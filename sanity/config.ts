import {visionTool} from '@sanity/vision'
import {createClient} from '@sanity/client'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {DEFAULT_API_VERSION} from '../lib/env'
import {isEditorialRecordType} from '../lib/content/record-types'
import {SINGLETONS, schemaTypes} from './schemaTypes'
import {structure} from './structure'
import {MarkVerifiedAction} from './studio/MarkVerifiedAction'
import {presentation} from './studio/presentation'

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
    // Another host answering Sanity's API (the local backend): its clients must not prefix the project id to it.
    ...(apiHost ? {apiHost, unstable_clientFactory: (options) => createClient({...options, useProjectHostname: false})} : {}),
    schema: {
      types: schemaTypes,
      // Singletons cannot be created from "new document" menus, nor editorial records, which the server writes.
      templates: (templates) => templates.filter(({schemaType}) => !singletonTypes.has(schemaType) && !isEditorialRecordType(schemaType)),
    },
    document: {
      actions: (actions, {schemaType}) => {
        // …nor duplicated or deleted.
        if (singletonTypes.has(schemaType)) return actions.filter(({action}) => action && ['publish', 'discardChanges', 'restore'].includes(action))
        // Re-checking a policy's sources is the most frequent edit: one step, next to Publish.
        if (schemaType === 'policy') return [actions[0]!, MarkVerifiedAction, ...actions.slice(1)]
        return actions
      },
    },
    plugins: [structureTool({structure}), presentation, visionTool({defaultApiVersion: DEFAULT_API_VERSION})],
  })
}
