import { describe, expect, it, vi } from "vitest";
import { readOnce } from "./read-once";

describe("readOnce", () => {
  it("reads a key once and shares the answer, in flight and after", async () => {
    const read = vi.fn(async () => "0xadmin");
    const [a, b] = await Promise.all([readOnce("t1", read), readOnce("t1", read)]);
    expect(await readOnce("t1", read)).toBe("0xadmin");
    expect([a, b]).toEqual(["0xadmin", "0xadmin"]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("keeps keys apart", async () => {
    expect(await readOnce("t2:a", async () => 1)).toBe(1);
    expect(await readOnce("t2:b", async () => 2)).toBe(2);
  });

  it("drops a failed read, so the next call reads again", async () => {
    const read = vi.fn().mockRejectedValueOnce(new Error("RPC down")).mockResolvedValueOnce("0xadmin");
    await expect(readOnce("t3", read)).rejects.toThrow("RPC down");
    expect(await readOnce("t3", read)).toBe("0xadmin");
    expect(await readOnce("t3", read)).toBe("0xadmin");
    expect(read).toHaveBeenCalledTimes(2);
  });
});
