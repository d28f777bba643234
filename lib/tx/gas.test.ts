import { expect, it } from "vitest";
import { withGasMargin } from "./gas";

it("sends 30 % over the estimate, rounded down", () => {
  expect(withGasMargin(100_000n)).toBe(130_000n);
  expect(withGasMargin(7n)).toBe(9n);
});
