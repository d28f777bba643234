/**
 * For the circuit's tests (Node only): where a constraint of circuits/*.circom is, so a test can say which one its
 * witness violates — by the constraint's text, not a line number that moves with every edit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The line of `constraint` in circuits/`file`; throws unless exactly one line is that constraint. */
export function lineOf(constraint: string, file = "private_vault.circom"): number {
  const lines = readFileSync(path.resolve(import.meta.dirname, "../../circuits", file), "utf8").split("\n");
  const at = lines.findIndex((l) => l.trim() === constraint);
  if (at < 0 || lines.findIndex((l, i) => i > at && l.trim() === constraint) >= 0) throw new Error(`no single line "${constraint}" in ${file}`);
  return at + 1;
}

/** The witness calculator's failure on `template`'s constraint at `line`. */
export const violates = (line: number, template = "PrivateVaultAction") =>
  new RegExp(`Assert Failed\\. Error in template ${template}_\\d+ line: ${line}\\b`);
