/*
 * The bundled mock platform's address, a product constant both sides read: the client's default target
 * (main/core) and the command that starts the mock (main/cli, main/demo). It lives here, not in mock-platform/,
 * so that the production core never depends on the mock.
 */

/** The port the bundled mock platform listens on unless told otherwise. */
export const DEFAULT_PLATFORM_PORT = 7443;

/**
 * Where the client finds the bundled mock platform when neither `PASSERELLE_PLATFORM_URL` nor a setting names
 * another platform. `localhost` because the platform's test certificate names it.
 */
export const DEFAULT_PLATFORM_URL = `https://localhost:${DEFAULT_PLATFORM_PORT}`;
