/** This package's version, sent in the User-Agent header. Kept in step with package.json by a test. */
export const PACKAGE_VERSION = "0.2.0";
