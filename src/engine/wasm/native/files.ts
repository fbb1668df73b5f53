/** The built modules' file names in native/out/ (build.ts writes them, the loaders read them). */
export const NATIVE_FILES = { plain: 'cnn-kernels.wasm', shared: 'cnn-kernels-shared.wasm' } as const;
