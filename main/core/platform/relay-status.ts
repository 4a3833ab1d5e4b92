/** Status of a TLS relay failure; the body names the failure's code for the parent's typed errors. */
export const RELAY_FAILURE_STATUS = 599;
