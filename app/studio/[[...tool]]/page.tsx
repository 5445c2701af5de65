import {Suspense} from 'react'
import {connection} from 'next/server'
import {LOCAL_DATASET, LOCAL_PROJECT_ID, localStudioApiHost, readContentEnv} from '@/lib/env.mjs'
import {Studio} from './Studio'

export default function StudioPage() {
  return (
    <Suspense>
      <StudioForProject />
    </Suspense>
  )
}

/** The project comes from the server's environment at request time, so one build serves any project. */
async function StudioForProject() {
  await connection()
  const env = readContentEnv()
  if (env.source === 'sanity') return <Studio projectId={env.projectId} dataset={env.dataset} apiHost={env.apiHost} />
  // No project: the bundled dataset, through the local backend `npm start` runs beside the site.
  const localHost = localStudioApiHost()
  if (localHost) return <Studio projectId={LOCAL_PROJECT_ID} dataset={LOCAL_DATASET} apiHost={localHost} />
  return <NotConfigured />
}

function NotConfigured() {
  return (
    <main style={{maxWidth: '40rem', margin: '2rem auto', padding: '0 1rem', fontFamily: 'system-ui, sans-serif', lineHeight: 1.6}}>
      <h1>Studio: no Sanity project connected</h1>
      <p>
        The site is running on the bundled dataset (<code>sanity/seed/production.ndjson</code>). Start it with <code>npm start</code> to
        edit that dataset here through a local backend, with no account. For a team, connect a Sanity project:
      </p>
      <ol>
        <li>Create a project at sanity.io/manage and add this site&apos;s URL as a CORS origin with credentials.</li>
        <li>
          Import the bundled dataset:{' '}
          <code>SANITY_PROJECT_ID=&lt;id&gt; npx sanity dataset import sanity/seed/production.ndjson production</code>
        </li>
        <li>
          Set <code>SANITY_PROJECT_ID</code> (and <code>SANITY_DATASET</code> if not <code>production</code>) in <code>.env.local</code>,
          then restart the server and open <code>/studio</code> again.
        </li>
      </ol>
      <p>See docs/deploy.md, “Connecting a Sanity project”.</p>
    </main>
  )
}
