/* The inputs of a `Certificate`, for its operations and its resource class. */

/** The inputs a program gives. */
export const CERTIFICATE_INPUT_NAMES = ["certificate", "name", "minRemainingValidity"] as const;

/**
 * The id given with the `import` resource option, carried as an input: the engine's import step
 * calls a provider's `read` with no properties, so a dynamic provider (whose code is one of those
 * properties) cannot be found for it; `create` adopts the certificate instead of uploading it.
 */
export const IMPORT_ID_INPUT = "importId";
