/**
 * @module model/request
 * The request context that conditions are evaluated against.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** A context value: a single-valued key holds a string, a multi-valued key an array. */
export type ContextValue = string | readonly string[];

/**
 * Condition keys → values. Keys are case-folded (`aws:principalarn`), because condition key
 * names are case-insensitive. Booleans and numbers are held as their text (`"true"`, `"90"`).
 */
export type RequestContext = ReadonlyMap<string, ContextValue>;
