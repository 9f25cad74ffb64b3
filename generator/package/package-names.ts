/** What npm accepts as a package name and a version, checked where the user writes them (config or flag). */

/** npm's rules for new packages: lower case, URL-safe, an optional `@scope/`, at most 214 characters. */
export const PACKAGE_NAME = /^(?=.{1,214}$)(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
export const PACKAGE_NAME_TEXT = "must be an npm package name (lower case, e.g. '@state/schemas')";

/** Semantic Versioning 2.0.0 without build metadata (npm drops it). */
export const PACKAGE_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
export const PACKAGE_VERSION_TEXT = "must be a semantic version without build metadata (e.g. '1.4.0')";
