/** The BN254 scalar field: commitments, nullifiers, keys, public inputs and Baby Jubjub coordinates live below it. */
export const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
