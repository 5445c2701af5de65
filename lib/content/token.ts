import 'server-only'

/**
 * The door to the server's secrets: code that needs one imports it from here, and `server-only`
 * makes importing this from a client component a build error.
 */
export {readToken, revalidateSecret, writeToken} from '../env.mjs'
