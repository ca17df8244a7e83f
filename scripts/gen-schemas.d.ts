/** Schema file → exported constant name. */
export declare const SCHEMAS: Readonly<Record<string, string>>;
/** The generated module's text. */
export declare function generate(): string;
/** Where the generated module goes. */
export declare const OUTPUT: string;
/** The ajv standalone validators' text. */
export declare function generateValidators(): string;
/** Where the standalone validators go. */
export declare const VALIDATORS_OUTPUT: string;
