/** Keel's risk model and steward rules: see docs/risk-model.md. */
export * from "./bounds";
export * from "./inputs";
export * from "./model";
export * from "./steward";
