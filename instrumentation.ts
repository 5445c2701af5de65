/** Runs once when the server starts, before it answers any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const {startInstance} = await import('./lib/instance')
  await startInstance()
  const {startContentSync} = await import('./lib/content/startup')
  await startContentSync()
}
