import {visionTool} from '@sanity/vision'
import {createClient} from '@sanity/client'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {DEFAULT_API_VERSION, LOCAL_PROJECT_ID} from '../lib/env.mjs'
import {isEditorialRecordType} from '../lib/content/record-types'
import {SINGLETONS, schemaTypes} from './schemaTypes'
import {structure} from './structure'
import {MarkVerifiedAction} from './studio/MarkVerifiedAction'
import {recordingTranslations, TranslationsMatchAction} from './studio/translations'
import {presentation} from './studio/presentation'
import {DismissAction, MarkUsefulAction} from './studio/ReportActions'

export type StudioTarget = {projectId: string; dataset: string; apiHost?: string}

const singletonTypes = new Set<string>(Object.keys(SINGLETONS))

/**
 * The local backend keeps no releases (no versions, no release actions, no schedules), no tasks and
 * no comments (which live in a project's add-on dataset): a tool that could not work is not
 * offered. A real project keeps them all.
 */
const WITHOUT_PROJECT_SERVICES = {
  releases: {enabled: false},
  scheduledDrafts: {enabled: false},
  scheduledPublishing: {enabled: false},
  tasks: {enabled: false},
}

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
    ...(projectId === LOCAL_PROJECT_ID ? WITHOUT_PROJECT_SERVICES : {}),
    schema: {
      types: schemaTypes,
      // Singletons cannot be created from "new document" menus, nor editorial records, which the server writes.
      templates: (templates) => templates.filter(({schemaType}) => !singletonTypes.has(schemaType) && !isEditorialRecordType(schemaType)),
    },
    document: {
      ...(projectId === LOCAL_PROJECT_ID ? {comments: {enabled: false}} : {}),
      actions: (previous, {schemaType}) => {
        // A reader's report is read, then marked useful or dismissed (or deleted, if it is spam).
        if (schemaType === 'readerReport') return [MarkUsefulAction, DismissAction, ...previous.filter(({action}) => action === 'delete')]
        // Publishing records what each language of each text was written against (translations.tsx).
        const actions = previous.map((action) => (action.action === 'publish' ? recordingTranslations(action) : action))
        // Singletons are neither duplicated nor deleted.
        const allowed = singletonTypes.has(schemaType)
          ? actions.filter(({action}) => action && ['publish', 'discardChanges', 'restore'].includes(action))
          : actions
        const [publish, ...rest] = allowed
        // Re-checking a policy's sources is the most frequent edit: one step, next to Publish.
        return [publish!, ...(schemaType === 'policy' ? [MarkVerifiedAction] : []), TranslationsMatchAction, ...rest]
      },
    },
    plugins: [structureTool({structure}), presentation, visionTool({defaultApiVersion: DEFAULT_API_VERSION})],
  })
}
