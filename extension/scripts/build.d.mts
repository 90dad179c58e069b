export type Target = 'client' | 'server' | 'webview';
export declare const dist: string;
export declare const serverEntry: string;
export declare const TARGETS: readonly Target[];
export declare function buildExtension(options?: { targets?: readonly Target[]; production?: boolean; outdir?: string }): Promise<void>;
