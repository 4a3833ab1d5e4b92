/** The port the bundled mock platform listens on unless told otherwise. */
export const DEFAULT_PLATFORM_PORT = 7443;

/**
 * Where the client finds the bundled mock platform when neither `PASSERELLE_PLATFORM_URL` nor a setting names
 * another platform. `localhost` because the platform's test certificate names it.
 */
export const DEFAULT_PLATFORM_URL = `https://localhost:${DEFAULT_PLATFORM_PORT}`;
