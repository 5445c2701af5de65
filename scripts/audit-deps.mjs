#!/usr/bin/env node
// `npm run audit:deps`: `npm audit --omit=dev --audit-level=high`. Exit codes: 0 when an audit ran
// and found nothing high or critical; 1 when it found something; NOT_AUDITED (3) when no audit
// could run because the registry's audit endpoint does not answer (some mirrors refuse it with
// 405). No result is never a pass: the caller decides what to do with 3 (.ci/run says so and goes on).
import {spawnSync} from 'node:child_process'

const NOT_AUDITED = 3

// An explicit log level: under `npm run --silent` the child npm would otherwise say nothing, and its
// refusal could not be told from a finding.
const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--loglevel=warn'], {encoding: 'utf8'})
process.stdout.write(run.stdout)
process.stderr.write(run.stderr)
if (run.status === 0) process.exit(0)
if (/audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|405 Method Not Allowed/.test(`${run.stdout}${run.stderr}`)) {
  console.error('npm audit: the registry audit endpoint is unavailable here; dependency audit NOT performed.')
  process.exit(NOT_AUDITED)
}
process.exit(run.status ?? 1)
