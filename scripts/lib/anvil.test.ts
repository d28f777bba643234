import { describe, expect, it } from "vitest";
import { freePort, startAnvil } from "./anvil";

describe("startAnvil", () => {
  it("says when anvil dies on its own (what npm run dev prints before it stops)", async () => {
    const anvil = await startAnvil({ port: await freePort() });
    const death = new Promise<string>((resolve) => anvil.onDeath(resolve));
    anvil.process.kill("SIGKILL");
    expect(await death).toBe(
      `anvil for chain 31337 on ${anvil.url} was killed (SIGKILL): the app can no longer read or send anything on that chain.`,
    );
  });

  it("says nothing when it is stopped on purpose", async () => {
    const anvil = await startAnvil({ port: await freePort() });
    let said: string | null = null;
    anvil.onDeath((why) => (said = why));
    await anvil.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(said).toBeNull();
  });
});
