declare module "subset-font" {
  /** Cuts a font (TrueType, WOFF or WOFF2) to the glyphs of `text`: npm subset-font (harfbuzz hb-subset in WebAssembly). */
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: {
      targetFormat?: "sfnt" | "truetype" | "woff" | "woff2";
      keepAllGlyphs?: boolean;
      preserveNameIds?: number[];
      variationAxes?: Record<string, number | { min: number; max: number; default?: number }>;
    },
  ): Promise<Buffer>;
}
