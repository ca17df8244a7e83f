export declare const LAYERS: Record<string, number>;
export declare const LAYER_RULES: { dir: string; forbidden: string[] }[];
