// Unit tests import server modules directly; the real `server-only` throws outside a server bundle.
export {}
